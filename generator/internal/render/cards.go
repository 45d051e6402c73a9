package render

import (
	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/model"
)

// A CardDrawer draws the share cards of pages without a picture (package
// card, with a cache): Name names a card by all it shows, Draw returns
// its PNG.
type CardDrawer interface {
	Name(title, site string) string
	Draw(title, site string) ([]byte, error)
}

// AddCards gives each page that has no picture to share, of its own or
// of the site's, a card drawn with its title, and returns the outputs
// with the cards added. A card is named by what it shows, as assets are,
// so pages with one title share it; it is drawn when rendered. Without
// a host there is no og:image, and no card.
func AddCards(outs []*Output, m *model.Model, assets asset.Set, cards CardDrawer) []*Output {
	if cards == nil || !m.Site.URLs.Absolute() || hasPicture(assets, m.Site.Image.Name) || hasPicture(assets, photoSrc(m.Site.Photo)) {
		return outs
	}
	site := m.Site.Title
	drawn := map[string]bool{}
	for _, o := range outs {
		if o.MIME != "text/html" || o.Kind == "404" || o.ownPicture(assets) {
			continue
		}
		title := o.Title
		name := cards.Name(title, site)
		o.card = "assets/cards/" + name[:16] + ".png"
		if !drawn[o.card] {
			drawn[o.card] = true
			outs = append(outs, &Output{Path: o.card, Source: o.Source, draw: func() ([]byte, error) { return cards.Draw(title, site) }})
		}
	}
	return outs
}

// ownPicture reports whether the page has an image or a photo of its own.
func (o *Output) ownPicture(assets asset.Set) bool {
	switch {
	case o.Community != nil:
		return hasPicture(assets, o.Community.Image.Name) || hasPicture(assets, photoSrc(o.Community.Photo))
	case o.Page != nil:
		return hasPicture(assets, o.Page.Image.Name)
	}
	return false
}

func hasPicture(assets asset.Set, name string) bool { return name != "" && assets[name] != nil }
