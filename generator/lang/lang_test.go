package lang

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"pinzhi/generator/internal/source"
)

// messagesInCode returns the messages the code writes as literals: the
// hint and format of every Add and Warn of a problem list, the Message
// and Hint of every Problem written out, and what the command and the
// dev server print through a Printer (Sprintf and Text).
func messagesInCode(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{} // message -> where
	fset := token.NewFileSet()
	literal := func(e ast.Expr) (string, bool) {
		l, ok := e.(*ast.BasicLit)
		if !ok || l.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(l.Value)
		return s, err == nil
	}
	for _, root := range []string{"..", "../../cmd/pinzhi"} {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") ||
				strings.Contains(p, "/gen/") || strings.Contains(p, "/lang/") {
				return err
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.CallExpr:
					var name string
					var recv ast.Expr
					switch fn := x.Fun.(type) {
					case *ast.Ident:
						name = fn.Name
					case *ast.SelectorExpr:
						name, recv = fn.Sel.Name, fn.X
					default:
						return true
					}
					var args []ast.Expr
					switch {
					case name == "M" && len(x.Args) >= 1:
						args = x.Args[:1]
					case recv == nil && name == "problem" && len(x.Args) >= 2: // package images: hint, format
						args = x.Args[:2]
					case recv == nil && name == "add" && len(x.Args) >= 4: // markup's limits: over, line, hint, format
						args = x.Args[2:4]
					}
					sel := &ast.SelectorExpr{X: recv, Sel: ast.NewIdent(name)}
					switch {
					case recv == nil && name != "Errorf":
					case (sel.Sel.Name == "Add" || sel.Sel.Name == "Warn") && len(x.Args) >= 4:
						args = x.Args[2:4]
					case sel.Sel.Name == "Warn" && len(x.Args) == 3: // a Reader's: line, hint, format
						args = x.Args[1:3]
					case (sel.Sel.Name == "AddM" || sel.Sel.Name == "WarnM" || sel.Sel.Name == "Errorf") && len(x.Args) >= 4:
						args = x.Args[3:4]
					case (sel.Sel.Name == "Sprintf" || sel.Sel.Name == "Text") && len(x.Args) >= 1 && recv != nil && isPrinter(sel.X):
						args = x.Args[:1]
					}
					for _, a := range args {
						if s, ok := literal(a); ok && s != "" {
							found[s] = fset.Position(a.Pos()).String()
						}
					}
				case *ast.CompositeLit:
					for _, e := range x.Elts {
						kv, ok := e.(*ast.KeyValueExpr)
						if !ok {
							continue
						}
						if k, isIdent := kv.Key.(*ast.Ident); isIdent && (k.Name == "Message" || k.Name == "Hint") {
							if s, ok := literal(kv.Value); ok && s != "" {
								found[s] = fset.Position(kv.Value.Pos()).String()
							}
						}
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return found
}

// isPrinter reports whether e names a Printer by the names the code
// gives them.
func isPrinter(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "say" || x.Name == "pr"
	case *ast.SelectorExpr:
		return x.Sel.Name == "say" || x.Sel.Name == "Say"
	}
	return false
}

// TestEveryMessageInBoth: every message the code writes has its Chinese,
// and the catalog holds nothing the code no longer writes.
func TestEveryMessageInBoth(t *testing.T) {
	found := messagesInCode(t)
	if len(found) < 100 {
		t.Fatalf("found only %d messages in the code", len(found))
	}
	var missing []string
	for msg, where := range found {
		if _, ok := Chinese[msg]; !ok {
			missing = append(missing, where+": "+strconv.Quote(msg))
		}
	}
	slices.Sort(missing)
	if len(missing) > 0 {
		t.Errorf("%d messages have no Chinese in zh.go:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	for msg := range Chinese {
		if _, ok := found[msg]; !ok && !usedElsewhere[msg] {
			t.Errorf("zh.go translates %q, which the code no longer writes", msg)
		}
	}
}

// usedElsewhere are the messages given to a Printer through a variable.
var usedElsewhere = map[string]bool{
	// constants of hints, given by name
	"replace it with a JPEG or PNG photograph of at most 40 million pixels, or take it out of assets/":                true,
	"shorten the file's name or a folder's above it: a name may have 255 bytes (85 Chinese characters), a path 4,096": true,
	"warning: ": true, "problem": true, "problems": true, "build": true, "check": true,
	"; the output folder was not changed": true, "not asked: --external asks them": true, "asked": true, "built": true, "rebuilt": true}

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.\d+)?[a-zA-Z%]`)

// TestTranslationsKeepTheirVerbs: a translation takes the arguments its
// message takes, each with its verb.
func TestTranslationsKeepTheirVerbs(t *testing.T) {
	verbs := func(s string) []string {
		var out []string
		for _, v := range verb.FindAllString(s, -1) {
			out = append(out, regexp.MustCompile(`\[\d+\]`).ReplaceAllString(v, ""))
		}
		slices.Sort(out)
		return out
	}
	for en, zh := range Chinese {
		if !slices.Equal(verbs(en), verbs(zh)) {
			t.Errorf("%q has verbs %q, its Chinese %q", en, verbs(en), verbs(zh))
		}
	}
}

func TestFromEnv(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want language.Tag
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, language.Chinese},
		{map[string]string{"LANG": "en_US.UTF-8"}, language.English},
		{map[string]string{"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, language.English},
		{map[string]string{"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, language.Chinese},
		{map[string]string{"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "C"}, language.Chinese},
		{map[string]string{}, language.English},
	}
	for _, c := range cases {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: %v, want %v", c.env, got, c.want)
		}
	}
}

func TestProblemInBothLanguages(t *testing.T) {
	var l source.List
	l.Add("content/communities/a.md", 3, "list each district once", "district %q is already listed at line %d", "海曙区", 2)
	l.Warn("content/_index.md", 0, "", "no baseURL")
	cases := []struct {
		tag  language.Tag
		want []string
	}{
		{language.English, []string{`content/communities/a.md:3: district "海曙区" is already listed at line 2; list each district once`, "content/_index.md: warning: no baseURL"}},
		{language.Chinese, []string{`content/communities/a.md:3: 区县 "海曙区" 已经在第 2 行列出; 每个区县只列一次`, "content/_index.md: 警告：没有 baseURL"}},
	}
	for _, c := range cases {
		p := New(c.tag)
		for i, pr := range l.Problems {
			if got := p.Problem(pr); got != c.want[i] {
				t.Errorf("%v: %q, want %q", c.tag, got, c.want[i])
			}
		}
	}
	if got := New(language.Chinese).Text("asked"); got != "已访问" {
		t.Errorf("Text(asked) = %q, want 已访问", got)
	}
	if got := New(language.English).Text("asked"); got != "asked" {
		t.Errorf("English Text(asked) = %q", got)
	}
}
