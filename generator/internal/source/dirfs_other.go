//go:build !unix

package source

import "errors"

var errTooLarge = errors.New("larger than the limit")

// readBounded reads a file of the site's folder; see readBoundedFS.
func (d DirFS) readBounded(name string, limit int64) ([]byte, error) {
	return readBoundedFS(d, name, limit)
}
