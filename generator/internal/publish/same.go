package publish

import (
	"bytes"
	"io"
	"os"
	"sync"
)

// sameContent tells whether a file already holds given bytes, reusing its
// read buffers from file to file.
// keptBuffer is the largest read buffer kept for the next file: a list
// page of 10,000 entries should not pin megabytes.
const keptBuffer = 1 << 20

type sameContent struct {
	bufs sync.Pool
}

func (s *sameContent) check(name string, data []byte) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	bp, _ := s.bufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	if cap(*bp) < len(data)+1 {
		*bp = make([]byte, len(data)+1)
	}
	buf := (*bp)[:len(data)+1] // one more byte: a longer file differs
	n, _ := io.ReadFull(f, buf)
	same := n == len(data) && bytes.Equal(buf[:n], data)
	if cap(*bp) <= keptBuffer {
		s.bufs.Put(bp) // only now: another writer takes it at once
	}
	return same
}

// sameFiles reports whether two files hold the same bytes, reading both a
// piece at a time.
func sameFiles(a, b string) bool {
	fa, err := os.Open(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false
	}
	defer fb.Close()
	ia, ib := fa.Stat, fb.Stat
	if sa, err := ia(); err != nil {
		return false
	} else if sb, err := ib(); err != nil || sa.Size() != sb.Size() {
		return false
	}
	ba, bb := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, ea := io.ReadFull(fa, ba)
		nb, _ := io.ReadFull(fb, bb)
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if ea != nil {
			return true
		}
	}
}
