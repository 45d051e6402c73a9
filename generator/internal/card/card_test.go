package card

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// machineFont returns the machine's CJK font; CI, which installs one,
// fails without it.
func machineFont(t *testing.T) *Font {
	t.Helper()
	f, err := Find(nil, "", SystemFonts)
	if err != nil {
		t.Fatal(err)
	}
	if f == nil {
		if os.Getenv("PINZHI_REQUIRE_BROWSER") == "1" {
			t.Fatal("no CJK font on this machine (apt-get install fonts-noto-cjk)")
		}
		t.Skip("no CJK font on this machine")
	}
	return f
}

// inked counts the pixels of the card's text: those that are neither the
// background nor the rule.
func inked(t *testing.T, data []byte) (int, image.Rectangle) {
	t.Helper()
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	p := m.(*image.Paletted)
	n := 0
	bounds := image.Rectangle{}
	for y := 200; y < Height; y++ { // below the publication's title and rule
		for x := 0; x < Width; x++ {
			if p.ColorIndexAt(x, y) != 0 {
				n++
				bounds = bounds.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return n, bounds
}

func TestDraw(t *testing.T) {
	f := machineFont(t)
	cases := []struct {
		name, title string
		minInk      int
	}{
		{"a community", "后大街社区", 5000},
		{"a long title", "宁波市“十佳品质社区”推荐评议暨“百佳社区文明创建工作品牌”榜单发布会在宁波日报报业集团举行，十家社区的当家人共话社区品质", 20000},
		{"Latin", "About pinzhi", 2000},
		{"no title", "", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := Draw(c.title, "宁波市“十佳品质社区”推荐评议", f)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(data))
			if err != nil || cfg.Width != Width || cfg.Height != Height {
				t.Fatalf("%v: %d×%d, want %d×%d", err, cfg.Width, cfg.Height, Width, Height)
			}
			n, bounds := inked(t, data)
			if n < c.minInk || !bounds.In(image.Rect(margin-8, 200, Width-margin+8, Height-margin+40)) {
				t.Errorf("%d pixels of text within %v; want at least %d, inside the margins", n, bounds, c.minInk)
			}
			if len(data) > 40<<10 {
				t.Errorf("the card takes %d bytes", len(data))
			}
			if testing.Verbose() {
				os.WriteFile(filepath.Join(t.TempDir(), "card.png"), data, 0o644)
			}
		})
	}
}

func TestDrawWithoutFont(t *testing.T) {
	data, err := Draw("后大街社区", "品质社区", nil)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := inked(t, data); n != 0 {
		t.Errorf("a card without a font has %d pixels of text", n)
	}
}

func TestNameChangesWithWhatIsShown(t *testing.T) {
	f := &Font{ID: "a/0"}
	base := Name("后大街社区", "品质社区", f)
	for _, other := range []string{Name("后大街", "品质社区", f), Name("后大街社区", "品质", f), Name("后大街社区", "品质社区", &Font{ID: "b/0"}), Name("后大街社区", "品质社区", nil)} {
		if other == base {
			t.Error("two different cards have one name")
		}
	}
	if Name("后大街社区", "品质社区", nil) != Name("力邦社区", "品质", nil) {
		t.Error("cards without text, all alike, have different names")
	}
	if len(base) != 32 {
		t.Errorf("name %q is not 32 hex digits", base)
	}
}

func TestFindNamed(t *testing.T) {
	fsys := fstest.MapFS{"fonts/bad.otf": {Data: []byte("not a font")}}
	if _, err := Find(fsys, "fonts/bad.otf", nil); err == nil {
		t.Error("a file that is not a font was taken")
	}
	if _, err := Find(fsys, "fonts/none.otf", nil); err == nil {
		t.Error("a missing font was taken")
	}
}
