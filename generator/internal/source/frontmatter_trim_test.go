package source

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/adrg/frontmatter"
)

// wholeSplit is splitFrontMatter without its shortcut: the library reads
// the whole file.
func wholeSplit(text []byte) (frontMatter, int, error) {
	var fm frontMatter
	first, n := firstNonBlankLine(text)
	fm.firstLine = n + 1
	if first == "{" {
		fm.firstLine = n
	}
	rest, err := frontmatter.Parse(bytes.NewReader(text), nil, delimiters(&fm)...)
	if err != nil {
		return fm, 0, err
	}
	return fm, len(text) - len(rest), nil
}

// TestFrontMatterShortcut checks that giving the library the file only
// up to the closing line finds the front matter and the body where
// giving it the whole file does, on random files of the lines that
// matter.
func TestFrontMatterShortcut(t *testing.T) {
	lines := []string{"---", "+++", ";;;", "---yaml", " --- ", "---\r", "title: 甲", "weight: 2", "", "正文", "{", "}", `"a": 1`, "a = 1", "---x"}
	r := rand.New(rand.NewPCG(1, 2))
	compared := 0
	for range 40000 {
		var b strings.Builder
		if r.IntN(2) == 0 {
			b.WriteString([]string{"---\n", "+++\n", ";;;\n", "---yaml\n", "{\n"}[r.IntN(5)])
		}
		for range r.IntN(8) {
			b.WriteString(lines[r.IntN(len(lines))])
			if r.IntN(10) > 0 {
				b.WriteString("\n")
			}
		}
		text := []byte(b.String())
		fm, off, err := splitFrontMatter(text)
		want, wantOff, wantErr := wholeSplit(text)
		if err != nil {
			continue // the shortcut adds the error of a block never closed
		}
		if wantErr != nil || fm.format != want.format || off != wantOff || fmt.Sprint(fm.fields) != fmt.Sprint(want.fields) {
			t.Fatalf("%q: %q %v at %d (%v), want %q %v at %d (%v)", text, fm.format, fm.fields, off, err, want.format, want.fields, wantOff, wantErr)
		}
		if fm.format != "" {
			compared++
		}
	}
	if compared < 2000 {
		t.Errorf("only %d files had front matter", compared)
	}
}
