package markup

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
)

// headingIDs makes heading anchors that keep Chinese text: "## 治理经验"
// gets id="治理经验", where goldmark's own scheme, which keeps only ASCII,
// would give "heading". One value serves one document.
type headingIDs struct {
	used map[string]bool
	// last is the highest number given to each text's repeats, so that the
	// thousandth "## 治理经验" does not try the 999 ids before it.
	last map[string]int
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}, last: map[string]int{}} }

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := anchorText(string(value))
	if id == "" {
		id = "heading"
		if kind != ast.KindHeading {
			id = "id"
		}
	}
	unique := id
	for n := h.last[id]; h.used[unique]; {
		n++
		unique = id + "-" + strconv.Itoa(n)
		h.last[id] = n
	}
	h.used[unique] = true
	return []byte(unique)
}

// Put implements parser.IDs.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }

// anchorText keeps letters and digits of every script, lowercases ASCII and
// turns runs of spaces, '-' and '_' into one '-'. Punctuation, Chinese
// punctuation included, is dropped.
func anchorText(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-' || r == '_':
			dash = true
		}
	}
	return b.String()
}
