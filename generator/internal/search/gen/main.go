// Command gen writes traditional.txt, the table by which package search
// reads a traditional character as its simplified form, from OpenCC's
// dictionaries (github.com/longbridgeapp/opencc, conversion t2s): go
// generate runs it after that module is upgraded, and a test checks that
// the table is what the library says.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"

	"github.com/longbridgeapp/opencc"
)

func main() {
	out := flag.String("o", "traditional.txt", "the file to write")
	flag.Parse()
	cc, err := opencc.New("t2s")
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Made by go generate from OpenCC's t2s conversion; do not edit. A line a character: traditional, simplified.")
	for r := rune(0); r < 1<<16; r++ {
		if s, ok := Simplified(cc, r); ok {
			fmt.Fprintf(w, "%c%c\n", r, s)
		}
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// Simplified returns the simplified form of r, when OpenCC converts it
// to one other character of the Basic Multilingual Plane (the index's
// fold keeps a character to 16 bits there; the few characters whose
// simplified form is beyond it are left as they are).
func Simplified(cc *opencc.OpenCC, r rune) (rune, bool) {
	if !isHan(r) {
		return 0, false
	}
	out, err := cc.Convert(string(r))
	rs := []rune(out)
	if err != nil || len(rs) != 1 || rs[0] == r || rs[0] >= 1<<16 {
		return 0, false
	}
	return rs[0], true
}

func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x4DBF || r >= 0x4E00 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF
}
