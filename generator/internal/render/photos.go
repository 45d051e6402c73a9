package render

import (
	"fmt"
	"html/template"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/model"
)

// bodySizes is what a picture in a page's text takes: the text column's
// width (40rem) on wide screens, the screen's less its margins on phones.
const bodySizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)"

// BodyPictures returns what markup needs to show the pictures of a body:
// for an image's link, as the body carries it after rewriting, its
// <picture>, lazily loaded.
func BodyPictures(assets asset.Set, urls model.URLs) func(link, alt string) (string, bool) {
	byLink := map[string]*asset.Photo{}
	for _, a := range assets {
		if a.Photo != nil {
			byLink[urls.Rel(a.Out)] = a.Photo
		}
	}
	return func(link, alt string) (string, bool) {
		ph := byLink[link]
		if ph == nil {
			return "", false
		}
		return string(asset.PictureHTML(ph, urls.Rel, alt, bodySizes, true)), true
	}
}

// picture is the layouts' picture function: the <picture> of a photo of
// assets/, loaded at once (a layout shows its photos near the top).
func (e *TemplateEnv) picture(name, alt, sizes string) (template.HTML, error) {
	a := e.Assets[asset.Name(name)]
	if a == nil || a.Photo == nil {
		return "", fmt.Errorf("no JPEG or PNG %q in %s/", name, asset.Dir)
	}
	return asset.PictureHTML(a.Photo, e.URLs.Rel, alt, sizes, false), nil
}
