package generator

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
	layoutsDir  = "layouts"
	baseLayout  = "layouts/base.html"
	partialsDir = "layouts/partials"
	// maxLayoutSize bounds one layout file: a layout is a few kilobytes.
	maxLayoutSize = 4 << 20
)

// layoutKinds are the kinds of page a layout renders, each from
// layouts/<kind>.html inside layouts/base.html.
var layoutKinds = []string{"home", "community", "district", "districts", "brands", "page", "404"}

// optionalKinds are the kinds of page a site has when it has their
// layout: the search page.
var optionalKinds = []string{searchKind}

// sharedSet names the set of base.html and the partials alone, which the
// render function executes.
const sharedSet = "shared"

// A layout is the parsed template set that renders one kind of page.
type layout struct {
	tmpl *template.Template
	hash uint64 // of every file in the set
}

// layouts holds one layout per kind, and the shared set.
type layouts map[string]*layout

// loadLayouts parses layouts/: base.html, the files in partials/ and one
// file per kind. Each file's templates are named after its path, so that
// a template error reads "layouts/community.html:12: …".
func loadLayouts(fsys fs.FS, funcs template.FuncMap, seed maphash.Seed, probs *source.List) layouts {
	shared := append([]string{baseLayout}, partialFiles(fsys)...)
	texts := map[string]string{}
	for _, kind := range optionalKinds {
		if data, p := readLayout(fsys, kindFile(kind)); p == nil {
			texts[kindFile(kind)] = string(data)
		} else if _, err := fs.Stat(fsys, kindFile(kind)); !errors.Is(err, fs.ErrNotExist) {
			probs.AddAll(source.Problems{*p})
		}
	}
	for _, name := range append(shared, kindFiles()...) {
		data, p := readLayout(fsys, name)
		if p != nil {
			if _, err := fs.Stat(fsys, name); errors.Is(err, fs.ErrNotExist) {
				p.Hint = "every site needs it; copy it from the pinzhi repository's layouts/"
			}
			probs.AddAll(source.Problems{*p})
			continue
		}
		texts[name] = string(data)
	}
	if _, ok := texts[baseLayout]; !ok {
		return nil
	}
	set := layouts{}
	if l, err := parseLayout(shared, texts, funcs, seed); err != nil {
		probs.AddAll(source.Problems{templateProblem(err, baseLayout)})
		return nil
	} else {
		set[sharedSet] = l
	}
	for _, kind := range append(layoutKinds, optionalKinds...) {
		file := kindFile(kind)
		if _, ok := texts[file]; !ok {
			continue
		}
		if l, err := parseLayout(append(shared, file), texts, funcs, seed); err != nil {
			probs.AddAll(source.Problems{templateProblem(err, file)})
		} else {
			set[kind] = l
		}
	}
	return set
}

// readLayout reads a layout file, unless it is a link out of the site's
// folder (see source.WalkDir: the same rule as content/ and assets/).
func readLayout(fsys fs.FS, name string) ([]byte, *source.Problem) {
	var le *source.LinkError
	if _, err := source.RealPath(fsys, name); errors.As(err, &le) {
		p := source.WalkProblem(name, err)
		return nil, &p
	}
	return source.ReadBounded(fsys, name, maxLayoutSize)
}

// partialFiles lists layouts/partials/*.html but the files no build reads.
func partialFiles(fsys fs.FS) []string {
	names, _ := fs.Glob(fsys, partialsDir+"/*.html")
	var partials []string
	for _, n := range names {
		if !source.Ignored(path.Base(n)) {
			partials = append(partials, n)
		}
	}
	return partials
}

func kindFile(kind string) string { return layoutsDir + "/" + kind + ".html" }

func kindFiles() []string {
	files := make([]string, len(layoutKinds))
	for i, k := range layoutKinds {
		files[i] = kindFile(k)
	}
	return files
}

func parseLayout(files []string, texts map[string]string, funcs template.FuncMap, seed maphash.Seed) (*layout, error) {
	root := template.New(baseLayout).Funcs(funcs)
	h := newHasher(seed)
	for _, name := range files {
		text, ok := texts[name]
		if !ok {
			continue
		}
		h.str(name)
		h.str(text)
		t := root
		if name != baseLayout {
			t = root.New(name)
		}
		if _, err := t.Parse(text); err != nil {
			return nil, err
		}
	}
	if err := addTicks(root, funcs); err != nil {
		return nil, err
	}
	return &layout{tmpl: root, hash: h.sum()}, nil
}

// templateLocation finds "name:line" in text/template and html/template
// errors, which look like "template: layouts/a.html:12:5: executing …"
// or "html/template:layouts/a.html:12:5: …".
var templateLocation = regexp.MustCompile(`template: ?(` + layoutsDir + `/[^:]+):(\d+)(?::\d+)?:? ?(.*)`)

// missingField matches text/template's complaint about a field that does
// not exist, which names Go types an editor has never seen.
var missingField = regexp.MustCompile(`can't evaluate field (\w+) in type \*?(?:generator\.)?(\w+)`)

// templateProblem turns a template error into a problem naming the layout
// file and line; fallback is the file to blame when the error names none.
func templateProblem(err error, fallback string) source.Problem {
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
