package source

import (
	"bytes"
	"errors"
	"hash/crc64"
	"io"
	"io/fs"
	"syscall"
	"unicode/utf8"
)

// MaxFileSize bounds one content file, counted as it is read. Editors'
// files are a few kilobytes; anything near this is a mistake (a PDF
// renamed .md, a log) or an attack.
const MaxFileSize = 32 << 20

// A File is one content file as loaded: where its body starts and hashes
// of its two parts. The text itself is not kept: the render worker reads
// the body again when the page is written, so a build holds the model in
// memory and never the whole site's text.
type File struct {
	Path       string // slash-separated from the site root: "content/communities/a.md"
	BodyLine   int    // the file line the body starts on
	FrontHash  uint64 // of the front matter's text: what list pages show
	BodyHash   uint64 // of the body's text
	bodyOffset int    // where the body starts in the normalised text
	kept       []byte // the body, when the loader kept it for one Body
}

// Loaded is a file just read: the File, its decoded front matter and its
// body, which the caller may use while it decodes the file and then drops.
type Loaded struct {
	File   *File
	Fields Fields
	Format string // "yaml", "toml" or "json"; "" when the file has no front matter
	Body   []byte
}

var crcTable = crc64.MakeTable(crc64.ECMA)

// Load reads and splits one content file. A file with problems yields nil
// and the problems.
func Load(fsys fs.FS, name string) (*Loaded, Problems) {
	text, p := ReadText(fsys, name, MaxFileSize)
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
	f := &File{
		Path:       name,
		BodyLine:   1 + bytes.Count(text[:offset], []byte("\n")),
		FrontHash:  crc64.Checksum(text[:offset], crcTable),
		BodyHash:   crc64.Checksum(text[offset:], crcTable),
		bodyOffset: offset,
	}
	return &Loaded{File: f, Fields: fm.fields, Format: fm.format, Body: text[offset:]}, nil
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

// Keep holds on to the body of l, its file's, until Body gives it: the
// file need not be read twice, at the price of its size in memory until
// its page is rendered. Callers keep bodies within a budget.
func (l *Loaded) Keep() { l.File.kept = l.Body }

// ReadBody reads the file's body again, leaving a kept body to its page:
// for a page other than the file's own (the feed), which may render while
// the file's page does.
func (f *File) ReadBody(fsys fs.FS) ([]byte, error) {
	text, p := ReadText(fsys, f.Path, MaxFileSize)
	if p != nil {
		return nil, p
	}
	if f.bodyOffset > len(text) || crc64.Checksum(text[:f.bodyOffset], crcTable) != f.FrontHash ||
		crc64.Checksum(text[f.bodyOffset:], crcTable) != f.BodyHash {
		return nil, &Problem{Path: f.Path, Message: "changed while the site was being built", Hint: "build again"}
	}
	return text[f.bodyOffset:], nil
}

// Body returns the file's body, for rendering: the kept one, given up
// once returned, or the file read again. Only the file's own page may
// call it. The file may have changed since
// it was loaded; then the page would not match the model built from it,
// so that is a problem the next build clears.
func (f *File) Body(fsys fs.FS) ([]byte, error) {
	if body := f.kept; body != nil {
		f.kept = nil
		return body, nil
	}
	return f.ReadBody(fsys)
}

// ReadText reads a text file of at most limit bytes and normalises it: a
// UTF-8 byte-order mark is dropped and CRLF and CR line endings become LF. Text
// that is not UTF-8 is a problem, as is anything that looks binary.
func ReadText(fsys fs.FS, name string, limit int64) ([]byte, *Problem) {
	data, p := ReadBounded(fsys, name, limit)
	if p != nil {
		return nil, p
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return nil, &Problem{Path: name, Line: LineAt(data, i), Message: "is a binary file, not Markdown text", Hint: "remove it from content/ or give it another extension"}
	}
	if !utf8.Valid(data) {
		return nil, &Problem{Path: name, Line: LineAt(data, firstInvalidUTF8(data)), Message: "is not UTF-8 text", Hint: "save the file as UTF-8 (GBK and other encodings are not read)"}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Problem{Path: name, Message: "is empty", Hint: "write front matter with at least a title, or delete the file"}
	}
	if bytes.IndexByte(data, '\r') >= 0 {
		// CRLF and a lone CR both end a line, for YAML and for CommonMark
		// alike: as LF, lines are counted one way everywhere.
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data, nil
}

// ReadBounded reads a regular file, or fails once it has read more than
// limit bytes, whatever the file's size claims to be. Devices, FIFOs and
// sockets, named directly or through a symbolic link, are never opened:
// reading them could block forever or never end.
func ReadBounded(fsys fs.FS, name string, limit int64) ([]byte, *Problem) {
	var data []byte
	var err error
	if d, ok := fsys.(DirFS); ok {
		data, err = d.readBounded(name, limit)
	} else {
		data, err = readBoundedFS(fsys, name, limit)
	}
	var nr *notRegularError
	switch {
	case errors.As(err, &nr):
		return nil, notRegular(name, nr.mode)
	case errors.Is(err, errTooLarge):
		p := Errorf(name, 0, M("split it into several pages, or move large data out of the site's folder"), "is more than the %d MB a file here may have", limit>>20)
		return nil, &p
	case errors.Is(err, syscall.ENAMETOOLONG):
		p := Errorf(name, 0, M(nameTooLongHint), "cannot be read: %s", UnwrapPathError(err))
		return nil, &p
	case err != nil:
		p := Errorf(name, 0, M("check the file's permissions, or that a symbolic link points at a real file"), "cannot be read: %s", UnwrapPathError(err))
		return nil, &p
	}
	return data, nil
}

// readBoundedFS is ReadBounded for any file system: a Stat first, since
// its Open may block on a FIFO.
func readBoundedFS(fsys fs.FS, name string, limit int64) ([]byte, error) {
	if info, err := fs.Stat(fsys, name); err == nil && !info.Mode().IsRegular() {
		return nil, &notRegularError{info.Mode()}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var b bytes.Buffer
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() && info.Size() <= limit {
		b.Grow(int(info.Size()) + bytes.MinRead)
	}
	n, err := b.ReadFrom(io.LimitReader(f, limit+1))
	if err == nil && n > limit {
		err = errTooLarge
	}
	return b.Bytes(), err
}

// nameTooLongHint says what to do about a name the system refuses.
const nameTooLongHint = "shorten the file's name or a folder's above it: a name may have 255 bytes (85 Chinese characters), a path 4,096"

func notRegular(name string, mode fs.FileMode) *Problem {
	p := Errorf(name, 0, M("remove it, or point the symbolic link at a regular file"), "is %s, not a file; it is not read", describeMode(mode))
	return &p
}

func describeMode(mode fs.FileMode) Msg {
	switch {
	case mode&fs.ModeNamedPipe != 0:
		return M("a named pipe (FIFO)")
	case mode&fs.ModeSocket != 0:
		return M("a socket")
	case mode&fs.ModeDevice != 0:
		return M("a device")
	case mode.IsDir():
		return M("a folder")
	}
	return M("a special file")
}

// LineAt returns the 1-based line of a byte offset.
func LineAt(data []byte, offset int) int {
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

// UnwrapPathError drops the path from an fs error: problems name the file already.
func UnwrapPathError(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
