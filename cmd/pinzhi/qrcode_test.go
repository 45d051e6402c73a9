package main

import (
	"image"
	"image/color"
	"regexp"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

// TestTerminalQRCode draws addresses as the terminal shows them, turns
// the drawing back into a picture, as a phone's camera sees it, and
// decodes that with a QR reader.
func TestTerminalQRCode(t *testing.T) {
	for _, url := range []string{
		"http://192.168.1.23:1313/pinzhi/",
		"http://[2001:db8::5]:1313/",
		"http://10.0.0.1:1313/" + strings.Repeat("长", 40) + "/",
	} {
		drawn := terminalQRCode(url)
		for _, line := range strings.SplitAfter(drawn, "\n") {
			if line != "" && !strings.HasSuffix(line, "\x1b[0m\n") {
				t.Fatalf("a line does not end with its colours reset: %q", line)
			}
		}
		got, err := gozxingqr.NewQRCodeReader().Decode(terminalPicture(t, drawn), nil)
		if err != nil {
			t.Fatalf("%s: the drawing does not decode: %v\n%s", url, err, drawn)
		}
		if got.GetText() != url {
			t.Errorf("decoded %q, want %q", got.GetText(), url)
		}
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;]*)m|▀|\n|  `)

// terminalPicture renders what terminalQRCode printed as a terminal
// would, 4 pixels a module, the terminal's background white.
func terminalPicture(t *testing.T, drawn string) *gozxing.BinaryBitmap {
	const scale = 4
	var rows [][]bool
	var top, bottom []bool
	fg, bg := "", ""
	for _, tok := range sgr.FindAllStringSubmatch(drawn, -1) {
		switch tok[0] {
		case "▀":
			top, bottom = append(top, fg == fgBlack), append(bottom, bg == bgBlack)
		case "\n":
			rows, top, bottom = append(rows, top, bottom), nil, nil
		case "  ":
		default:
			for _, code := range strings.Split(tok[1], ";") {
				switch code {
				case fgBlack, fgWhite:
					fg = code
				case bgBlack, bgWhite, bgDefault:
					bg = code
				case "0", "":
					fg, bg = "", ""
				default:
					t.Fatalf("unexpected colour code %q", code)
				}
			}
		}
	}
	img := image.NewGray(image.Rect(0, 0, len(rows[0])*scale, len(rows)*scale))
	for y, row := range rows {
		for x, dark := range row {
			c := color.Gray{255}
			if dark {
				c = color.Gray{0}
			}
			for i := range scale * scale {
				img.SetGray(x*scale+i%scale, y*scale+i/scale, c)
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	return bmp
}
