// Package confine opens the folders a site is built from (content/,
// templates/, static/) so that nothing read through them comes from
// outside: a symlink may point anywhere inside its folder, and one that
// points out of it, or into a loop, is an *Error naming the link and
// where it points. A link in content/index.md to /proc/self/environ
// would otherwise publish the build's environment.
//
// The confinement itself is os.Root's, which refuses every path that
// leaves the folder, whatever the links on its way. This package only
// explains a refusal, and opens again, through the root, the few paths
// os.Root refuses that do stay inside: a link written as an absolute path
// into the folder, or a chain of more links than os.Root follows.
//
// Only files and folders are opened: a named pipe, a device or a socket
// is refused with ErrNotRegular, since reading one could block the build
// or never end.
package confine

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
)

// Error is a symlink that a build does not follow.
type Error struct {
	// Folder names the folder in messages: "content", "static".
	Folder string
	// Link is the symlink's path inside the folder, slash-separated.
	Link string
	// Target is where the link points, for a link out of the folder: its
	// text when that is absolute, else the path it names from the link's
	// folder. It is empty for a loop.
	Target string
}

func (e *Error) Error() string {
	if e.Target == "" {
		return "symlink loop"
	}
	return fmt.Sprintf("symlink points outside the %s folder, to %s", e.Folder, e.Target)
}

// Folder is a folder on disk as an fs.FS that reads nothing outside it.
// It implements fs.ReadDirFS, fs.ReadFileFS, fs.StatFS and fs.ReadLinkFS,
// so fs.Lstat and fs.ReadDir describe a symlink as a link, as os.DirFS
// does. Its methods are safe for concurrent use.
type Folder struct {
	kind string
	// abs is the folder's absolute path and real the same with its
	// symlinks resolved: they tell whether a link lands inside.
	abs, real string
	root      *os.Root // nil when the folder could not be opened
	openErr   error    // why root is nil
	fsys      fs.FS
	links     atomic.Bool
}

// Open opens the folder dir; kind names it in messages ("content"). A
// folder that cannot be opened gives a Folder whose every method fails
// with the reason, so that the caller reports it where it reports other
// unreadable files.
func Open(dir, kind string) *Folder {
	f := &Folder{kind: kind}
	f.root, f.openErr = os.OpenRoot(dir)
	if f.openErr != nil {
		return f
	}
	f.fsys = f.root.FS()
	f.abs, _ = filepath.Abs(dir)
	// Without the real path, no link is taken to stay inside: os.Root
	// still follows those it can.
	f.real, _ = filepath.EvalSymlinks(f.abs)
	return f
}

// Close releases the folder.
func (f *Folder) Close() error {
	if f.root == nil {
		return nil
	}
	return f.root.Close()
}

// SawLink reports whether a listing or an Lstat through f has shown a
// symlink.
func (f *Folder) SawLink() bool { return f.links.Load() }

// ErrNotRegular is why a named pipe, a device or a socket is not
// opened: reading one could block the build, or never end.
var ErrNotRegular = errors.New("not a regular file or folder")

// Open opens name, following the links on its way that stay inside.
func (f *Folder) Open(name string) (fs.File, error) {
	return do(f, "open", name, true, func(n string) (fs.File, error) {
		file, _, err := f.open(n)
		return file, err
	})
}

// ReadFile reads name, following the links on its way that stay inside.
func (f *Folder) ReadFile(name string) ([]byte, error) {
	data, _, err := f.ReadFileInfo(name)
	return data, err
}

// ReadFileInfo is ReadFile that also returns the file's stat, taken from
// the opened file before it is read: Stat and then ReadFile would find
// the file by name twice, a third of the system time of loading 10,000
// notes.
func (f *Folder) ReadFileInfo(name string) ([]byte, fs.FileInfo, error) {
	var stat fs.FileInfo
	data, err := do(f, "read", name, true, func(n string) ([]byte, error) {
		file, info, err := f.open(n)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		stat = info
		return readAll(file, info.Size())
	})
	return data, stat, err
}

// readAll reads r to its end into a slice sized for size bytes, with one
// byte more so that the read that finds the end need not grow it: the
// slice is kept as the file's text, and bytes.Buffer's 512 bytes of room
// would be 5 MB over 10,000 notes.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size+1)
	for {
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// ReadDir lists the folder name, sorted by file name. A symlink in it is
// listed as a link (its type is fs.ModeSymlink), not as what it points to.
func (f *Folder) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := do(f, "readdir", name, true, func(n string) ([]fs.DirEntry, error) {
		file, _, err := f.open(n)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		entries, err := file.ReadDir(-1)
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
		return entries, err
	})
	for _, e := range entries {
		if e.Type() == fs.ModeSymlink {
			f.links.Store(true)
			break
		}
	}
	return entries, err
}

