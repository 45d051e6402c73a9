package render

import (
	"bytes"
	"errors"
)

// ErrTooLarge is what a limitedBuffer returns once it is full.
var ErrTooLarge = errors.New("output too large")

// LimitedBuffer is a bytes.Buffer that takes at most max bytes: a layout
// that writes gigabytes, or a body that becomes a page of hundreds of
// megabytes, stops at the limit with errTooLarge instead of taking the
// machine's memory.
type LimitedBuffer struct {
	bytes.Buffer
	Max int64
}

func (b *LimitedBuffer) Write(p []byte) (int, error) {
	if int64(b.Len()+len(p)) > b.Max {
		return 0, ErrTooLarge
	}
	return b.Buffer.Write(p)
}

func (b *LimitedBuffer) WriteString(s string) (int, error) {
	if int64(b.Len()+len(s)) > b.Max {
		return 0, ErrTooLarge
	}
	return b.Buffer.WriteString(s)
}

func (b *LimitedBuffer) WriteByte(c byte) error {
	if int64(b.Len()+1) > b.Max {
		return ErrTooLarge
	}
	return b.Buffer.WriteByte(c)
}
