package generator

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// templateEnv is what the template functions need from the build. The
// functions close over it, so layouts parsed once keep working when a
// rebuild changes the assets.
type templateEnv struct {
	urls    urlScheme
	assets  assetSet
	layouts layouts
	cards   *renderCache
}

// funcs returns the functions layouts may call; the package doc lists them.
func (e *templateEnv) funcs() template.FuncMap {
	return template.FuncMap{
		"url":    func(p string) string { return e.urls.rel(p) },
		"absURL": func(p string) string { return e.urls.abs(p) },
		"asset":  e.assetURL,
		"cnDate": cnDate,
		"isoDate": func(t time.Time) string {
			return t.Format(time.RFC3339)
		},
		"join":   func(items []string, sep string) string { return strings.Join(items, sep) },
		"render": e.render,
	}
}

// render executes a template of the partials with data. For a community,
// the HTML is kept and reused wherever the community is shown again, in
// this build and, while it does not change, in the next.
func (e *templateEnv) render(name string, data any) (template.HTML, error) {
	shared := e.layouts[sharedSet]
	if shared == nil || shared.tmpl.Lookup(name) == nil {
		return "", fmt.Errorf("no template %q in %s or %s/", name, baseLayout, partialsDir)
	}
	c, cacheable := data.(*Community)
	if cacheable {
		if html, ok := e.cards.get(name, c); ok {
			return html, nil
		}
	}
	var b strings.Builder
	if err := shared.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	html := template.HTML(b.String())
	if cacheable {
		e.cards.put(name, c, html)
	}
	return html, nil
}

func (e *templateEnv) assetURL(name string) (string, error) {
	a, ok := e.assets[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", fmt.Errorf("no file %q in %s/", name, assetsDir)
	}
	return e.urls.rel(a.Out), nil
}

// cnDate writes a date as Chinese newspapers do: 2016年11月28日.
func cnDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006年1月2日")
}
