// Command gen writes the table of package pinyin from the dictionary of
// github.com/mozillazg/go-pinyin: go generate runs it after that module
// is upgraded.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"

	gopinyin "github.com/mozillazg/go-pinyin"
)

func main() {
	out := flag.String("o", "readings.txt", "the file to write")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "# Made by go generate from github.com/mozillazg/go-pinyin's dictionary; do not edit.")
	for _, r := range characters() {
		fmt.Fprintf(w, "\n%x %s", r, strings.Join(readings(r), ","))
	}
	fmt.Fprintln(w)
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// characters returns the dictionary's characters in order.
func characters() []rune {
	rs := make([]rune, 0, len(gopinyin.PinyinDict))
	for code := range gopinyin.PinyinDict {
		rs = append(rs, rune(code))
	}
	slices.Sort(rs)
	return rs
}

// readings are go-pinyin's readings of r without tones, all of them,
// a reading that repeats the one before it dropped.
func readings(r rune) []string {
	args := gopinyin.NewArgs()
	args.Heteronym = true
	return slices.Compact(gopinyin.SinglePinyin(r, args))
}
