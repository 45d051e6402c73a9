package generator

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strconv"
	"strings"

	"pinzhi/generator/internal/images"
	"pinzhi/generator/internal/source"
)

// photoTypes are the extensions of the assets offered in several sizes.
var photoTypes = map[string]bool{".jpg": true, ".jpeg": true, ".png": true}

// A photo is an asset's sizes, each a file named after its content.
type photo struct {
	width, height int
	variants      []variant // narrowest first, the source's format before WebP
}

type variant struct {
	*asset
	width int
	webp  bool
}

// makePhoto makes the sizes of the picture assets/<name>, or says what is
// wrong with it.
func makePhoto(ctx context.Context, name string, data []byte, cache *images.Cache) (*photo, *source.Problem) {
	p, err := images.Make(ctx, name, data, cache)
	var ie *images.Error
	switch {
	case errors.As(err, &ie):
		return nil, &source.Problem{Path: name, Message: ie.Message, Hint: ie.Hint}
	case err != nil:
		return nil, &source.Problem{Path: name, Message: "not made: " + err.Error(), Hint: "build again"}
	}
	ph := &photo{width: p.Width, height: p.Height}
	stem := strings.TrimSuffix(name, path.Ext(name))
	for _, v := range p.Variants {
		a := hashedAsset(stem+"-"+strconv.Itoa(v.Width)+v.Ext, v.Data)
		ph.variants = append(ph.variants, variant{a, v.Width, v.Ext == ".webp"})
	}
	return ph, nil
}

// pictureHTML writes a <picture> of the photo: WebP for browsers that
// take it, the source's format for the others, each in every size, so
// the browser downloads the one the layout's sizes needs; width and
// height keep its place while it loads. A photo below the fold loads only
// when the reader nears it.
func pictureHTML(ph *photo, urls urlScheme, alt, sizes string, lazy bool) template.HTML {
	srcset := map[bool]*strings.Builder{true: {}, false: {}}
	var fallback variant
	for _, v := range ph.variants {
		b := srcset[v.webp]
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(srcsetURL(urls.rel(v.Out)) + " " + strconv.Itoa(v.width) + "w")
		if !v.webp {
			fallback = v
		}
	}
	w := fallback.width
	h := max(1, (ph.height*w+ph.width/2)/ph.width)
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.WriteString(`<picture>`)
	if srcset[true].Len() > 0 {
		b.WriteString(`<source type="image/webp" srcset="` + esc(srcset[true].String()) + `" sizes="` + esc(sizes) + `">`)
	}
	b.WriteString(`<img src="` + esc(srcsetURL(urls.rel(fallback.Out))) + `" srcset="` + esc(srcset[false].String()) + `" sizes="` + esc(sizes) +
		`" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h) + `" alt="` + esc(alt) + `"`)
	if lazy {
		b.WriteString(` loading="lazy" decoding="async"`)
	}
	b.WriteString(`></picture>`)
	return template.HTML(b.String())
}

// srcsetURL escapes a path for a srcset, where a space ends the address
// and a comma the candidate: "my photo.png" would otherwise leave the
// browser the full-size fallback. Every byte a path may not hold as it is
// is escaped, and commas too.
func srcsetURL(p string) string {
	u := (&url.URL{Path: p}).EscapedPath()
	return strings.ReplaceAll(u, ",", "%2C")
}

// bodySizes is what a picture in a page's text takes: the text column's
// width (40rem) on wide screens, the screen's less its margins on phones.
const bodySizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

// bodyPictures returns what markup needs to show the pictures of a body:
// for an image's link, as the body carries it after rewriting, its
// <picture>, lazily loaded.
func bodyPictures(assets assetSet, urls urlScheme) func(link, alt string) (string, bool) {
	byLink := map[string]*photo{}
	for _, a := range assets {
		if a.photo != nil {
			byLink[urls.rel(a.Out)] = a.photo
		}
	}
	return func(link, alt string) (string, bool) {
		ph := byLink[link]
		if ph == nil {
			return "", false
		}
		return string(pictureHTML(ph, urls, alt, bodySizes, true)), true
	}
}

// shareOut is the file a share card shows of an asset: a photo's largest
// size in its own format (the source may be far larger), else the file.
func (a *asset) shareOut() string {
	if a.photo == nil {
		return a.Out
	}
	out := a.Out
	for _, v := range a.photo.variants {
		if !v.webp {
			out = v.Out
		}
	}
	return out
}

// readPhoto reads a photo: group of front matter.
func readPhoto(r *source.Reader, file string) *Photo {
	p := r.Mapping("photo", "write photo: on a line of its own, then indented lines src: award.jpg, caption: … and credit: …")
	if p == nil {
		return nil
	}
	ph := &Photo{src: readImageKey(p, file, "src")}
	ph.Src = ph.src.name
	ph.Caption, _, _ = p.Text("caption")
	ph.Credit, _, _ = p.Text("credit")
	p.WarnUnknown()
	return ph
}

// checkPhotos reports photos whose src is not a picture of assets/.
func checkPhotos(m *model, assets assetSet, probs *source.List) {
	photos := []*Photo{m.site.Photo}
	for _, c := range m.communities {
		photos = append(photos, c.Photo)
	}
	for _, ph := range photos {
		if ph == nil || ph.Src == "" {
			continue
		}
		if a := assets[ph.Src]; a == nil || a.photo == nil {
			probs.Add(ph.src.file, ph.src.line, "put the JPEG or PNG in assets/ and give its name: src: award.jpg",
				"photo %q is not a JPEG or PNG in assets/", ph.Src)
		}
	}
}

// picture is the layouts' picture function: the <picture> of a photo of
// assets/, loaded at once (a layout shows its photos near the top).
func (e *templateEnv) picture(name, alt, sizes string) (template.HTML, error) {
	a := e.assets[assetName(name)]
	if a == nil || a.photo == nil {
		return "", fmt.Errorf("no JPEG or PNG %q in %s/", name, assetsDir)
	}
	return pictureHTML(a.photo, e.urls, alt, sizes, false), nil
}
