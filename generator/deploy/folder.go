package deploy

import (
	"io/fs"

	"pinzhi/generator/internal/publish"
	"pinzhi/generator/internal/source"
)

// A Folder is an output folder of pinzhi build, opened to be deployed:
// no build replaces it until Close.
type Folder struct {
	Site  fs.FS
	Files []string // the files pinzhi wrote, as slash paths
	built *publish.Built
}

// OpenFolder opens the output folder out. It refuses a folder pinzhi did
// not build, a preview of pinzhi serve, and a build that did not finish.
// note receives a line when it waits for a build of the folder to end.
func OpenFolder(out string, note func(string)) (*Folder, error) {
	b, err := publish.OpenBuilt(out, note)
	if err != nil {
		return nil, err
	}
	// Read as the site's sources are: a FIFO put there since never blocks.
	return &Folder{Site: source.DirFS(b.Dir), Files: b.Files, built: b}, nil
}

// Close lets builds replace the folder again.
func (f *Folder) Close() { f.built.Close() }
