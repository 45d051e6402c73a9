// Package asset reads a site's assets/: each file minified where its type
// allows, named after a hash of its content so that hosts can cache it
// forever, and each JPEG or PNG offered in several sizes (see
// internal/images). It also holds the minifier every written file goes
// through.
package asset

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"pinzhi/generator/internal/images"
	"pinzhi/generator/internal/source"
)

const Dir = "assets"

// An Asset is a file from assets/, ready to write under its hashed name.
type Asset struct {
	Name string // as written in layouts: "site.css", "img/logo.svg"
	Out  string // site-relative: "assets/site.1a2b3c4d5e.css"
	Data []byte // minified where the type allows it
	// A JPEG or PNG also has its sizes (see internal/images): the file
	// as it is stays for links to it.
	Photo *Photo
	// inline is what a layout's inline function gives for a stylesheet
	// or script, made on first use and kept, since every page may inline
	// it; inlineErr says why it cannot be inlined.
	inlineOnce sync.Once
	inline     any
	inlineErr  error
}

// Inlined returns the asset as a layout's inline function gives it: a
// stylesheet or script as it may stand in a <style> or <script> element.
func (a *Asset) Inlined() (any, error) {
	a.inlineOnce.Do(func() { a.inline, a.inlineErr = inlineForm(path.Ext(a.Name), a.Data) })
	return a.inline, a.inlineErr
}

// A Set is every asset of a build, by Name.
type Set map[string]*Asset

// MaxSize bounds one file of assets/: pictures for the web are far
// smaller, and each asset is held in memory for the whole build.
const MaxSize = 64 << 20

// Load reads assets/, minifies what can be minified and names each
// file after a hash of its content, so hosts can cache it forever. Files
// and folders no build reads (see source.Ignored) are left out.
func Load(ctx context.Context, fsys fs.FS, minifier *minify.M, cache *images.Cache, probs *source.List) Set {
	set := Set{}
	err := source.WalkDir(fsys, Dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name != Dir || !errors.Is(err, fs.ErrNotExist) {
				probs.AddAll(source.Problems{source.WalkProblem(name, err)})
			}
			return nil
		}
		if name != Dir && source.Ignored(path.Base(name)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		a, p := load(fsys, name, minifier)
		if p == nil && PhotoTypes[path.Ext(strings.ToLower(name))] {
			a.Photo, p = makePhoto(ctx, name, a.Data, cache)
		}
		if p != nil {
			probs.AddAll(source.Problems{*p})
			return nil
		}
		set[a.Name] = a
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		probs.Add(Dir, 0, "", "cannot be read: %s", source.UnwrapPathError(err))
	}
	return set
}

func load(fsys fs.FS, name string, minifier *minify.M) (*Asset, *source.Problem) {
	data, p := source.ReadBounded(fsys, name, MaxSize)
	if p != nil {
		return nil, p
	}
	ext := path.Ext(name)
	if mime, ok := MinifiedTypes[ext]; ok {
		small, err := minifier.Bytes(mime, data)
		if err != nil {
			return nil, &source.Problem{Path: name, Message: "cannot be minified: " + err.Error(), Hint: "fix the syntax error"}
		}
		data = small
	}
	return Hashed(name, data), nil
}

// Hashed names the file assets/<name> after a hash of data.
func Hashed(name string, data []byte) *Asset {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	rel := strings.TrimPrefix(name, Dir+"/")
	stem := strings.TrimSuffix(rel, ext)
	return &Asset{Name: rel, Out: Dir + "/" + stem + "." + hex.EncodeToString(sum[:5]) + ext, Data: data}
}

// inlineForm is the content of a stylesheet or script as it may stand in
// a <style> or <script> element of a page.
func inlineForm(ext string, data []byte) (any, error) {
	var element string
	var content any
	switch ext {
	case ".css":
		element, content = "style", template.CSS(data)
	case ".js", ".mjs":
		element, content = "script", template.JS(data)
	default:
		return nil, errors.New("only stylesheets (.css) and scripts (.js) can be inlined; link to it with asset")
	}
	if bytes.Contains(bytes.ToLower(data), []byte("</"+element)) {
		return nil, fmt.Errorf("it holds \"</%s\", which would end the <%s> element early; link to it with asset", element, element)
	}
	return content, nil
}

// MinifiedTypes maps the extensions of files that are minified when
// written to their media types.
var MinifiedTypes = map[string]string{
	".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json", ".xml": "text/xml",
	".html": "text/html", ".webmanifest": "application/json",
}

// Name is the name under assets/ of a file as an editor or a layout
// may write it: "photo.jpg", "/photo.jpg" and "/assets/photo.jpg" alike.
func Name(written string) string {
	return strings.TrimPrefix(strings.TrimPrefix(written, "/"), Dir+"/")
}

// Links returns the table the Markdown link rewriter uses: "assets/x" to
// its hashed output path.
func (s Set) Links() map[string]string {
	m := make(map[string]string, len(s))
	for name, a := range s {
		m[Dir+"/"+name] = a.Out
	}
	return m
}

// Fingerprint changes whenever any asset's hashed name does.
func (s Set) Fingerprint(seed maphash.Seed) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	for _, name := range s.Names() {
		h.WriteString(s[name].Out)
		h.WriteByte(0)
	}
	return h.Sum64()
}

// Names returns the names of the set, sorted.
func (s Set) Names() []string { return slices.Sorted(maps.Keys(s)) }
