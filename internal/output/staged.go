package output

import (
	"bytes"
	"io"
	"os"
	"sync"
)

// stagedFile receives the bytes of one staged file. While they match the
// previous output's file it only compares them with that file and writes
// nothing, so that an unchanged page, which is most pages of a rebuild,
// costs one read of the old file and a hard link instead of a write, a
// second read of both and a removal. At the first difference it makes
// the new file, copying the matching prefix from the old one.
type stagedFile struct {
	to   string   // where the staged file goes
	from string   // the previous output's file, "" if none
	old  *os.File // from, open while the bytes match it
	same int64    // how many bytes matched so far
	file *os.File // the staged file, once made
}

// newStagedFile starts a staged file at to, matched against from unless
// from is "". A from that is not a regular file (the user put a symlink
// or folder there) is never matched: its bytes are not the site's.
func newStagedFile(to, from string) *stagedFile {
	f := &stagedFile{to: to, from: from}
	if from == "" {
		return f
	}
	info, err := os.Lstat(from)
	if err != nil || !info.Mode().IsRegular() {
		return f
	}
	old, err := os.Open(from)
	if err != nil {
		return f
	}
	if opened, err := old.Stat(); err != nil || !os.SameFile(info, opened) {
		old.Close()
		return f
	}
	f.old = old
	return f
}

// scratch holds the buffers old files are read into, shared: a rebuild
// compares thousands of pages.
var scratch = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// Write implements io.Writer.
func (f *stagedFile) Write(p []byte) (int, error) {
	if f.old != nil {
		if f.matches(p) {
			f.same += int64(len(p))
			return len(p), nil
		}
		if err := f.diverge(); err != nil {
			return 0, err
		}
	}
	if f.file == nil {
		if err := f.create(); err != nil {
			return 0, err
		}
	}
	return f.file.Write(p)
}

// matches reports whether the old file's next bytes are p.
func (f *stagedFile) matches(p []byte) bool {
	buf := scratch.Get().(*[]byte)
	defer scratch.Put(buf)
	for len(p) > 0 {
		chunk := (*buf)[:min(len(p), len(*buf))]
		if _, err := io.ReadFull(f.old, chunk); err != nil || !bytes.Equal(chunk, p[:len(chunk)]) {
			return false
		}
		p = p[len(chunk):]
	}
	return true
}

// diverge makes the staged file from the bytes that matched so far, and
// stops matching.
func (f *stagedFile) diverge() error {
	old := f.old
	f.old = nil
	defer old.Close()
	if err := f.create(); err != nil {
		return err
	}
	if _, err := old.Seek(0, io.SeekStart); err != nil {
		return err
	}
	// A LimitedReader over an *os.File lets the kernel copy the bytes
	// (copy_file_range on Linux).
	n, err := io.Copy(f.file, io.LimitReader(old, f.same))
	if err == nil && n < f.same {
		err = io.ErrUnexpectedEOF
	}
	return err
}

func (f *stagedFile) create() error {
	file, err := os.OpenFile(f.to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	f.file = file
	return err
}

// finish ends the file. It reports unchanged, with the old file
// hard-linked in place, when every byte matched the old file's and the
// old file has no more; otherwise it makes sure the staged file exists
// whole.
func (f *stagedFile) finish() (unchanged bool, err error) {
	if f.old != nil {
		var b [1]byte
		if n, _ := f.old.Read(b[:]); n == 0 && os.Link(f.from, f.to) == nil {
			f.old.Close()
			return true, nil
		}
		if err := f.diverge(); err != nil {
			f.abandon()
			return false, err
		}
	}
	if f.file == nil {
		if err := f.create(); err != nil {
			return false, err
		}
	}
	return false, f.file.Close()
}

// abandon closes whatever is open, after a failed write.
func (f *stagedFile) abandon() {
	if f.old != nil {
		f.old.Close()
	}
	if f.file != nil {
		f.file.Close()
	}
}
