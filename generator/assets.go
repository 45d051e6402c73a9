package generator

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
	"path"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"pinzhi/generator/internal/images"
	"pinzhi/generator/internal/source"
)

const assetsDir = "assets"

// An asset is a file from assets/, ready to write under its hashed name.
type asset struct {
	Name string // as written in layouts: "site.css", "img/logo.svg"
	Out  string // site-relative: "assets/site.1a2b3c4d5e.css"
	data []byte // minified where the type allows it
	// A JPEG or PNG also has its sizes (see internal/images): the file
	// as it is stays for links to it.
	photo *photo
	// inline is what a layout's inline function gives for a stylesheet
	// or script, made on first use and kept, since every page may inline
	// it; inlineErr says why it cannot be inlined.
	inlineOnce sync.Once
	inline     any
	inlineErr  error
}

// inlined returns the asset as a layout's inline function gives it.
func (a *asset) inlined() (any, error) {
	a.inlineOnce.Do(func() { a.inline, a.inlineErr = inlineForm(path.Ext(a.Name), a.data) })
	return a.inline, a.inlineErr
}

// assetSet is every asset of a build, by Name.
type assetSet map[string]*asset

// maxAssetSize bounds one file of assets/: pictures for the web are far
// smaller, and each asset is held in memory for the whole build.
const maxAssetSize = 64 << 20

// loadAssets reads assets/, minifies what can be minified and names each
// file after a hash of its content, so hosts can cache it forever. Files
// and folders no build reads (see source.Ignored) are left out.
func loadAssets(ctx context.Context, fsys fs.FS, minifier *minify.M, cache *images.Cache, probs *source.List) assetSet {
	set := assetSet{}
	err := source.WalkDir(fsys, assetsDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name != assetsDir || !errors.Is(err, fs.ErrNotExist) {
				probs.AddAll(source.Problems{source.WalkProblem(name, err)})
			}
			return nil
		}
		if name != assetsDir && source.Ignored(path.Base(name)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		a, p := loadAsset(fsys, name, minifier)
		if p == nil && photoTypes[path.Ext(strings.ToLower(name))] {
			a.photo, p = makePhoto(ctx, name, a.data, cache)
		}
		if p != nil {
			probs.AddAll(source.Problems{*p})
			return nil
		}
		set[a.Name] = a
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		probs.Add(assetsDir, 0, "", "cannot be read: %s", source.UnwrapPathError(err))
	}
	return set
}

func loadAsset(fsys fs.FS, name string, minifier *minify.M) (*asset, *source.Problem) {
	data, p := source.ReadBounded(fsys, name, maxAssetSize)
	if p != nil {
		return nil, p
	}
	ext := path.Ext(name)
	if mime, ok := minifiedTypes[ext]; ok {
		small, err := minifier.Bytes(mime, data)
		if err != nil {
			return nil, &source.Problem{Path: name, Message: "cannot be minified: " + err.Error(), Hint: "fix the syntax error"}
		}
		data = small
	}
	return hashedAsset(name, data), nil
}

// hashedAsset names the file assets/<name> after a hash of data.
func hashedAsset(name string, data []byte) *asset {
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	rel := strings.TrimPrefix(name, assetsDir+"/")
	stem := strings.TrimSuffix(rel, ext)
	return &asset{Name: rel, Out: assetsDir + "/" + stem + "." + hex.EncodeToString(sum[:5]) + ext, data: data}
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

// minifiedTypes maps the extensions of files that are minified when
// written to their media types.
var minifiedTypes = map[string]string{
	".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json", ".xml": "text/xml",
	".html": "text/html", ".webmanifest": "application/json",
}

// assetName is the name under assets/ of a file as an editor or a layout
// may write it: "photo.jpg", "/photo.jpg" and "/assets/photo.jpg" alike.
func assetName(written string) string {
	return strings.TrimPrefix(strings.TrimPrefix(written, "/"), assetsDir+"/")
}

// links returns the table the Markdown link rewriter uses: "assets/x" to
// its hashed output path.
func (s assetSet) links() map[string]string {
	m := make(map[string]string, len(s))
	for name, a := range s {
		m[assetsDir+"/"+name] = a.Out
	}
	return m
}

// fingerprint changes whenever any asset's hashed name does.
func (s assetSet) fingerprint(seed maphash.Seed) uint64 {
	h := newHasher(seed)
	for _, name := range sortedKeys(s) {
		h.str(s[name].Out)
	}
	return h.sum()
}

// outputs are the files of the assets, as a build writes them: already
// minified, under names that change with their content.
func (s assetSet) outputs() []*output {
	outs := make([]*output, 0, len(s))
	for _, name := range sortedKeys(s) {
		a := s[name]
		outs = append(outs, &output{path: a.Out, data: a.data, source: assetsDir + "/" + name})
		if a.photo != nil {
			for _, v := range a.photo.variants {
				outs = append(outs, &output{path: v.Out, data: v.data, source: assetsDir + "/" + name})
			}
		}
	}
	return outs
}
