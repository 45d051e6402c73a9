package render

import (
	"fmt"
	"html/template"
	"strings"
	"sync/atomic"
	"time"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
)

// TemplateEnv is what the template functions need from the build. The
// functions close over it, so layouts parsed once keep working when a
// rebuild changes the assets; it changes only between renders.
type TemplateEnv struct {
	// stop, when set, is why every render in progress must end: the first
	// tick of a layout returns it (see ticks.go).
	stop    atomic.Pointer[error]
	URLs    model.URLs
	Assets  asset.Set
	Layouts layout.Set
	Cards   cardCache
	Values  *DepValues // for telling whether a kept card is still good
}

// Funcs returns the functions layouts may call; the package doc lists
// them. What url, absURL, asset and inline return depends on the site's
// settings and the names of the assets (which are hashes of their
// content), which every page depends on anyway.
func (e *TemplateEnv) Funcs() template.FuncMap {
	return template.FuncMap{
		"url":    func(p string) string { return e.URLs.Rel(p) },
		"absURL": func(p string) string { return e.URLs.Abs(p) },
		"asset":  e.assetURL,
		"inline": e.inlineAsset,
		"cnDate": CnDate,
		"isoDate": func(t time.Time) string {
			return t.Format(time.RFC3339)
		},
		"join":    func(items []string, sep string) string { return strings.Join(items, sep) },
		"render":  e.Render,
		"picture": e.picture,
		layout.TickFunc: func() (bool, error) {
			if err := e.stop.Load(); err != nil {
				return false, *err
			}
			return false, nil
		},
	}
}

// Render executes a template of base.html or the partials with data. For
// a community the HTML is kept, with what it read, and reused wherever
// the community is shown again while what it read is unchanged: a card on
// the home page and on its district's page is rendered once, and a
// rebuild renders only the cards that changed.
func (e *TemplateEnv) Render(name string, data any) (template.HTML, error) {
	shared := e.Layouts[layout.Shared]
	if shared == nil || shared.Tmpl.Lookup(name) == nil {
		return "", fmt.Errorf("no template %q in %s or %s/", name, layout.Base, layout.PartialsDir)
	}
	c, isCommunity := data.(*Community)
	if !isCommunity {
		var b strings.Builder
		err := shared.Tmpl.ExecuteTemplate(&b, name, data)
		return template.HTML(b.String()), err
	}
	key := cardKey{name, c.c.File.Path}
	if card, ok := e.Cards.get(key, e.Values); ok {
		c.r.Deps = append(c.r.Deps, card.Deps...)
		return card.html, nil
	}
	own := &Reads{Names: c.r.Names}
	own.add(DepShared, 0)
	var b strings.Builder
	if err := shared.Tmpl.ExecuteTemplate(&b, name, CommunityView(c.c, own)); err != nil {
		return "", err
	}
	// A copy of exact size: the builder's buffer may be twice as large,
	// and the cache keeps cards for the build's life.
	card := &card{html: template.HTML(strings.Clone(b.String())), Deps: own.Sorted()}
	card.digest = e.Values.digest(card.Deps)
	e.Cards.put(key, card)
	c.r.Deps = append(c.r.Deps, card.Deps...)
	return card.html, nil
}

// namedAsset returns the asset a layout names, or an error that says it
// is missing.
func (e *TemplateEnv) namedAsset(name string) (*asset.Asset, error) {
	a, ok := e.Assets[asset.Name(name)]
	if !ok {
		return nil, fmt.Errorf("no file %q in %s/", name, asset.Dir)
	}
	return a, nil
}

func (e *TemplateEnv) assetURL(name string) (string, error) {
	a, err := e.namedAsset(name)
	if err != nil {
		return "", err
	}
	return e.URLs.Rel(a.Out), nil
}

// inlineAsset returns an asset's content (minified) for a <style> or
// <script> element of the page: a small stylesheet inlined spares the
// reader a request that blocks the first paint, and a second layout of
// the page in browsers that lay it out before the stylesheet arrives.
func (e *TemplateEnv) inlineAsset(name string) (any, error) {
	a, err := e.namedAsset(name)
	if err != nil {
		return "", err
	}
	content, err := a.Inlined()
	if err != nil {
		return "", fmt.Errorf("inline %q: %w", name, err)
	}
	return content, nil
}

// CnDate writes a date as Chinese newspapers do: 2016年11月28日.
func CnDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006年1月2日")
}
