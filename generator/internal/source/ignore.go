package source

import "strings"

// Ignored reports whether a file or folder name is one no build reads:
// hidden names (".git", ".DS_Store", Emacs' ".#name" lock links) and the
// scratch, swap, backup and lock files editors and systems write beside
// the files people work on. Build and serve, content/, layouts/ and
// assets/ all ask this one function, so that what the preview shows and
// what a build publishes never differ.
func Ignored(name string) bool {
	if name == "" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasPrefix(name, "~") {
		return true
	}
	for _, suffix := range scratchSuffixes {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	switch name {
	case "4913", "Thumbs.db", "desktop.ini": // vim's write test; Windows' clutter
		return true
	}
	return false
}

var scratchSuffixes = []string{
	"~", ".swp", ".swo", ".swx", ".swn", ".tmp", ".bak", ".orig", ".rej", "___jb_tmp___", "___jb_old___",
}

// IgnoredPath reports whether a slash path has an ignored name anywhere
// in it: assets/.private/key.pem is ignored because of ".private".
func IgnoredPath(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if seg != "" && seg != "." && Ignored(seg) {
			return true
		}
	}
	return false
}
