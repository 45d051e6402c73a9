package pinyin

import (
	"slices"
	"strings"
	"testing"

	gopinyin "github.com/mozillazg/go-pinyin"
)

// The table must say what go-pinyin says, character for character; after
// an upgrade of go-pinyin, go generate makes it anew.
func TestReadingsAreGoPinyins(t *testing.T) {
	args := gopinyin.NewArgs()
	args.Heteronym = true
	for code := range gopinyin.PinyinDict {
		r := rune(code)
		want := slices.Compact(gopinyin.SinglePinyin(r, args))
		if got := Readings(r); !slices.Equal(got, want) {
			t.Errorf("Readings(%q) = %q, go-pinyin reads %q: run go generate ./generator/internal/pinyin", r, got, want)
		}
	}
	if lines, want := strings.Count(table, "\n")-1, len(gopinyin.PinyinDict); lines != want {
		t.Errorf("the table has %d characters, go-pinyin's dictionary %d: run go generate ./generator/internal/pinyin", lines, want)
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
		{0x3006, nil},       // just before the first line
		{0x13007, nil},      // its hexadecimal ends in the first line's
		{'\U0010FFFF', nil}, // after the last line
		{-1, nil},
	}
	for _, tt := range tests {
		if got := Readings(tt.r); !slices.Equal(got, tt.want) {
			t.Errorf("Readings(%q) = %q, want %q", tt.r, got, tt.want)
		}
	}
}

func TestSpelling(t *testing.T) {
	cases := map[string]string{"后大街社区": "houdajieshequ", "吴民丽": "wuminli", "A区3号": "aqu3hao", "——": ""}
	for s, want := range cases {
		if got := Spelling(s); got != want {
			t.Errorf("Spelling(%q) = %q, want %q", s, got, want)
		}
	}
}
