package render

import (
	"testing"

	"pinzhi/generator/internal/model"
)

func TestLinkRewriter(t *testing.T) {
	l := &LinkRewriter{
		URLs:   model.NewURLs("https://example.org/pinzhi/"),
		Assets: map[string]string{"assets/a.png": "assets/a.0123456789.png"},
	}
	for _, c := range []struct {
		dest, want, page string
		missing          bool
	}{
		{"/communities/a/", "/pinzhi/communities/a/", "communities/a/", false},
		{"/communities/a/#x", "/pinzhi/communities/a/#x", "communities/a/", false},
		{"/communities/%E5%90%8E/", "/pinzhi/communities/后/", "communities/后/", false},
		{"/assets/a.png", "/pinzhi/assets/a.0123456789.png", "", false},
		{"/assets/b.png", "/pinzhi/assets/b.png", "", true},
		{"https://other.org/x", "https://other.org/x", "", false},
		{"//other.org/x", "//other.org/x", "", false},
		{"relative/", "relative/", "", false},
		{"#top", "#top", "", false},
	} {
		got, page, missing := l.Rewrite(c.dest)
		if got != c.want || page != c.page || missing != c.missing {
			t.Errorf("rewrite(%q) = %q, %q, %v; want %q, %q, %v", c.dest, got, page, missing, c.want, c.page, c.missing)
		}
	}
}
