package linkcheck

import (
	"maps"
	"slices"
	"testing"
)

func TestScan(t *testing.T) {
	cases := []struct {
		name   string
		html   string
		ids    []string
		links  []string
		images []Image
	}{
		{"minified", `<h2 id=治理经验>治理经验</h2><a href=/pinzhi/communities/a/>a</a><a href="#%E6%B2%BB">b</a>`,
			[]string{"治理经验"}, []string{"/pinzhi/communities/a/", "#%E6%B2%BB"}, nil},
		{"entities", `<a href="/a?x=1&amp;y=2" id='a&amp;b'>x</a>`, []string{"a&b"}, []string{"/a?x=1&y=2"}, nil},
		{"upper case", `<A HREF=/x ID=Top>x</A>`, []string{"Top"}, []string{"/x"}, nil},
		{"images", `<img src=/a.jpg alt=说明><img src=/b.jpg alt=""><img src=/c.jpg><img alt src=/d.jpg>`, nil,
			[]string{"/a.jpg", "/b.jpg", "/c.jpg", "/d.jpg"},
			[]Image{{"/a.jpg", "说明", true}, {"/b.jpg", "", true}, {"/c.jpg", "", false}, {"/d.jpg", "", true}}},
		{"stylesheet and script", `<link rel=stylesheet href=/s.css><script src=/r.js></script><script>var a="<a href=/no>"</script>`,
			nil, []string{"/s.css", "/r.js"}, nil},
		{"not links", `<div data-href=/no class=x><meta content=/no><form action=/no></form></div>`, nil, nil, nil},
		{"comment", `<!-- <a href=/no> --><a href=/yes>`, nil, []string{"/yes"}, nil},
		{"unclosed", `<a href="/x`, nil, []string{"/x"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Scan([]byte(c.html))
			if ids := slices.Sorted(maps.Keys(p.IDs)); !slices.Equal(ids, c.ids) {
				t.Errorf("ids %q, want %q", ids, c.ids)
			}
			if !slices.Equal(p.Links, c.links) {
				t.Errorf("links %q, want %q", p.Links, c.links)
			}
			if !slices.Equal(p.Images, c.images) {
				t.Errorf("images %+v, want %+v", p.Images, c.images)
			}
		})
	}
}
