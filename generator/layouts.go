package generator

import (
	"errors"
	"hash/fnv"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
	"text/template/parse"
)

const (
	layoutsDir  = "layouts"
	baseLayout  = "layouts/base.html"
	partialsDir = "layouts/partials"
)

// layoutKinds are the kinds of page a layout renders, each from
// layouts/<kind>.html inside layouts/base.html.
var layoutKinds = []string{"home", "community", "district", "districts", "brands", "page", "404"}

// sharedSet names the set of base.html and the partials alone, which the
// render function executes.
const sharedSet = "shared"

// A layout is the parsed template set that renders one kind of page.
type layout struct {
	tmpl *template.Template
	hash uint64 // of every file in the set
	// names is every field, method and function name the set uses. A
	// layout that names "Communities" shows lists of communities and must
	// be rendered again when any of them changes; see pageDeps.
	names map[string]bool
}

// layouts holds one layout per kind.
type layouts map[string]*layout

// loadLayouts parses layouts/: base.html, the files in partials/ and one
// file per kind. Each file's templates are named after its path, so that
// a template error reads "layouts/community.html:12: …".
func loadLayouts(fsys fs.FS, funcs template.FuncMap, probs *problemList) layouts {
	shared := []string{baseLayout}
	partials, _ := fs.Glob(fsys, partialsDir+"/*.html")
	shared = append(shared, partials...)
	texts := map[string]string{}
	for _, name := range append(shared, kindFiles()...) {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			hint := "check its permissions"
			if errors.Is(err, fs.ErrNotExist) {
				hint = "every site needs it; copy it from the pinzhi repository's layouts/"
			}
			probs.add(name, 0, hint, "cannot be read: %s", unwrapPathError(err))
			continue
		}
		texts[name] = string(data)
	}
	if _, ok := texts[baseLayout]; !ok {
		return nil
	}
	set := layouts{}
	if l, err := parseLayout(shared, texts, funcs); err != nil {
		probs.addAll(Problems{templateProblem(err, baseLayout)})
		return nil
	} else {
		set[sharedSet] = l
	}
	for _, kind := range layoutKinds {
		file := kindFile(kind)
		if _, ok := texts[file]; !ok {
			continue
		}
		if l, err := parseLayout(append(shared, file), texts, funcs); err != nil {
			probs.addAll(Problems{templateProblem(err, file)})
		} else {
			set[kind] = l
		}
	}
	return set
}

func kindFile(kind string) string { return layoutsDir + "/" + kind + ".html" }

func kindFiles() []string {
	files := make([]string, len(layoutKinds))
	for i, k := range layoutKinds {
		files[i] = kindFile(k)
	}
	return files
}

func parseLayout(files []string, texts map[string]string, funcs template.FuncMap) (*layout, error) {
	root := template.New(baseLayout).Funcs(funcs)
	h := fnv.New64a()
	for _, name := range files {
		text, ok := texts[name]
		if !ok {
			continue
		}
		h.Write([]byte(name + "\x00" + text + "\x00"))
		t := root
		if name != baseLayout {
			t = root.New(name)
		}
		if _, err := t.Parse(text); err != nil {
			return nil, err
		}
	}
	l := &layout{tmpl: root, hash: h.Sum64(), names: map[string]bool{}}
	for _, t := range root.Templates() {
		if t.Tree != nil {
			collectNames(t.Tree.Root, l.names)
		}
	}
	return l, nil
}

// collectNames records every identifier a template uses.
func collectNames(n parse.Node, names map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				collectNames(c, names)
			}
		}
	case *parse.ActionNode:
		collectNames(n.Pipe, names)
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				collectNames(c, names)
			}
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			collectNames(a, names)
		}
	case *parse.FieldNode:
		addNames(names, n.Ident)
	case *parse.ChainNode:
		addNames(names, n.Field)
		collectNames(n.Node, names)
	case *parse.VariableNode:
		addNames(names, n.Ident[1:])
	case *parse.IdentifierNode:
		names[n.Ident] = true
	case *parse.IfNode:
		collectBranch(&n.BranchNode, names)
	case *parse.RangeNode:
		collectBranch(&n.BranchNode, names)
	case *parse.WithNode:
		collectBranch(&n.BranchNode, names)
	case *parse.TemplateNode:
		collectNames(n.Pipe, names)
	}
}

func collectBranch(b *parse.BranchNode, names map[string]bool) {
	collectNames(b.Pipe, names)
	collectNames(b.List, names)
	collectNames(b.ElseList, names)
}

func addNames(names map[string]bool, idents []string) {
	for _, id := range idents {
		names[id] = true
	}
}

// uses reports whether the layout names any of the identifiers.
func (l *layout) uses(idents ...string) bool {
	for _, id := range idents {
		if l.names[id] {
			return true
		}
	}
	return false
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
func templateProblem(err error, fallback string) Problem {
	var te *template.Error
	if errors.As(err, &te) && te.Name != "" {
		return Problem{Path: te.Name, Line: te.Line, Message: te.Description, Hint: "fix the layout"}
	}
	msg := missingField.ReplaceAllString(err.Error(), "$2 has no field $1 (the package documentation lists the fields)")
	if m := templateLocation.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		return Problem{Path: m[1], Line: line, Message: strings.TrimSpace(m[3]), Hint: "fix the layout"}
	}
	return Problem{Path: fallback, Message: msg, Hint: "fix the layout"}
}
