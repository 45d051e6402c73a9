// Package layout loads a site's layouts: layouts/base.html, the partials
// and one file per kind of page, parsed once a build into one template set
// per kind, each with a stop check in every template and loop (see
// TickFunc), so that a layout that never ends can be stopped. Errors name
// the layout file and line.
package layout

import (
	"errors"
	"hash/maphash"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"pinzhi/generator/internal/source"
)

const (
	Dir         = "layouts"
	Base        = "layouts/base.html"
	PartialsDir = "layouts/partials"
	// MaxSize bounds one layout file: a layout is a few kilobytes.
	MaxSize = 4 << 20
)

// Kinds are the kinds of page a layout renders, each from
// layouts/<kind>.html inside layouts/base.html.
var Kinds = []string{"home", "community", "district", "districts", "brands", "page", "404"}

// SearchKind is the kind of the search page.
const SearchKind = "search"

// OptionalKinds are the kinds of page a site has when it has their
// layout: the search page.
var OptionalKinds = []string{SearchKind}

// Shared names the set of base.html and the partials alone, which the
// render function executes.
const Shared = "shared"

// A Layout is the parsed template set that renders one kind of page.
type Layout struct {
	Tmpl *template.Template
	Hash uint64 // of every file in the set, with the Builder's seed
}

// A Set holds one layout per kind, and the shared set.
type Set map[string]*Layout

// Load parses layouts/: base.html, the files in partials/ and one
// file per kind. Each file's templates are named after its path, so that
// a template error reads "layouts/community.html:12: …".
func Load(fsys fs.FS, funcs template.FuncMap, seed maphash.Seed, probs *source.List) Set {
	shared := append([]string{Base}, partials(fsys)...)
	texts := map[string]string{}
	for _, kind := range OptionalKinds {
		if data, p := read(fsys, KindFile(kind)); p == nil {
			texts[KindFile(kind)] = string(data)
		} else if _, err := fs.Stat(fsys, KindFile(kind)); !errors.Is(err, fs.ErrNotExist) {
			probs.AddAll(source.Problems{*p})
		}
	}
	for _, name := range append(shared, KindFiles()...) {
		data, p := read(fsys, name)
		if p != nil {
			if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
				p.Hint = "every site needs it; copy it from the pinzhi repository's layouts/"
			}
			probs.AddAll(source.Problems{*p})
			continue
		}
		texts[name] = string(data)
	}
	if _, ok := texts[Base]; !ok {
		return nil
	}
	set := Set{}
	if l, err := parseSet(shared, texts, funcs, seed); err != nil {
		probs.AddAll(source.Problems{Problem(err, Base)})
		return nil
	} else {
		set[Shared] = l
	}
	for _, kind := range append(Kinds, OptionalKinds...) {
		file := KindFile(kind)
		if _, ok := texts[file]; !ok {
			continue
		}
		if l, err := parseSet(append(shared, file), texts, funcs, seed); err != nil {
			probs.AddAll(source.Problems{Problem(err, file)})
		} else {
			set[kind] = l
		}
	}
	return set
}

// read reads a layout file, unless it is a link out of the site's
// folder (see source.WalkDir: the same rule as content/ and assets/).
func read(fsys fs.FS, name string) ([]byte, *source.Problem) {
	var le *source.LinkError
	if _, err := source.RealPath(fsys, name); errors.As(err, &le) {
		p := source.WalkProblem(name, err)
		return nil, &p
	}
	return source.ReadBounded(fsys, name, MaxSize)
}

// partials lists layouts/partials/*.html but the files no build reads.
func partials(fsys fs.FS) []string {
	names, _ := fs.Glob(fsys, PartialsDir+"/*.html")
	var partials []string
	for _, n := range names {
		if !source.Ignored(path.Base(n)) {
			partials = append(partials, n)
		}
	}
	return partials
}

func KindFile(kind string) string { return Dir + "/" + kind + ".html" }

func KindFiles() []string {
	files := make([]string, len(Kinds))
	for i, k := range Kinds {
		files[i] = KindFile(k)
	}
	return files
}

func parseSet(files []string, texts map[string]string, funcs template.FuncMap, seed maphash.Seed) (*Layout, error) {
	root := template.New(Base).Funcs(funcs)
	var h maphash.Hash
	h.SetSeed(seed)
	for _, name := range files {
		text, ok := texts[name]
		if !ok {
			continue
		}
		h.WriteString(name)
		h.WriteByte(0)
		h.WriteString(text)
		h.WriteByte(0)
		t := root
		if name != Base {
			t = root.New(name)
		}
		if _, err := t.Parse(text); err != nil {
			return nil, err
		}
	}
	if err := addTicks(root, funcs); err != nil {
		return nil, err
	}
	return &Layout{Tmpl: root, Hash: h.Sum64()}, nil
}

// templateLocation finds "name:line" in text/template and html/template
// errors, which look like "template: layouts/a.html:12:5: executing …"
// or "html/template:layouts/a.html:12:5: …".
var templateLocation = regexp.MustCompile(`template: ?(` + Dir + `/[^:]+):(\d+)(?::\d+)?:? ?(.*)`)

// missingField matches text/template's complaint about a field that does
// not exist, which names Go types an editor has never seen.
var missingField = regexp.MustCompile(`can't evaluate field (\w+) in type \*?(?:\w+\.)?(\w+)`)

// Problem turns a template error into a problem naming the layout
// file and line; fallback is the file to blame when the error names none.
func Problem(err error, fallback string) source.Problem {
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		return source.Problem{Path: te.Name, Line: te.Line, Message: te.Description, Hint: "fix the layout"}
	}
	msg := missingField.ReplaceAllString(err.Error(), "$2 has no field $1 (the package documentation lists the fields)")
	if m := templateLocation.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return source.Problem{Path: m[1], Line: line, Message: strings.TrimSpace(m[3]), Hint: "fix the layout"}
	}
	return source.Problem{Path: fallback, Message: msg, Hint: "fix the layout"}
}
