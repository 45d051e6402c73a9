package pinyin

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// The table must say what go-pinyin says, character for character; after
// an upgrade of go-pinyin, go generate makes it anew. Every character is
// compared through the table's lines, and a sample of them, the first and
// the last included, through Readings, which reads the whole table for
// each.
func TestReadingsAreGoPinyins(t *testing.T) {
	args := gopinyin.NewArgs()
	args.Heteronym = true
	lines := strings.Split(strings.TrimSuffix(table, "\n"), "\n")[1:]
	if len(lines) != len(gopinyin.PinyinDict) {
		t.Errorf("the table has %d characters, go-pinyin's dictionary %d: run go generate ./generator/internal/pinyin", len(lines), len(gopinyin.PinyinDict))
	}
	for i, line := range lines {
		hex, readings, _ := strings.Cut(line, " ")
		code, err := strconv.ParseInt(hex, 16, 32)
		if err != nil {
			t.Fatalf("line %d of the table: %q", i+2, line)
		}
		r := rune(code)
		want := slices.Compact(gopinyin.SinglePinyin(r, args))
		if got := strings.Split(readings, ","); !slices.Equal(got, want) {
			t.Errorf("the table reads %q as %q, go-pinyin as %q: run go generate ./generator/internal/pinyin", r, got, want)
		}
		if i%401 == 0 || i == len(lines)-1 {
			if got := Readings(r); !slices.Equal(got, want) {
				t.Errorf("Readings(%q) = %q, go-pinyin reads %q", r, got, want)
			}
		}
	}
}

func TestReadings(t *testing.T) {
	tests := []struct {
		r    rune
		want []string
	}{
		{'宁', []string{"ning", "zhu"}},
		{'长', []string{"zhang", "chang"}},
		{'号', []string{"hao", "xiao"}},          // hào and háo are one
		{'〇', []string{"ling", "yuan", "xing"}}, // the table's first line
		{'a', nil},
		{'，', nil},
		{0x13007, nil}, // its hexadecimal ends in the first line's
	}
	for _, tt := range tests {
		if got := Readings(tt.r); !slices.Equal(got, tt.want) {
			t.Errorf("Readings(%q) = %q, want %q", tt.r, got, tt.want)
		}
	}
}
