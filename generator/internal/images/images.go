// Package images makes the sizes of a photograph that pages offer
// readers: a few widths in the source's own format (JPEG or PNG) and in
// WebP, each encoded once and kept in a cache by the source's content, so
// that a rebuild does not encode it again. Everything here is pure Go
// (WebP through a WebAssembly build of libwebp), so pinzhi stays one
// binary without cgo.
package images

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"pinzhi/generator/internal/source"
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

// MaxDecodedBytes bounds the memory a decoded source takes: 40 million
// pixels of 8-bit RGBA. A PNG of 16 bits per channel takes twice as much
// a pixel, so a small file (300 KB, 6,300×6,300) can cost 630 MB to
// decode and scale; the pixels alone are not bound enough.
const MaxDecodedBytes = MaxPixels * 4

// maxSide bounds either side, whatever the product.
const maxSide = 20_000

// MaxWebPSide is the largest width or height a WebP picture can have.
// A long picture (长图) may be taller: its WebP sizes are made within it.
const MaxWebPSide = 16383

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

// An Error says what is wrong with a source, and what an editor can do.
type Error struct {
	Message source.Msg // "is 6300×6300 pixels of 16 bits a channel: …"
	Hint    source.Msg
}

func (e *Error) Error() string { return e.Message.String() }

const replaceHint = "replace it with a JPEG or PNG photograph of at most 40 million pixels, or take it out of assets/"

func problem(hint, format string, args ...any) error {
	return &Error{Message: source.M(format, args...), Hint: source.M(hint)}
}

// Make checks a source and returns its variants. An error says what is
// wrong with the file for an editor: not a JPEG or PNG, cut short or
// corrupt, or too large; or ctx's error once ctx is done, which stops the
// work between two variants and abandons one being encoded. about names
// the source in the cache's notes.
func Make(ctx context.Context, about string, data []byte, cache *Cache) (*Photo, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err == nil {
		err = checkConfig(cfg, format)
	}
	switch {
	case errors.Is(err, image.ErrFormat):
		return nil, problem(replaceHint, "is not a JPEG or PNG picture")
	case err != nil && !errors.As(err, new(*Error)):
		return nil, problem(replaceHint, "cannot be read as a picture (%v)", err)
	case err != nil:
		return nil, err
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
		for _, w := range formatWidths(cfg.Width, cfg.Height, ext) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			h := height(cfg.Width, cfg.Height, w)
			name := key + "-" + strconv.Itoa(w) + ext
			out, ok := cache.get(name, ext, w, h, about)
			if !ok {
				if src == nil {
					if src, _, err = image.Decode(bytes.NewReader(data)); err != nil {
						return nil, problem(replaceHint, "is corrupt (%v)", err)
					}
				}
				if scaled[w] == nil {
					scaled[w] = scaleUpright(src, w, h, o)
				}
				if out, err = encodeWithin(ctx, scaled[w], ext); err != nil {
					return nil, err
				}
				cache.put(name, out)
			}
			p.Variants = append(p.Variants, Variant{Width: w, Height: h, Ext: ext, Data: out})
		}
	}
	return p, nil
}

// checkConfig refuses a source before it is decoded: a format pages do
// not offer, no pixels, or more pixels or decoded bytes than the bounds.
func checkConfig(cfg image.Config, format string) error {
	switch {
	case format != "jpeg" && format != "png":
		return problem(replaceHint, "is a %s picture; pages offer JPEG and PNG", format)
	case cfg.Width <= 0 || cfg.Height <= 0:
		return problem(replaceHint, "has no pixels")
	case cfg.Width > maxSide || cfg.Height > maxSide || cfg.Width*cfg.Height > MaxPixels:
		return problem(replaceHint, "is %d×%d pixels, more than the %d million a page can offer", cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	if n := int64(cfg.Width) * int64(cfg.Height) * bytesPerPixel(cfg.ColorModel); n > MaxDecodedBytes {
		return problem("save it with 8 bits a channel (a JPEG, or a PNG of 8-bit colour), or smaller",
			"is %d×%d pixels that take %d MB once decoded (%d bytes a pixel), more than the %d MB a photo may take",
			cfg.Width, cfg.Height, n/1_000_000, bytesPerPixel(cfg.ColorModel), MaxDecodedBytes/1_000_000)
	}
	return nil
}

// bytesPerPixel is what Go's decoders hold of one pixel of a picture of
// color model m.
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	case color.Gray16Model:
		return 2
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.YCbCrModel:
		return 3
	}
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	return 4
}

// height is the height of a source of w0×h0 scaled to w wide.
func height(w0, h0, w int) int { return max(1, (h0*w+w0/2)/w0) }

// formatWidths are the widths offered in format ext: widths(w0), but in
// WebP only those whose height fits WebP's limit, and then, if that left
// out the widest, the widest that fits, so that a long picture still has
// a WebP size of most of its width.
func formatWidths(w0, h0 int, ext string) []int {
	all := widths(w0)
	if ext != ".webp" {
		return all
	}
	var fit []int
	for _, w := range all {
		if w <= MaxWebPSide && height(w0, h0, w) <= MaxWebPSide {
			fit = append(fit, w)
		}
	}
	if len(fit) < len(all) {
		widest := min(w0, MaxWebPSide*w0/h0)
		for widest > 1 && height(w0, h0, widest) > MaxWebPSide {
			widest--
		}
		if widest >= 1 && (len(fit) == 0 || fit[len(fit)-1] < widest) {
			fit = append(fit, widest)
		}
	}
	return fit
}

// encodeWithin encodes m, or returns ctx's error as soon as ctx is done.
// The WebP encoder cannot be interrupted: its work is left to finish in
// the background, which a program that is stopping does not wait for.
func encodeWithin(ctx context.Context, m image.Image, ext string) ([]byte, error) {
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := encode(m, ext)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		if r.err != nil {
			return nil, problem(replaceHint, "cannot be encoded as %s (%v)", formatName(ext), r.err)
		}
		return r.data, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
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
