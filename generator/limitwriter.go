package generator

import (
	"bytes"
	"errors"
)

// errTooLarge is what a limitedBuffer returns once it is full.
var errTooLarge = errors.New("output too large")

// limitedBuffer is a bytes.Buffer that takes at most max bytes: a layout
// that writes gigabytes, or a body that becomes a page of hundreds of
// megabytes, stops at the limit with errTooLarge instead of taking the
// machine's memory.
type limitedBuffer struct {
	bytes.Buffer
	max int64
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if int64(b.Len()+len(p)) > b.max {
		return 0, errTooLarge
	}
	return b.Buffer.Write(p)
}

func (b *limitedBuffer) WriteString(s string) (int, error) {
	if int64(b.Len()+len(s)) > b.max {
		return 0, errTooLarge
	}
	return b.Buffer.WriteString(s)
}

func (b *limitedBuffer) WriteByte(c byte) error {
	if int64(b.Len()+1) > b.max {
		return errTooLarge
	}
	return b.Buffer.WriteByte(c)
}
