package asset

import (
	"context"
	"errors"
	"html/template"
	"net/url"
	"path"
	"strconv"
	"strings"

	"pinzhi/generator/internal/images"
	"pinzhi/generator/internal/source"
)

// PhotoTypes are the extensions of the assets offered in several sizes.
var PhotoTypes = map[string]bool{".jpg": true, ".jpeg": true, ".png": true}

// A Photo is an asset's sizes, each a file named after its content.
type Photo struct {
	Width, Height int
	Variants      []Variant // narrowest first, the source's format before WebP
}

// A Variant is one size of a photo in one format.
type Variant struct {
	*Asset
	Width int
	WebP  bool
}

// makePhoto makes the sizes of the picture assets/<name>, or says what is
// wrong with it.
func makePhoto(ctx context.Context, name string, data []byte, cache *images.Cache) (*Photo, *source.Problem) {
	p, err := images.Make(ctx, name, data, cache)
	var ie *images.Error
	switch {
	case errors.As(err, &ie):
		p := source.Errorf(name, 0, ie.Hint, "%s", ie.Message)
		return nil, &p
	case err != nil:
		return nil, &source.Problem{Path: name, Message: "not made: " + err.Error(), Hint: "build again"}
	}
	ph := &Photo{Width: p.Width, Height: p.Height}
	stem := strings.TrimSuffix(name, path.Ext(name))
	for _, v := range p.Variants {
		a := Hashed(stem+"-"+strconv.Itoa(v.Width)+v.Ext, v.Data)
		ph.Variants = append(ph.Variants, Variant{a, v.Width, v.Ext == ".webp"})
	}
	return ph, nil
}

// PictureHTML writes a <picture> of the photo: WebP for browsers that
// take it, the source's format for the others, each in every size, so
// the browser downloads the one the layout's sizes needs; width and
// height keep its place while it loads. A photo below the fold loads only
// when the reader nears it.
// rel turns a site path into the link a page carries.
func PictureHTML(ph *Photo, rel func(string) string, alt, sizes string, lazy bool) template.HTML {
	srcset := map[bool]*strings.Builder{true: {}, false: {}}
	var fallback Variant
	for _, v := range ph.Variants {
		b := srcset[v.WebP]
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(srcsetURL(rel(v.Out)) + " " + strconv.Itoa(v.Width) + "w")
		if !v.WebP {
			fallback = v
		}
	}
	w := fallback.Width
	h := max(1, (ph.Height*w+ph.Width/2)/ph.Width)
	esc := template.HTMLEscapeString
	var b strings.Builder
	b.WriteString(`<picture>`)
	if srcset[true].Len() > 0 {
		b.WriteString(`<source type="image/webp" srcset="` + esc(srcset[true].String()) + `" sizes="` + esc(sizes) + `">`)
	}
	b.WriteString(`<img src="` + esc(srcsetURL(rel(fallback.Out))) + `" srcset="` + esc(srcset[false].String()) + `" sizes="` + esc(sizes) +
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

// ShareOut is the file a share card shows of an asset: a photo's largest
// size in its own format (the source may be far larger), else the file.
func (a *Asset) ShareOut() string {
	if a.Photo == nil {
		return a.Out
	}
	out := a.Out
	for _, v := range a.Photo.Variants {
		if !v.WebP {
			out = v.Out
		}
	}
	return out
}
