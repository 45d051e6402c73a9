package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"
)

func TestFrontMatterLines(t *testing.T) {
	for _, c := range []struct {
		name, text string
		titleLine  int
		bodyLine   int
	}{
		{"yaml", "---\ntitle: a\n---\nbody", 2, 4},
		{"yaml after blank lines", "\n\n---\nx: 1\ntitle: a\n---\nbody", 5, 7},
		{"toml", "+++\n\ntitle = \"a\"\n+++\nbody", 3, 5},
		{"json", ";;;\n{\n  \"title\": \"a\"\n}\n;;;\nbody", 3, 6},
		{"bare json", "{\n  \"title\": \"a\"\n}\n\nbody", 2, 5},
		{"none", "body only", 0, 1},
		{"longer than the first chunk", "---\n" + strings.Repeat("x: 1\n", 3000) + "title: a\n---\nbody", 3002, 3004}, // x repeats; the last is kept
	} {
		fm, offset, err := splitFrontMatter([]byte(c.text))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := fm.fields["title"].Line; got != c.titleLine {
			t.Errorf("%s: title on line %d, want %d", c.name, got, c.titleLine)
		}
		if got := LineAt([]byte(c.text), offset); got != c.bodyLine {
			t.Errorf("%s: body on line %d, want %d", c.name, got, c.bodyLine)
		}
	}
}

// TestYAMLErrorLines checks the line of YAML errors of both kinds yaml.v3
// reports (its scanner's and its parser's, which count differently).
func TestYAMLErrorLines(t *testing.T) {
	for _, c := range []struct {
		text string
		line int
	}{
		{"---\ntitle: [unclosed\ndistrict: x\n---\n", 3},
		{"---\na: b\ndistrict: [x\nleader:\n  name: y\n---\n", 3},
		{"---\na: b\nc: d\ndistrict: [x\ne: f\n---\n", 4},
		{"---\na: b\n  c: d\n---\n", 3},
		{"---\na: b\nc: \"x\ne: f\n---\n", 3}, // where the quote opens
		{"---\na: {b: c\n---\n", 3},
		{"---\n- a\nb: c\n---\n", 3},
	} {
		_, _, err := splitFrontMatter([]byte(c.text))
		fe, ok := err.(*frontMatterError)
		if !ok || fe.line != c.line {
			t.Errorf("%q: error %v at line %d, want line %d", c.text, err, errLine(fe), c.line)
		}
	}
}

func errLine(fe *frontMatterError) int {
	if fe == nil {
		return 0
	}
	return fe.line
}

func TestClosest(t *testing.T) {
	districts := []string{"海曙区", "江北区", "镇海区", "鄞州区"}
	for word, want := range map[string]string{"镇海": "镇海区", "鄞洲区": "鄞州区", "杭州市": "", "江北区": "江北区"} {
		if got := Closest(word, districts); got != want {
			t.Errorf("Closest(%q) = %q, want %q", word, got, want)
		}
	}
	if got := Closest("titel", []string{"title", "district"}); got != "title" {
		t.Errorf("Closest(titel) = %q", got)
	}
}

// TestIgnored is the one rule of what no build reads, wherever it is.
func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"houdajie.md": false, "site.css": false, "后大街.md": false, "photo.jpg": false, "index.md": false,
		".git": true, ".private": true, ".DS_Store": true, ".#houdajie.md": true, "#houdajie.md#": true,
		"houdajie.md~": true, ".houdajie.md.swp": true, "houdajie.md.swp": true, "a.swo": true, "a.swx": true,
		"4913": true, "a.md___jb_tmp___": true, "a.md___jb_old___": true, "a.tmp": true, "a.bak": true,
		"a.orig": true, "~$report.docx": true, "Thumbs.db": true, "desktop.ini": true, "": true,
	} {
		if got := Ignored(name); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
	for p, want := range map[string]bool{
		"assets/.private/secret.env": true, "content/communities/a.md": false, "layouts/partials/.card.html.swp": true,
		"content/.drafts/a.md": true, "assets/img/logo.svg": false, "content/a/#b#/c.md": true,
	} {
		if got := IgnoredPath(p); got != want {
			t.Errorf("IgnoredPath(%q) = %v, want %v", p, got, want)
		}
	}
}

// lyingFS says every file is one byte long, whatever it holds.
type lyingFS struct{ fstest.MapFS }

type lyingInfo struct{ fs.FileInfo }

func (lyingInfo) Size() int64 { return 1 }

func (l lyingFS) Stat(name string) (fs.FileInfo, error) {
	info, err := l.MapFS.Stat(name)
	if err != nil {
		return nil, err
	}
	return lyingInfo{info}, nil
}

