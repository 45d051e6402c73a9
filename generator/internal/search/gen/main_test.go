package main

import (
	"os"
	"strings"
	"testing"

	"github.com/longbridgeapp/opencc"
)

// TestTableIsOpenCC: traditional.txt says, of every character of the
// Basic Multilingual Plane, what OpenCC's t2s conversion says.
func TestTableIsOpenCC(t *testing.T) {
	data, err := os.ReadFile("../traditional.txt")
	if err != nil {
		t.Fatal(err)
	}
	table := map[rune]rune{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n")[1:] {
		rs := []rune(line)
		if len(rs) != 2 {
			t.Fatalf("line %q is not two characters", line)
		}
		table[rs[0]] = rs[1]
	}
	cc, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := rune(0); r < 1<<16; r++ {
		want, ok := Simplified(cc, r)
		if got, in := table[r]; in != ok || got != want {
			t.Errorf("%c: the table has %c (%v), OpenCC %c (%v)", r, got, in, want, ok)
		}
		if ok {
			n++
		}
	}
	if n < 2000 {
		t.Errorf("OpenCC simplifies only %d characters", n)
	}
}
