//go:build !unix

package generator

import "errors"

// folderID cannot name a folder here, so no staging folder is trusted and
// every build writes a fresh one.
func folderID(string) (string, error) { return "", errors.New("folder identity not supported") }
