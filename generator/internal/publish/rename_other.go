//go:build !linux

package publish

import "errors"

var errNoExchange = errors.New("this system cannot exchange two folders in one step")

func exchangeFolders(a, b string) error { return errNoExchange }

func renameNoReplace(a, b string) error { return renameNoReplaceSlowly(a, b) }

func unsupported(err error) bool { return errors.Is(err, errNoExchange) }
