package generator

import (
	"bytes"
	"errors"
	"fmt"
	"hash/crc64"
	"io/fs"
	"path"
	"unicode/utf8"
)

// maxSourceSize bounds one content file. Editors' files are a few
// kilobytes; anything near this is a mistake (a PDF renamed .md, a log).
const maxSourceSize = 32 << 20

// A Source is one content file as loaded: its front matter, decoded, and
// where its body starts. The body itself is not kept: the render worker
// reads it again when the page is written, so a build holds the model in
// memory and never the whole site's text.
type Source struct {
	Path       string      // slash-separated from the site root: "content/communities/a.md"
	front      frontMatter // the decoded front matter
	bodyOffset int         // where the body starts in the normalised text
	BodyLine   int         // the file line the body starts on
	FrontHash  uint64      // of the front matter's text: what list pages show
	BodyHash   uint64      // of the body's text
}

var crcTable = crc64.MakeTable(crc64.ECMA)

// loadSource reads and checks one content file. A file with problems
// yields a nil Source and the problems.
func loadSource(fsys fs.FS, name string) (*Source, Problems) {
	text, p := readText(fsys, name)
	if p != nil {
		return nil, Problems{*p}
	}
	fm, offset, err := splitFrontMatter(text)
	if err != nil {
		line := 1
		var fe *frontMatterError
		if errors.As(err, &fe) {
			line = fe.line
		}
		return nil, Problems{{Path: name, Line: line, Message: err.Error(), Hint: frontMatterHint(fm.format)}}
	}
	return &Source{
		Path:       name,
		front:      fm,
		bodyOffset: offset,
		BodyLine:   1 + bytes.Count(text[:offset], []byte("\n")),
		FrontHash:  crc64.Checksum(text[:offset], crcTable),
		BodyHash:   crc64.Checksum(text[offset:], crcTable),
	}, nil
}

func frontMatterHint(format string) string {
	switch format {
	case "toml":
		return "fix the TOML between the +++ lines (key = \"value\")"
	case "json":
		return "fix the JSON object (\"key\": \"value\", separated by commas)"
	}
	return "fix the YAML between the --- lines (key: value, nested lines indented with spaces)"
}

// readText reads a content file and normalises it: a UTF-8 byte-order mark
// is dropped and CRLF line endings become LF. Text that is not UTF-8 is a
// problem, as is anything that looks binary.
func readText(fsys fs.FS, name string) ([]byte, *Problem) {
	if info, err := fs.Stat(fsys, name); err == nil && info.Size() > maxSourceSize {
		return nil, &Problem{Path: name, Message: fmt.Sprintf("file is %d MB, more than the %d MB a content file may have", info.Size()>>20, maxSourceSize>>20),
			Hint: "split it into several pages, or move large data out of content/"}
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, &Problem{Path: name, Message: "cannot be read: " + unwrapPathError(err), Hint: "check the file's permissions, or that a symbolic link points at a real file"}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &Problem{Path: name, Line: lineAt(data, i), Message: "is a binary file, not Markdown text", Hint: "remove it from content/ or give it another extension"}
	}
	if !utf8.Valid(data) {
		return nil, &Problem{Path: name, Line: lineAt(data, firstInvalidUTF8(data)), Message: "is not UTF-8 text", Hint: "save the file as UTF-8 (GBK and other encodings are not read)"}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Problem{Path: name, Message: "is empty", Hint: "write front matter with at least a title, or delete the file"}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	return data, nil
}

// restoreFields decodes the front matter again when it was let go: the
// assembler keeps what it made of a file, and needs the fields again only
// when content/_index.md changes. The file must not have changed since it
// was loaded.
func (s *Source) restoreFields(fsys fs.FS) *Problem {
	if s.front.fields != nil {
		return nil
	}
	fresh, probs := loadSource(fsys, s.Path)
	switch {
	case fresh == nil:
		return &probs[0]
	case fresh.FrontHash != s.FrontHash || fresh.BodyHash != s.BodyHash:
		return &Problem{Path: s.Path, Message: "changed while the site was being built", Hint: "build again"}
	}
	s.front = fresh.front
	return nil
}

// releaseFields lets the decoded front matter go: at 10,000 pages it is a
// third of what a build keeps in memory.
func (s *Source) releaseFields() { s.front.fields = nil }

// body reads the source's body again, for rendering. The file may have
// changed since it was loaded; then the page would not match the model
// built from it, so that is an error the next build clears.
func (s *Source) body(fsys fs.FS) ([]byte, error) {
	text, p := readText(fsys, s.Path)
	if p != nil {
		return nil, p
	}
	if s.bodyOffset > len(text) || crc64.Checksum(text[:s.bodyOffset], crcTable) != s.FrontHash ||
		crc64.Checksum(text[s.bodyOffset:], crcTable) != s.BodyHash {
		return nil, &Problem{Path: s.Path, Message: "changed while the site was being built", Hint: "build again"}
	}
	return text[s.bodyOffset:], nil
}

func lineAt(data []byte, offset int) int {
	return 1 + bytes.Count(data[:offset], []byte("\n"))
}

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(data)
}

// unwrapPathError drops the path from an fs error: problems name the file already.
func unwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// isMarkdown reports whether a content file is a page.
func isMarkdown(name string) bool {
	ext := path.Ext(name)
	return ext == ".md" || ext == ".markdown"
}
