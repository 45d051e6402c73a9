package render

import (
	"fmt"
	"strings"

	"golang.org/x/text/cases"

	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// Sites are written on Linux, but served from hosts and copied to laptops
// whose file systems fold letter case (Windows, macOS) or normalise
// Unicode (macOS), and Windows cannot hold some names at all. A name that
// works here and fails there would lose a page, or one of two pages, on
// the day of a deploy: these are errors when the site is built.

var folder = cases.Fold()

// foldedPath is what a file system that folds case and normalises
// Unicode makes of p: two paths with one folded path are one file there.
func foldedPath(p string) string { return folder.String(model.NFC(p)) }

// windowsReserved are the names Windows keeps for devices, with or
// without an extension.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}

func init() {
	for i := '1'; i <= '9'; i++ {
		windowsReserved["com"+string(i)] = true
		windowsReserved["lpt"+string(i)] = true
	}
}

// unportable says why a name (one segment of a path) cannot be a file's
// or folder's name on every host, or returns "".
func unportable(name string) string {
	stem, _, _ := strings.Cut(name, ".")
	switch {
	case len(name) > maxNameBytes:
		return fmt.Sprintf("the name is %d bytes long, more than the %d a file system allows (255 in one name, less what pinzhi adds while it writes the file)", len(name), maxNameBytes)
	case windowsReserved[strings.ToLower(stem)]:
		return fmt.Sprintf("%q is a name Windows keeps for a device", name)
	case strings.HasSuffix(name, ".") || strings.HasSuffix(name, " "):
		return fmt.Sprintf("%q ends with a dot or a space, which Windows drops", name)
	case strings.ContainsAny(name, `<>:"\|?*`):
		return fmt.Sprintf("%q has a character Windows does not allow in a name (< > : \" \\ | ? *)", name)
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return fmt.Sprintf("%q has a control character", name)
		}
	}
	return ""
}

// maxNameBytes is the longest name of an output file: 255 bytes, the
// limit of ext4, APFS and NTFS alike, less the 21 of the temporary name
// a file is written under before it takes its own.
const maxNameBytes = 255 - 21

// maxPathBytes bounds an output file's path under the output folder,
// far below the system's 4,096 for the whole path.
const maxPathBytes = 1024

// CheckNames reports the files of the site whose names do not work on
// every host: a name Windows cannot hold, or two names that are one
// where letter case is folded or Unicode normalised. Each problem names
// the source that gives the file its name.
func CheckNames(outs []*Output, probs *source.List) {
	seen := make(map[string]*Output, len(outs))
	for _, o := range outs {
		if len(o.Path) > maxPathBytes {
			probs.Add(o.Source, o.sourceLine, "give it a shorter name, or move it less deep into folders",
				"its file %.60s… is %d bytes long, more than the %d a site's path may have", o.Path, len(o.Path), maxPathBytes)
			continue
		}
		for _, seg := range strings.Split(o.Path, "/") {
			if why := unportable(seg); why != "" {
				probs.Add(o.Source, o.sourceLine, "rename it, or give it a slug: line with another name",
					"its file %s: %s", o.Path, why)
				break
			}
		}
		key := foldedPath(o.Path)
		if other := seen[key]; other != nil && other.Path != o.Path { // the same path is claimed twice only by a page under a reserved root, reported as such
			probs.Add(o.Source, o.sourceLine, "rename one of them: hosts and laptops that fold letter case or normalise Unicode keep only one",
				"its file %s is %s of %s but for letter case or Unicode form", o.Path, other.Path, other.Source)
			continue
		}
		seen[key] = o
	}
}
