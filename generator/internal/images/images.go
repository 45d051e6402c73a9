// Package images makes the sizes of a photograph that pages offer
// readers: a few widths in the source's own format (JPEG or PNG) and in
// WebP, each encoded once and kept in a cache by the source's content, so
// that a rebuild does not encode it again. Everything here is pure Go
// (WebP through a WebAssembly build of libwebp), so pinzhi stays one
// binary without cgo.
package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/gen2brain/webp"
	"golang.org/x/image/draw"
)

// Widths are the widths, in pixels, offered of a photograph wider than
// them: a phone's column, a tablet's, a desktop's at twice the density.
var Widths = []int{480, 960, 1440}

// MaxPixels bounds a source's size: a photograph for the web is a few
// million pixels, and a file that claims more (a decompression bomb is a
// few kilobytes that decode to gigabytes) is refused before decoding.
const MaxPixels = 40_000_000

// maxSide bounds either side, whatever the product.
const maxSide = 20_000

// Qualities of the lossy encodings: high enough that a reader sees no
// artefacts at the size shown.
const (
	jpegQuality = 82
	webpQuality = 78
)

// A Variant is one encoded size of a photograph.
type Variant struct {
	Width, Height int
	Ext           string // ".jpg", ".png" or ".webp"
	Data          []byte
}

// A Photo is a source's size and its variants, narrowest first, its own
// format's before WebP's.
type Photo struct {
	Width, Height int
	Variants      []Variant
}

// A Cache keeps encoded variants on disk, by a hash of the source and of
// how they were made. Its zero value (no folder) keeps nothing.
type Cache struct{ Dir string }

// Make checks a source and returns its variants. An error says what is
// wrong with the file for an editor: not a JPEG or PNG, cut short or
// corrupt, or too large.
func Make(data []byte, cache Cache) (*Photo, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	switch {
	case errors.Is(err, image.ErrFormat):
		return nil, errors.New("is not a JPEG or PNG picture")
	case err != nil:
		return nil, fmt.Errorf("cannot be read as a picture (%v)", err)
	case format != "jpeg" && format != "png":
		return nil, fmt.Errorf("is a %s picture; pages offer JPEG and PNG", format)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return nil, errors.New("has no pixels")
	case cfg.Width > maxSide || cfg.Height > maxSide || cfg.Width*cfg.Height > MaxPixels:
		return nil, fmt.Errorf("is %d×%d pixels, more than the %d million a page can offer", cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	own := map[string]string{"jpeg": ".jpg", "png": ".png"}[format]
	o := 1
	if format == "jpeg" {
		o = orientation(data)
	}
	if turned(o) {
		cfg.Width, cfg.Height = cfg.Height, cfg.Width
	}
	p := &Photo{Width: cfg.Width, Height: cfg.Height}
	sum := sha256.Sum256(data)
	key := hex.EncodeToString(sum[:16])
	var src image.Image             // decoded only when some variant is not cached
	scaled := map[int]image.Image{} // each width is scaled once, for both formats
	for _, ext := range []string{own, ".webp"} {
		for _, w := range widths(cfg.Width) {
			h := max(1, (cfg.Height*w+cfg.Width/2)/cfg.Width)
			name := key + "-" + strconv.Itoa(w) + ext
			out, ok := cache.get(name)
			if !ok {
				if src == nil {
					if src, _, err = image.Decode(bytes.NewReader(data)); err != nil {
						return nil, fmt.Errorf("is corrupt (%v)", err)
					}
				}
				if scaled[w] == nil {
					scaled[w] = scaleUpright(src, w, h, o)
				}
				if out, err = encode(scaled[w], ext); err != nil {
					return nil, fmt.Errorf("cannot be encoded as %s (%v)", ext, err)
				}
				cache.put(name, out)
			}
			p.Variants = append(p.Variants, Variant{Width: w, Height: h, Ext: ext, Data: out})
		}
	}
	return p, nil
}

// widths are the widths offered of a source w pixels wide: those of
// Widths narrower than it, and it, or the widest of Widths, last.
func widths(w int) []int {
	var out []int
	for _, x := range Widths {
		if x < w {
			out = append(out, x)
		}
	}
	if last := min(w, slices.Max(Widths)); len(out) == 0 || out[len(out)-1] != last {
		out = append(out, last)
	}
	return out
}

// scaleUpright scales src to w×h as shown, turned as its orientation o
// says: scaled first, so that only the small picture is turned.
func scaleUpright(src image.Image, w, h, o int) image.Image {
	if turned(o) {
		return orient(scale(src, h, w), o)
	}
	return orient(scale(src, w, h), o)
}

func scale(src image.Image, w, h int) image.Image {
	b := src.Bounds()
	if b.Dx() == w && b.Dy() == h {
		return src
	}
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	return dst
}

func encode(m image.Image, ext string) ([]byte, error) {
	var b bytes.Buffer
	var err error
	switch ext {
	case ".jpg":
		err = jpeg.Encode(&b, m, &jpeg.Options{Quality: jpegQuality})
	case ".png":
		err = (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, m)
	default:
		err = webp.Encode(&b, m, webp.Options{Quality: webpQuality, Method: 4})
	}
	return b.Bytes(), err
}

// version changes when variants are made differently, so that a cache
// never serves what an older pinzhi made.
const version = "2"

func (c Cache) path(name string) string {
	return filepath.Join(c.Dir, "v"+version, name[:2], name)
}

func (c Cache) get(name string) ([]byte, bool) {
	if c.Dir == "" {
		return nil, false
	}
	data, err := os.ReadFile(c.path(name))
	return data, err == nil && len(data) > 0
}

// put keeps a variant; a cache that cannot be written only costs time.
func (c Cache) put(name string, data []byte) {
	if c.Dir == "" {
		return
	}
	p := c.path(name)
	if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
		return
	}
	tmp := p + ".tmp" + strconv.Itoa(os.Getpid())
	if os.WriteFile(tmp, data, 0o644) != nil || os.Rename(tmp, p) != nil {
		os.Remove(tmp) // a full disk must not leave a part of a file behind
	}
}
