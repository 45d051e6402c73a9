package generator

import (
	"html/template"
	"strings"
	"time"
)

// templateEnv is what the template functions need from the build. The
// functions close over it, so layouts parsed once keep working when a
// rebuild changes the assets.
type templateEnv struct {
	urls   urlScheme
	assets assetSet
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
		"join": func(items []string, sep string) string { return strings.Join(items, sep) },
	}
}

func (e *templateEnv) assetURL(name string) (string, error) {
	a, ok := e.assets[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", errAssetMissing(name)
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
