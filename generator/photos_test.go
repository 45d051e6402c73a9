package generator

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"regexp"
	"strings"
	"testing"

	"pinzhi/generator/internal/model"
)

func jpegOf(t *testing.T, w, h int) string {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		m.Set(x, x%h, color.RGBA{200, 30, 30, 255})
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestPhotos: a photo in front matter and a picture in a body are offered
// in several sizes and in WebP, with their size set; the body's loads
// lazily; the share card shows the photo.
func TestPhotos(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, "assets/award.jpg", jpegOf(t, 1200, 800))
	put(site, "assets/photos/street.jpg", jpegOf(t, 600, 400))
	put(site, model.IndexFile, strings.Replace(siteText(t), "photo:\n", "photo:\n  src: award.jpg\n", 1))
	put(site, "content/communities/x.md", communityFile("slug: x\n")+"\n![街景](/assets/photos/street.jpg)\n")
	out, _ := mustBuild(t, site, Options{})
	files := readTree(t, out)
	for _, name := range []string{"award-480", "award-960", "award-1200", "photos/street-480", "photos/street-600"} {
		for _, ext := range []string{"jpg", "webp"} {
			re := regexp.MustCompile(`^assets/` + name + `\.[0-9a-f]{10}\.` + ext + `$`)
			found := false
			for f := range files {
				found = found || re.MatchString(f)
			}
			if !found {
				t.Errorf("no %s.%s", name, ext)
			}
		}
	}
	home := files["index.html"]
	if !regexp.MustCompile(`<figure class=photo><picture><source type=image/webp srcset="/pinzhi/assets/award-480\.\w+\.webp 480w, [^"]*1200w"`).MatchString(home) ||
		!strings.Contains(home, ` width=1200 height=800 alt=图为“品质社区”推荐评议活动颁奖现场。>`) || strings.Contains(home, "loading=lazy") ||
		!strings.Contains(home, "<figcaption class=photo-caption>图为“品质社区”推荐评议活动颁奖现场。<span class=credit>（刘波 摄）</span>") {
		t.Errorf("the home page's photo:\n%s", regexp.MustCompile(`<figure.*</figure>`).FindString(home))
	}
	page := files["communities/x/index.html"]
	if !strings.Contains(page, `<picture><source type=image/webp srcset="/pinzhi/assets/photos/street-480.`) ||
		!strings.Contains(page, `width=600 height=400 alt=街景 loading=lazy decoding=async></picture>`) {
		t.Errorf("the body's picture:\n%s", regexp.MustCompile(`<picture>.*</picture>`).FindString(page))
	}
	if got := meta(files["communities/libang/index.html"], "og:image"); !regexp.MustCompile(`/assets/award-1200\.\w+\.jpg$`).MatchString(got) {
		t.Errorf("the share card's image %q, want the photo's largest JPEG", got)
	}
}

func TestPhotoProblems(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, file, text, want string
	}{
		{"a src that is not in assets/", model.IndexFile, "photo:\n  src: missing.jpg\n",
			`content/_index.md:15: photo "missing.jpg" is not a JPEG or PNG in assets/`},
		{"a corrupt picture", "assets/broken.jpg", "\xff\xd8\xff\xe0 not really",
			"assets/broken.jpg: cannot be read as a picture"},
		{"text named .png", "assets/notes.png", "记事",
			"assets/notes.png: is not a JPEG or PNG picture; replace it with a JPEG or PNG"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := repoSite(t)
			switch c.file {
			case model.IndexFile:
				put(site, model.IndexFile, strings.Replace(siteText(t), "photo:\n", c.text, 1))
			default:
				put(site, c.file, c.text)
			}
			_, _, err := buildInto(t, site, Options{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %s", err, c.want)
			}
		})
	}
}

// TestPhotoNamesInSrcset: a photo whose name has a space or a comma is
// offered by addresses a browser reads as one candidate each: every
// candidate of every srcset is one address and one width.
func TestPhotoNamesInSrcset(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, "assets/my photo.jpg", jpegOf(t, 600, 400))
	put(site, "assets/a,b 照片.jpg", jpegOf(t, 500, 300))
	put(site, "content/communities/x.md", communityFile("slug: x\n")+
		"\n![街景](</assets/my photo.jpg>)\n\n![另一张](</assets/a,b 照片.jpg>)\n")
	out, _ := mustBuild(t, site, Options{})
	page := readTree(t, out)["communities/x/index.html"]
	sets := regexp.MustCompile(`srcset="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(sets) != 4 {
		t.Fatalf("%d srcsets, want 4:\n%s", len(sets), page)
	}
	candidate := regexp.MustCompile(`^/pinzhi/assets/[^\s,]+ \d+w$`)
	for _, set := range sets {
		parts := strings.Split(set[1], ", ")
		for _, p := range parts {
			if !candidate.MatchString(p) {
				t.Errorf("srcset candidate %q is not one address and a width", p)
			}
		}
	}
	if !strings.Contains(page, "/pinzhi/assets/my%20photo-480.") || !strings.Contains(page, "/pinzhi/assets/a%2Cb%20%E7%85%A7%E7%89%87-480.") {
		t.Errorf("the addresses are not escaped:\n%s", page)
	}
}
