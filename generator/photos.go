package generator

import (
	"fmt"
	"html/template"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/source"
)

// bodySizes is what a picture in a page's text takes: the text column's
// width (40rem) on wide screens, the screen's less its margins on phones.
const bodySizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

// bodyPictures returns what markup needs to show the pictures of a body:
// for an image's link, as the body carries it after rewriting, its
// <picture>, lazily loaded.
func bodyPictures(assets asset.Set, urls urlScheme) func(link, alt string) (string, bool) {
	byLink := map[string]*asset.Photo{}
	for _, a := range assets {
		if a.Photo != nil {
			byLink[urls.rel(a.Out)] = a.Photo
		}
	}
	return func(link, alt string) (string, bool) {
		ph := byLink[link]
		if ph == nil {
			return "", false
		}
		return string(asset.PictureHTML(ph, urls.rel, alt, bodySizes, true)), true
	}
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
func checkPhotos(m *model, assets asset.Set, probs *source.List) {
	photos := []*Photo{m.site.Photo}
	for _, c := range m.communities {
		photos = append(photos, c.Photo)
	}
	for _, ph := range photos {
		if ph == nil || ph.Src == "" {
			continue
		}
		if a := assets[ph.Src]; a == nil || a.Photo == nil {
			probs.Add(ph.src.file, ph.src.line, "put the JPEG or PNG in assets/ and give its name: src: award.jpg",
				"photo %q is not a JPEG or PNG in assets/", ph.Src)
		}
	}
}

// picture is the layouts' picture function: the <picture> of a photo of
// assets/, loaded at once (a layout shows its photos near the top).
func (e *templateEnv) picture(name, alt, sizes string) (template.HTML, error) {
	a := e.assets[asset.Name(name)]
	if a == nil || a.Photo == nil {
		return "", fmt.Errorf("no JPEG or PNG %q in %s/", name, asset.Dir)
	}
	return asset.PictureHTML(a.Photo, e.urls.rel, alt, sizes, false), nil
}
