// Package card draws the share card of a page that has no picture of its
// own: 1200×630 pixels, the size Open Graph and Weibo ask for, the
// page's title in white on the publication's red, the publication's
// title above it. Text is drawn from a CJK font (see Find); without one
// the card has the colours and no text. A card is a paletted PNG of a few
// kilobytes, named by what it shows, so that a cache can keep it.
package card

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"strings"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Width and Height are a card's size in pixels.
const Width, Height = 1200, 630

// version changes when cards are drawn differently, so that a cache never
// serves an older drawing.
const version = "1"

// The publication's colours (assets/site.css: --accent), and the white
// of its masthead's text.
var (
	background = color.RGBA{0xb3, 0x12, 0x1b, 0xff}
	ink        = color.RGBA{0xff, 0xff, 0xff, 0xff}
	paleInk    = color.RGBA{0xf3, 0xc9, 0xcb, 0xff}
)

const (
	margin    = 80
	textWidth = Width - 2*margin
	maxLines  = 3
	// The bands text is drawn in: the publication's title and its rule,
	// and the page's title, which is centred below.
	siteTop, siteBottom = 60, 180
	titleTop            = 230
)

// Name returns what names the card of a title: a hash of everything that
// makes it, 32 hex digits. Without a font every card is the same card,
// drawn once.
func Name(title, site string, f *Font) string {
	id := "none"
	if f != nil {
		id = f.ID
	} else {
		title, site = "", ""
	}
	sum := sha256.Sum256([]byte(version + "\x00" + id + "\x00" + title + "\x00" + site))
	return hex.EncodeToString(sum[:16])
}

// Draw returns the PNG of the card of a page titled title, in a
// publication titled site.
func Draw(title, site string, f *Font) ([]byte, error) {
	// Masks of the two bands that hold text, not of the whole card:
	// clearing and reading whole-card masks was half the time of a card.
	siteMask := image.NewAlpha(image.Rect(0, siteTop, Width, siteBottom))
	titleMask := image.NewAlpha(image.Rect(0, titleTop, Width, Height))
	// The rule under the publication's title, as the masthead has one.
	for y := 170; y < 174; y++ {
		for x := margin; x < margin+160; x++ {
			siteMask.Pix[siteMask.PixOffset(x, y)] = 0xff
		}
	}
	if f != nil {
		if err := drawText(titleMask, siteMask, title, site, f); err != nil {
			return nil, err
		}
	}
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, paletted(titleMask, siteMask)); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func drawText(titleMask, siteMask *image.Alpha, title, site string, f *Font) error {
	small, err := opentype.NewFace(f.face, &opentype.FaceOptions{Size: 40, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return err
	}
	site = fit(small, []string{site}, 1)[0]
	(&font.Drawer{Dst: siteMask, Src: image.Opaque, Face: small, Dot: fixed.P(margin, 140)}).DrawString(site)
	for _, size := range []float64{96, 80, 64} {
		face, err := opentype.NewFace(f.face, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
		if err != nil {
			return err
		}
		lines := wrap(face, title)
		if len(lines) > maxLines && size > 64 {
			continue
		}
		lines = fit(face, lines, maxLines)
		lineHeight := int(size * 1.3)
		top := 250 + (Height-250-margin-len(lines)*lineHeight)/2
		for i, line := range lines {
			dot := fixed.P(margin, top+i*lineHeight+int(size))
			(&font.Drawer{Dst: titleMask, Src: image.Opaque, Face: face, Dot: dot}).DrawString(line)
		}
		return nil
	}
	return nil
}

// noLineStart is the punctuation Chinese typesetting keeps off the start
// of a line: it stays with the character before it.
const noLineStart = "，。、；：？！”’）》」』】…·"

// wrap breaks text into lines no wider than the card's text, between any
// two characters, as Chinese is set.
func wrap(face font.Face, text string) []string {
	var lines []string
	var line strings.Builder
	width := fixed.I(0)
	for _, r := range strings.Join(strings.Fields(text), " ") {
		adv, _ := face.GlyphAdvance(r)
		if width+adv > fixed.I(textWidth) && line.Len() > 0 && !strings.ContainsRune(noLineStart, r) {
			lines = append(lines, line.String())
			line.Reset()
			width = 0
		}
		line.WriteRune(r)
		width += adv
	}
	if line.Len() > 0 {
		lines = append(lines, line.String())
	}
	return lines
}

// fit keeps at most n lines, the last cut with "…" where text was left
// out or where it is wider than the card.
func fit(face font.Face, lines []string, n int) []string {
	if len(lines) == 0 {
		return lines
	}
	cut := len(lines) > n
	if cut {
		lines = lines[:n]
	}
	last := lines[len(lines)-1]
	for (font.MeasureString(face, last) > fixed.I(textWidth) || cut) && utf8.RuneCountInString(last) > 1 {
		cut = false
		_, size := utf8.DecodeLastRuneInString(strings.TrimSuffix(last, "…"))
		last = strings.TrimSuffix(last, "…")
		last = last[:len(last)-size] + "…"
	}
	lines[len(lines)-1] = last
	return lines
}

// paletted makes the card from the masks: the background, and each mask's
// coverage in sixteen steps towards its ink, the title's over the site's.
func paletted(titleMask, siteMask *image.Alpha) *image.Paletted {
	pal := make(color.Palette, 0, 32)
	for _, c := range []color.RGBA{ink, paleInk} {
		for level := range 16 {
			pal = append(pal, blend(background, c, uint32(level)*17))
		}
	}
	img := image.NewPaletted(image.Rect(0, 0, Width, Height), pal)
	for _, band := range []struct {
		mask *image.Alpha
		base uint8
	}{{siteMask, 16}, {titleMask, 0}} {
		r := band.mask.Rect
		dst := img.Pix[img.PixOffset(0, r.Min.Y):img.PixOffset(0, r.Max.Y)]
		for i, a := range band.mask.Pix {
			if a > 0 {
				dst[i] = band.base + a>>4
			}
		}
	}
	return img
}

func blend(bg, fg color.RGBA, a uint32) color.RGBA {
	mix := func(b, f uint8) uint8 { return uint8((uint32(b)*(255-a) + uint32(f)*a) / 255) }
	return color.RGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), 0xff}
}
