package main

import (
	"strings"

	"rsc.io/qr"
)

// quietZone is the white border around a QR code, in modules: the
// standard asks for 4; phones read 2, and a terminal has few lines.
const quietZone = 2

// Colours as ANSI codes: a terminal's theme decides what "black" and
// "white" look like, so both are set for every cell, dark modules black
// on any theme, light ones bright white.
const (
	fgBlack, fgWhite = "30", "97"
	bgBlack, bgWhite = "40", "107"
	bgDefault        = "49" // the terminal's own
)

// terminalQRCode draws text as a QR code for a terminal: each character
// cell holds two modules, the upper half block (▀) in the top one's
// colour on the bottom one's. Every line ends with its colours reset, so
// that a terminal scrolling never paints the next line.
func terminalQRCode(text string) string {
	code, err := qr.Encode(text, qr.L)
	if err != nil {
		return "" // an address longer than a QR code holds: the line above has it
	}
	dark := func(x, y int) bool {
		return x >= 0 && y >= 0 && x < code.Size && y < code.Size && code.Black(x, y)
	}
	var b strings.Builder
	for y := -quietZone; y < code.Size+quietZone; y += 2 {
		b.WriteString("  ")
		last := ""
		for x := -quietZone; x < code.Size+quietZone; x++ {
			fg, bg := fgWhite, bgWhite
			if dark(x, y) {
				fg = fgBlack
			}
			switch {
			case y+1 >= code.Size+quietZone:
				bg = bgDefault // below the code's last row
			case dark(x, y+1):
				bg = bgBlack
			}
			if colours := fg + ";" + bg; colours != last {
				b.WriteString("\x1b[" + colours + "m")
				last = colours
			}
			b.WriteString("▀")
		}
		b.WriteString("\x1b[0m\n")
	}
	return b.String()
}
