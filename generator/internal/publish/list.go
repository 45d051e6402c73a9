package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"pinzhi/generator/internal/source"
)

// A list is what pinzhi knows of a folder it made: the files it wrote
// there. A list file names its folder by device and inode, so it stays
// true when the folder is renamed or exchanged with another: after a
// crash between the exchange of two folders and that of their lists, each
// list still names its own folder.
type list struct {
	name  string // of the list file
	key   string // device and inode of the folder
	files []string
	// foreign are the entries pinzhi found in the folder and did not
	// write, where it last saw them: a survey looks for them even in
	// folders it takes on trust.
	foreign []string
	// writing is set while a build or update writes the folder: the folder
	// may then hold any of the files, whole or in part, and temporary files.
	writing bool
	mode    Mode
}

const listHeader = "pinzhi-files"

func (l *list) set() map[string]bool {
	m := make(map[string]bool, len(l.files))
	for _, f := range l.files {
		m[f] = true
	}
	return m
}

// listFile names the list of a folder: .public.files for public/,
// .public.next.files for .public.next/, hidden beside the folder.
func listFile(dir string) string {
	base := filepath.Base(dir)
	if !strings.HasPrefix(base, ".") {
		base = "." + base
	}
	return filepath.Join(filepath.Dir(dir), base+".files")
}

// folderKey names the folder at dir, whose info is given, by device and
// inode, and by its time of birth where the file system keeps one: an
// inode number is given again to a folder made after one was deleted (at
// once on ext4), and the new folder must not pass for pinzhi's.
func folderKey(dir string, info fs.FileInfo) string {
	dev, ino := source.FileID(info)
	key := fmt.Sprintf("%d %d", dev, ino)
	if b := birth(dir); b != 0 {
		key += fmt.Sprintf(" b%d", b)
	}
	return key
}

// isBirth reports whether a word of a list's header is a time of birth:
// "b" and digits (the mode, "build", is a word too).
func isBirth(w string) bool {
	if len(w) < 2 || w[0] != 'b' {
		return false
	}
	_, err := strconv.ParseInt(w[1:], 10, 64)
	return err == nil
}

// sameFolder reports whether a list's key names the folder with key now.
// A list written before keys had times of birth names its folder by
// device and inode alone.
func sameFolder(listKey, now string) bool {
	l, n := strings.Fields(listKey), strings.Fields(now)
	if len(l) < 2 || len(n) < 2 || l[0] != n[0] || l[1] != n[1] {
		return false
	}
	return len(l) < 3 || len(n) < 3 || l[2] == n[2]
}

// readList parses one list file; nil when it is missing or not a list.
func readList(name string) *list {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	header, rest, _ := bytes.Cut(data, []byte("\n"))
	words := strings.Fields(string(header))
	if len(words) < 3 || words[0] != listHeader {
		return nil
	}
	l := &list{name: name, key: words[1] + " " + words[2], mode: Build}
	rest3 := words[3:]
	if len(rest3) > 0 && isBirth(rest3[0]) {
		l.key += " " + rest3[0]
		rest3 = rest3[1:]
	}
	for _, w := range rest3 {
		switch w {
		case "writing":
			l.writing = true
		case string(Preview), string(Drafts):
			l.mode = Mode(w)
		}
	}
	files, foreign, _ := strings.Cut(string(rest), foreignMark+"\n")
	l.files = lines(files)
	l.foreign = lines(foreign)
	return l
}

// foreignMark starts the part of a list that names foreign entries; no
// file of a site is called that.
const foreignMark = "#foreign"

func lines(s string) []string {
	var out []string
	for line := range strings.SplitSeq(s, "\n") {
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}

// writeList records, under the folder's device and inode, the files
// pinzhi wrote into dir, and the foreign entries it holds. It replaces the
// list file in one rename.
func writeList(dir string, files []string, writing bool, mode Mode, foreign ...string) error {
	info, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("%s: not a folder", dir)
	}
	l := &list{key: folderKey(dir, info), files: files, foreign: foreign, writing: writing, mode: mode}
	return writeFileAtomic(listFile(dir), encodeList(l))
}

// encodeList is a list file's content: a header naming the folder, the
// files, then the foreign entries.
func encodeList(l *list) []byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	fmt.Fprintf(w, "%s %s", listHeader, l.key)
	if l.writing {
		w.WriteString(" writing")
	}
	fmt.Fprintf(w, " %s\n", l.mode)
	for _, f := range l.files {
		w.WriteString(f)
		w.WriteByte('\n')
	}
	if len(l.foreign) > 0 {
		w.WriteString(foreignMark + "\n")
		for _, f := range l.foreign {
			w.WriteString(f)
			w.WriteByte('\n')
		}
	}
	w.Flush()
	return b.Bytes()
}

// writeFileAtomic puts data at name under a temporary name first, so that
// the file is never seen half written, and removes the temporary file
// when anything fails.
func writeFileAtomic(name string, data []byte) error {
	tmp := tempName(name)
	if err := writeNew(tmp, data); err != nil {
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// writeNew creates name, which must not exist, with data; when the write
// fails the partial file is removed.
func writeNew(name string, data []byte) error {
	return createNew(name, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// A Fill writes a file's bytes to w: the minifier writes a large page
// straight to its file, so that it is not held in memory twice.
type Fill = func(w io.Writer) error

// fillNew creates name, which must not exist, with what fill writes; when
// anything fails the partial file is removed.
func fillNew(name string, fill Fill) error {
	return createNew(name, func(f *os.File) error {
		bw := fileBuffers.Get().(*bufio.Writer)
		defer fileBuffers.Put(bw)
		bw.Reset(f)
		err := fill(bw)
		if err == nil {
			err = bw.Flush()
		}
		bw.Reset(nil) // the buffer goes back without the file
		return err
	})
}

// fileBuffers are the buffers fills write through: a build writes ten
// thousand files, and a buffer made for each was 757 MB of the 2.7 GB a
// fresh build of 10,000 pages allocated, and the collector's work with it.
var fileBuffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// createNew creates name, which must not exist, and has write fill it;
// when anything fails the partial file is removed.
func createNew(name string, write func(*os.File) error) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if err = errors.Join(write(f), f.Close()); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
