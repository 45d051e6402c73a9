package generator

import (
	"sync"

	"pinzhi/generator/internal/card"
	"pinzhi/generator/internal/images"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// cardDrawer draws share cards in the site's font, through the photo
// cache (see render.AddCards).
type cardDrawer struct {
	font  *card.Font
	cache *images.Cache
}

func (d cardDrawer) Name(title, site string) string { return card.Name(title, site, d.font) }

func (d cardDrawer) Draw(title, site string) ([]byte, error) {
	return d.cache.Card(d.Name(title, site), card.Width, card.Height, func() ([]byte, error) {
		return card.Draw(title, site, d.font)
	})
}

// fonts remembers the font cards are drawn in for the Builder's life: a
// CJK collection is 25 MB to read and parse, which a build of the
// bundled site should not pay on every save.
type fonts struct {
	mu    sync.Mutex
	named string
	found bool
	font  *card.Font
}

// cards returns the drawer for the site's share cards; an unreadable
// shareFont: is a problem at its line.
func (b *Builder) cards(s *model.Site, probs *source.List) cardDrawer {
	f := &b.fonts
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.found || f.named != s.ShareFont {
		font, err := card.Find(b.opts.Src, s.ShareFont, b.opts.Fonts)
		if err != nil {
			probs.Add(model.IndexFile, s.ShareFontLine, "give the path of an OpenType or TrueType font with Chinese characters under the site's folder, e.g. fonts/NotoSerifSC-Bold.otf",
				"shareFont %s %s", s.ShareFont, source.UnwrapPathError(err))
		}
		f.font, f.named, f.found = font, s.ShareFont, err == nil
	}
	return cardDrawer{font: f.font, cache: b.images}
}
