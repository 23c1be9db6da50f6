package output

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
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
	to      string      // where the staged file goes
	from    string      // the previous output's file, "" if none
	old     *os.File    // from, open while the bytes match it
	oldInfo fs.FileInfo // old's stat when it was opened
	same    int64       // how many bytes matched so far
	file    *os.File    // the staged file, once made
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
	opened, err := old.Stat()
	if err != nil || !os.SameFile(info, opened) {
		old.Close()
		return f
	}
	f.old, f.oldInfo = old, opened
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

// errOldChanged is diverge's error when the previous output's file
// changed while it was being compared: the bytes that matched are gone.
var errOldChanged = errors.New("the previous build's file changed while this build compared it; build again")

// diverge makes the staged file from the bytes that matched so far, and
// stops matching. Those bytes are copied from the old file, so it must
// still be as it was when opened.
func (f *stagedFile) diverge() error {
	old := f.old
	f.old = nil
	defer old.Close()
	if now, err := old.Stat(); err != nil || now.Size() != f.oldInfo.Size() || !now.ModTime().Equal(f.oldInfo.ModTime()) {
		return errOldChanged
	}
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

// linkOld hard-links the old file into place. The link is made by name,
// long after the name was checked (a page is compared as it renders), so
// it is kept only if it is still the file that was compared: not a
// symlink or another file put there since.
func (f *stagedFile) linkOld() bool {
	if os.Link(f.from, f.to) != nil {
		return false
	}
	if linked, err := os.Lstat(f.to); err == nil && os.SameFile(linked, f.oldInfo) {
		return true
	}
	os.Remove(f.to)
	return false
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
		if n, err := f.old.Read(b[:]); n == 0 && err == io.EOF && f.linkOld() {
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
