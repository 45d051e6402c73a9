package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"slices"
	"strings"
	"testing"
)

func picture(w, h int) *image.NRGBA {
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.NRGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	return m
}

func encoded(t *testing.T, format string, w, h int) []byte {
	var b bytes.Buffer
	var err error
	switch format {
	case "jpeg":
		err = jpeg.Encode(&b, picture(w, h), nil)
	case "png":
		err = png.Encode(&b, picture(w, h))
	case "gif":
		err = gif.Encode(&b, picture(w, h), nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bomb is a valid PNG of one pixel whose header claims w×h pixels: a few
// bytes that would decode to gigabytes.
func bomb(t *testing.T, w, h uint32) []byte {
	data := encoded(t, "png", 1, 1)
	ihdr := data[8+8 : 8+8+13] // after the signature, the chunk's length and type
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	binary.BigEndian.PutUint32(data[8+8+13:], crc32.ChecksumIEEE(data[8+4:8+8+13]))
	return data
}

func TestMake(t *testing.T) {
	jpg := encoded(t, "jpeg", 1200, 800)
	cases := []struct {
		name   string
		data   []byte
		widths []int  // of the variants of each format
		ext    string // the source's format's
		err    string
	}{
		{"a JPEG wider than two widths", jpg, []int{480, 960, 1200}, ".jpg", ""},
		{"a PNG narrower than every width", encoded(t, "png", 300, 200), []int{300}, ".png", ""},
		{"a JPEG exactly as wide as a width", encoded(t, "jpeg", 960, 10), []int{480, 960}, ".jpg", ""},
		{"a wide JPEG", encoded(t, "jpeg", 3000, 20), []int{480, 960, 1440}, ".jpg", ""},
		{"a GIF", encoded(t, "gif", 10, 10), nil, "", "is a gif picture; pages offer JPEG and PNG"},
		{"text", []byte("not a picture at all"), nil, "", "is not a JPEG or PNG picture"},
		{"a JPEG cut short", jpg[:len(jpg)/2], nil, "", "is corrupt"},
		{"a decompression bomb", bomb(t, 100_000, 100_000), nil, "", "is 100000×100000 pixels, more than the 40 million"},
		{"a long thin bomb", bomb(t, 30_000, 10), nil, "", "is 30000×10 pixels"},
		{"a 16-bit PNG past the decoded bound", deep(t, 6300, 6300), nil, "", "is 6300×6300 pixels that take 317 MB once decoded (8 bytes a pixel)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Make(context.Background(), "assets/x.jpg", c.data, nil)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var own, webp []int
			for _, v := range p.Variants {
				m, format, err := image.Decode(bytes.NewReader(v.Data))
				if v.Ext == ".webp" {
					webp = append(webp, v.Width)
					if !bytes.HasPrefix(v.Data, []byte("RIFF")) || !bytes.Equal(v.Data[8:12], []byte("WEBP")) {
						t.Errorf("%d%s is not WebP", v.Width, v.Ext)
					}
					continue
				}
				own = append(own, v.Width)
				if err != nil || v.Ext != c.ext || "."+format != strings.Replace(v.Ext, "jpg", "jpeg", 1) || m.Bounds().Dx() != v.Width || m.Bounds().Dy() != v.Height {
					t.Errorf("%d%s decodes as %s %v: %v", v.Width, v.Ext, format, m.Bounds(), err)
				}
				if want := max(1, (p.Height*v.Width+p.Width/2)/p.Width); v.Height != want {
					t.Errorf("%d wide: %d high, want %d", v.Width, v.Height, want)
				}
			}
			if !slices.Equal(own, c.widths) || !slices.Equal(webp, c.widths) {
				t.Errorf("widths %v and %v, want %v", own, webp, c.widths)
			}
		})
	}
}

// withOrientation puts an EXIF orientation into a JPEG, as a phone does.
func withOrientation(jpg []byte, o uint16) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(o >> 8), byte(o), 0, 0, 0, 0, 0, 0}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	app1 := append([]byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
	return append(append([]byte{0xFF, 0xD8}, app1...), jpg[2:]...)
}

// TestOrientation: a phone's picture stored sideways is offered upright.
// The source is red on its left half and blue on its right; turned as
// each orientation says, the red half lands where want says.
func TestOrientation(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 600, 300))
	for y := range 300 {
		for x := range 600 {
			c := color.NRGBA{0, 0, 255, 255}
			if x < 300 {
				c = color.NRGBA{255, 0, 0, 255}
			}
			src.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, src, &jpeg.Options{Quality: 95})
	cases := []struct {
		o    uint16
		w, h int
		red  image.Point // a point of the red half, as shown
	}{
		{1, 600, 300, image.Pt(100, 150)},
		{2, 600, 300, image.Pt(500, 150)}, // mirrored
		{3, 600, 300, image.Pt(500, 150)}, // upside down
		{6, 300, 600, image.Pt(150, 100)}, // turned a quarter clockwise: the left half on top
		{8, 300, 600, image.Pt(150, 500)}, // a quarter anticlockwise
	}
	for _, c := range cases {
		p, err := Make(context.Background(), "assets/x.jpg", withOrientation(b.Bytes(), c.o), nil)
		if err != nil {
			t.Fatal(err)
		}
		v := p.Variants[len(p.Variants)/2-1] // the widest in JPEG
		m, _, err := image.Decode(bytes.NewReader(v.Data))
		if err != nil || p.Width != c.w || p.Height != c.h || m.Bounds().Dx() != c.w || m.Bounds().Dy() != c.h {
			t.Errorf("orientation %d: %d×%d, variant %v (%v), want %d×%d", c.o, p.Width, p.Height, m.Bounds(), err, c.w, c.h)
			continue
		}
		if r, _, bl, _ := m.At(c.red.X, c.red.Y).RGBA(); r < bl {
			t.Errorf("orientation %d: %v is not red", c.o, c.red)
		}
	}
	if o := orientation([]byte("\xff\xd8\xff\xe1\x00")); o != 1 {
		t.Errorf("a header cut short reads as orientation %d", o)
	}
}