func TestReadBounded(t *testing.T) {
	big := strings.Repeat("x", 1000)
	fsys := lyingFS{fstest.MapFS{"big": {Data: []byte(big)}, "small": {Data: []byte("ok")}}}
	if _, p := ReadBounded(fsys, "big", 999); p == nil || !strings.Contains(p.Message, "is more than") {
		t.Errorf("a file larger than the bound, whatever Stat says, was read: %v", p)
	}
	if data, p := ReadBounded(fsys, "big", 1000); p != nil || len(data) != 1000 {
		t.Errorf("a file of exactly the bound: %v", p)
	}
	if data, p := ReadBounded(fsys, "small", 10); p != nil || string(data) != "ok" {
		t.Errorf("small file: %q %v", data, p)
	}
}

// TestSpecialFiles puts a FIFO and a device, directly and through
// symbolic links, where content goes: none may be opened, and reading
// must end at once with a problem naming the file.
func TestSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o644); err != nil {
		t.Skip("cannot make a FIFO here:", err)
	}
	for name, target := range map[string]string{"link-to-fifo.md": "fifo.md", "zero.md": "/dev/zero", "null.md": "/dev/null"} {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"fifo.md", "link-to-fifo.md", "zero.md", "null.md"} {
		done := make(chan *Problem, 1)
		go func() { _, p := ReadText(DirFS(dir), name, MaxFileSize); done <- p }()
		select {
		case p := <-done:
			if p == nil || p.Path != name || !strings.Contains(p.Message, "not a file") {
				t.Errorf("%s: problem %v", name, p)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: reading it did not end", name)
		}
	}
	// Opening through DirFS never blocks, even without a Stat first.
	f, err := DirFS(dir).Open("fifo.md")
	if err == nil {
		f.Close()
		t.Error("a FIFO was opened")
	}
}

func TestPrintable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"content/后大街.md", "content/后大街.md"},
		{"x\revent: reload\r\r.md", `x\revent: reload\r\r.md`},
		{"a\nb\r\nc", `a\nb\r\nc`},
		{"\x1b]0;pwned\a.md", `\x1b]0;pwned\a.md`},
		{"\u009b31m", `\u009b31m`},
		{"\x9b31m", `\x9b31m`},
		{"tab\there", `tab\there`},
		{"evil\u202egnp.md", `evil\u202egnp.md`},
		{"line\u2028sep", `line\u2028sep`},
		{"bad\xffbyte", `bad\xffbyte`},
		{"“引号” and 　full-width space", "“引号” and 　full-width space"},
	} {
		if got := Printable(c.in); got != c.want {
			t.Errorf("Printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	p := Problem{Path: "content/x\x1b[2J.md", Line: 3, Message: "title \r is empty", Hint: "write \u202e it"}
	if got, want := p.Error(), `content/x\x1b[2J.md:3: title \r is empty; write \u202e it`; got != want {
		t.Errorf("Problem.Error() = %q, want %q", got, want)
	}
}

// TestWalkDir follows links inside the file system, files and folders,
// and reports links out of it and loops, by the link's name.
func TestWalkDir(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
	}
	fsys := fstest.MapFS{
		"content/a.md":               {Data: []byte("a")},
		"content/common":             link("../common"),
		"content/up":                 link(".."),
		"content/self":               link("../content"),
		"content/out":                link("../../elsewhere"),
		"content/abs":                link("/etc"),
		"content/file.md":            link("../common/b.md"),
		"content/deep/back":          link("../../content/deep"),
		"common/b.md":                {Data: []byte("b")},
		"common/inner/c.md":          {Data: []byte("c")},
		"common/inner/tocommon":      link("../../common"),
		"content/zz-sibling/loopy":   link("../zz-sibling"),
		"content/zz-sibling/note.md": {Data: []byte("n")},
	}
	var visited, problems []string
	err := WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			problems = append(problems, WalkProblem(name, err).Error())
			return nil
		}
		kind := "file"
		if d.IsDir() {
			kind = "dir"
		}
		visited = append(visited, name+" "+kind)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantVisited := []string{"content dir", "content/a.md file",
		"content/common dir", "content/common/b.md file", "content/common/inner dir", "content/common/inner/c.md file",
		"content/deep dir", "content/file.md file", "content/zz-sibling dir", "content/zz-sibling/note.md file"}
	if !slices.Equal(visited, wantVisited) {
		t.Errorf("visited\n%q\nwant\n%q", visited, wantVisited)
	}
	wantProblems := []string{
		"content/abs: is a symbolic link out of the site's folder (to /etc)",
		"content/deep/back: is a symbolic link to content/deep, a folder that holds it",
		"content/out: is a symbolic link out of the site's folder (to ../../elsewhere)",
		"content/self: is a symbolic link to content, a folder that holds it",
		"content/common/inner/tocommon: is a symbolic link to common, a folder that holds it",
		"content/up: is a symbolic link to ., a folder that holds it",
		"content/zz-sibling/loopy: is a symbolic link to content/zz-sibling, a folder that holds it",
	}
	if len(problems) != len(wantProblems) {
		t.Errorf("problems\n%s", strings.Join(problems, "\n"))
	}
	for _, w := range wantProblems {
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.HasPrefix(p, w) }) {
			t.Errorf("no problem starts with %q:\n%s", w, strings.Join(problems, "\n"))
		}
	}
}
