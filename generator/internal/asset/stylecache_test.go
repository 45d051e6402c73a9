package asset

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/parse/v2/buffer"
)

// The cache must write exactly what the CSS minifier writes, the first
// time and every time after, or pages would differ between builds.
func TestStyleCacheWritesWhatCSSMinifyWrites(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		params map[string]string
		cached bool
	}{
		{"stylesheet", "body {\n  margin: 0px;\n  color: #ff0000;\n}\n", nil, true},
		{"empty", "", nil, true},
		{"Chinese in content", `q::before { content: "“品质社区”"; }`, nil, true},
		{"style attribute", "color: #ff0000 ; margin : 0px", map[string]string{"inline": "1"}, false},
		{"over the input bound", "a{color:red}" + strings.Repeat("/* padding */", styleCacheMaxInput/13+1), nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := minify.New()
			var want bytes.Buffer
			if err := css.Minify(m, &want, strings.NewReader(tt.src), tt.params); err != nil {
				t.Fatal(err)
			}
			c := &styleCache{}
			// The HTML minifier's readers, and any other.
			readers := []func() io.Reader{
				func() io.Reader { return buffer.NewReader([]byte(tt.src)) },
				func() io.Reader { return strings.NewReader(tt.src) },
				func() io.Reader { return buffer.NewReader([]byte(tt.src)) },
			}
			for i, reader := range readers {
				var got bytes.Buffer
				if err := c.Minify(m, &got, reader(), tt.params); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("call %d wrote %q, css.Minify writes %q", i+1, got.String(), want.String())
				}
			}
			if _, ok := c.entries[tt.src]; ok != tt.cached {
				t.Errorf("cached = %v, want %v", ok, tt.cached)
			}
		})
	}
}

func TestStyleCacheStaysBounded(t *testing.T) {
	m := minify.New()
	c := &styleCache{}
	for i := range 3 * styleCacheEntries {
		src := fmt.Sprintf("a{margin:%dpx}", i)
		var out bytes.Buffer
		if err := c.Minify(m, &out, strings.NewReader(src), nil); err != nil {
			t.Fatal(err)
		}
		if n := len(c.entries); n > styleCacheEntries {
			t.Fatalf("after %d stylesheets the cache holds %d, want at most %d", i+1, n, styleCacheEntries)
		}
		if _, ok := c.entries[src]; !ok {
			t.Fatalf("stylesheet %d was not kept", i)
		}
	}
}

// Render workers share one cache; the race detector run in CI checks it.
func TestStyleCacheSharedByWorkers(t *testing.T) {
	m := minify.New()
	c := &styleCache{}
	src := "body { color: #000000; }"
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			var out bytes.Buffer
			if err := c.Minify(m, &out, strings.NewReader(src), nil); err != nil {
				t.Error(err)
			}
			if out.String() != "body{color:#000}" {
				t.Errorf("wrote %q", out.String())
			}
		})
	}
	wg.Wait()
}
