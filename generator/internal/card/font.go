package card

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/image/font/sfnt"

	"pinzhi/generator/internal/source"
)

// A Font is the typeface cards are drawn in.
type Font struct {
	face *sfnt.Font
	// ID names the font's bytes and the face taken from them, so that a
	// card drawn in another font is another card.
	ID string
	// From is where it was read: a path of the site, or of the machine.
	From string
}

// maxFontBytes bounds a font file: Noto's CJK collections are 20–30 MB.
const maxFontBytes = 64 << 20

// SystemFonts are where the usual CJK fonts of Debian, Fedora, macOS and
// Windows are, boldest first: a card's title is a headline.
var SystemFonts = []string{
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
	"/usr/share/fonts/google-noto-serif-cjk-fonts/NotoSerifCJK-Bold.ttc",
	"/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Bold.ttc",
	"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
	"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
	"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	"/System/Library/Fonts/PingFang.ttc",
	"/System/Library/Fonts/STHeiti Medium.ttc",
	`C:\Windows\Fonts\msyhbd.ttc`,
	`C:\Windows\Fonts\msyh.ttc`,
	`C:\Windows\Fonts\simhei.ttf`,
}

// Find returns the font cards are drawn in: the file the site names
// (a path under its folder, read from fsys), else the first of the
// machine's fonts at paths that reads; nil when there is none, and then
// cards are drawn without text. A named file that cannot be read is an
// error.
func Find(fsys fs.FS, named string, paths []string) (*Font, error) {
	if named != "" {
		data, p := source.ReadBounded(fsys, named, maxFontBytes)
		if p != nil {
			return nil, p
		}
		return parse(data, named)
	}
	for _, p := range paths {
		data, _, err := source.ReadRegular(p, maxFontBytes)
		if err != nil {
			continue
		}
		if f, err := parse(data, p); err == nil {
			return f, nil
		}
	}
	return nil, nil
}

// parse reads a font file or collection, taking from a collection the
// face for simplified Chinese (its name says SC or CN), else the first.
func parse(data []byte, from string) (*Font, error) {
	coll, err := sfnt.ParseCollection(data)
	if err != nil {
		return nil, fmt.Errorf("is not a font (OpenType, TrueType or a collection of them): %v", err)
	}
	pick := -1
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		if pick < 0 {
			pick = i
		}
		name, _ := f.Name(nil, sfnt.NameIDFull)
		if strings.Contains(name, " SC") || strings.Contains(name, " CN") {
			pick = i
			break
		}
	}
	if pick < 0 {
		return nil, errors.New("holds no font that can be read")
	}
	face, _ := coll.Font(pick)
	if _, err := face.GlyphIndex(nil, '社'); err != nil {
		return nil, fmt.Errorf("cannot be read: %v", err)
	}
	sum := sha256.Sum256(data)
	return &Font{face: face, ID: fmt.Sprintf("%s/%d", hex.EncodeToString(sum[:8]), pick), From: from}, nil
}
