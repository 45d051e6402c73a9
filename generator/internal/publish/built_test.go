package publish

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOpenBuilt: only a whole site of pinzhi build may be deployed.
func TestOpenBuilt(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, out string) // the output folder
		want string                         // in the error; "" for none
	}{
		{"a build", func(t *testing.T, out string) { listed(t, out, false, Build) }, ""},
		{"missing", func(t *testing.T, out string) {}, "does not exist: run pinzhi build first"},
		{"someone else's", func(t *testing.T, out string) { writeSite(t, out) }, "was not made by pinzhi"},
		{"serve's preview", func(t *testing.T, out string) { listed(t, out, false, Preview) }, "holds a preview of pinzhi serve"},
		{"a build with the drafts", func(t *testing.T, out string) { listed(t, out, false, Drafts) }, "holds a build with the drafts"},
		{"a build that stopped", func(t *testing.T, out string) { listed(t, out, true, Build) }, "is only partly written"},
		{"a file", func(t *testing.T, out string) { os.WriteFile(out, []byte("x"), 0o644) }, "is not a folder"},
		{"a file of the list replaced by a link", func(t *testing.T, out string) {
			listed(t, out, false, Build)
			os.Remove(filepath.Join(out, "index.html"))
			os.Symlink("/etc/passwd", filepath.Join(out, "index.html"))
		}, "index.html is no longer the file pinzhi wrote (it is a symbolic link now)"},
		{"a file of the list gone", func(t *testing.T, out string) {
			listed(t, out, false, Build)
			os.Remove(filepath.Join(out, "a", "index.html"))
		}, "a/index.html is missing since the build"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			c.make(t, out)
			b, err := OpenBuilt(out, nil)
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				defer b.Close()
				if want := []string{"a/index.html", "index.html"}; !slices.Equal(b.Files, want) {
					t.Errorf("files %v, want %v", b.Files, want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one with %q", err, c.want)
			}
		})
	}
}

func writeSite(t *testing.T, out string) {
	t.Helper()
	for _, f := range []string{"index.html", "a/index.html"} {
		name := filepath.Join(out, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listed writes a site into out with a list naming it.
func listed(t *testing.T, out string, writing bool, mode Mode) {
	t.Helper()
	writeSite(t, out)
	if err := writeList(out, []string{"a/index.html", "index.html"}, writing, mode); err != nil {
		t.Fatal(err)
	}
}