// Stat describes name, following the links on its way that stay inside.
func (f *Folder) Stat(name string) (fs.FileInfo, error) {
	return do(f, "stat", name, true, func(n string) (fs.FileInfo, error) { return fs.Stat(f.fsys, n) })
}

// Lstat describes name without following it if it is a link.
func (f *Folder) Lstat(name string) (fs.FileInfo, error) {
	info, err := do(f, "lstat", name, false, func(n string) (fs.FileInfo, error) { return fs.Lstat(f.fsys, n) })
	if err == nil && info.Mode().Type() == fs.ModeSymlink {
		f.links.Store(true)
	}
	return info, err
}

// ReadLink returns the text of the link name, wherever it points: the
// text is not the file.
func (f *Folder) ReadLink(name string) (string, error) {
	return do(f, "readlink", name, false, func(n string) (string, error) { return fs.ReadLink(f.fsys, n) })
}

// open opens name through the root if it is a file or a folder. It opens
// without blocking, so that a named pipe with no writer does not stop
// the build before it is refused.
func (f *Folder) open(name string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := file.Stat()
	if err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		err = &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	return file, info, nil
}

// do runs op on name through the root. When the root refuses it, do
// returns an *Error for the link that leaves the folder or loops, or,
// when every link on the way stays inside, runs op again on the path
// they lead to. follow says whether op follows name itself if it is a
// link.
func do[T any](f *Folder, op, name string, follow bool, run func(string) (T, error)) (T, error) {
	var zero T
	if f.root == nil {
		return zero, &fs.PathError{Op: op, Path: name, Err: unwrap(f.openErr)}
	}
	v, err := run(name)
	if err == nil || errors.Is(err, fs.ErrNotExist) || !fs.ValidPath(name) {
		return v, err
	}
	inside, why := f.explain(name, follow)
	switch {
	case why != nil:
		return zero, &fs.PathError{Op: op, Path: name, Err: why}
	case inside != "" && inside != name:
		return run(inside)
	}
	return v, err
}

// explain looks at the links on the way to name, in order, with the
// paths the operating system resolves rather than through the root (it
// reads links, never files). It returns an *Error for the first link that
// leaves the folder or loops. Otherwise it returns the path inside the
// folder that name leads to, or "" if it cannot tell. A link's target
// is named as written, made absolute, unless that is inside the folder
// and the link leaves it through another link.
func (f *Folder) explain(name string, follow bool) (string, *Error) {
	if f.real == "" {
		return "", nil
	}
	inside := func(p string) bool { return within(p, f.abs) || within(p, f.real) }
	parts := strings.Split(name, "/")
	last := len(parts)
	if !follow {
		last--
	}
	for i := range last {
		link := path.Join(parts[:i+1]...)
		p := filepath.Join(f.abs, filepath.FromSlash(link))
		info, err := os.Lstat(p)
		if err != nil || info.Mode().Type() != fs.ModeSymlink {
			continue
		}
		text, err := os.Readlink(p)
		if err != nil {
			continue
		}
		target := text
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(p), target)
		}
		resolved, err := filepath.EvalSymlinks(p)
		switch {
		case err == nil:
			if within(resolved, f.real) {
				continue
			}
			// A link that leaves through another link is named with
			// where it ends.
			if inside(target) {
				target = resolved
			}
			return "", &Error{Folder: f.kind, Link: link, Target: target}
		case loops(p):
			return "", &Error{Folder: f.kind, Link: link}
		case errors.Is(err, fs.ErrNotExist):
			// A dangling link: where it would land is all there is to
			// go by.
			if !inside(target) {
				return "", &Error{Folder: f.kind, Link: link, Target: target}
			}
		}
	}
	// Every link stays inside: find where name leads.
	p := filepath.Join(f.abs, filepath.FromSlash(name))
	dir, base := filepath.Dir(p), filepath.Base(p)
	if follow {
		dir, base = p, ""
	}
	resolved, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", nil
	}
	full := filepath.Join(resolved, base)
	rel, err := filepath.Rel(f.real, full)
	if err != nil || !within(full, f.real) {
		return "", nil
	}
	return filepath.ToSlash(rel), nil
}

// loops reports whether following the link p never ends.
func loops(p string) bool {
	_, err := os.Stat(p)
	return errors.Is(err, syscall.ELOOP)
}

// within reports whether the clean absolute path p is dir or inside it.
func within(p, dir string) bool {
	return p == dir || strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
