package confine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const secret = "SECRET-7f3a"

// tree makes a folder "static" holding a.txt and sub/b.txt, and beside
// it outside/secret.txt and outside/dir/c.txt. It returns the parent.
func tree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"static/a.txt":       "a",
		"static/sub/b.txt":   "b",
		"outside/secret.txt": secret,
		"outside/dir/c.txt":  secret,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadFileThroughLinks(t *testing.T) {
	dir := tree(t)
	static := filepath.Join(dir, "static")
	outside := filepath.Join(dir, "outside")
	cases := []struct {
		name string
		// links are made in static/ before reading: name -> target.
		links   map[string]string
		read    string
		want    string // the file's text, when it may be read
		wantErr *Error
	}{
		{name: "plain file", read: "a.txt", want: "a"},
		{name: "relative link inside", links: map[string]string{"l.txt": "sub/b.txt"}, read: "l.txt", want: "b"},
		{name: "link up and back in", links: map[string]string{"sub/l.txt": "../a.txt"}, read: "sub/l.txt", want: "a"},
		{name: "absolute link inside", links: map[string]string{"l.txt": filepath.Join(static, "a.txt")}, read: "l.txt", want: "a"},
		{name: "folder link inside", links: map[string]string{"s": "sub"}, read: "s/b.txt", want: "b"},
		{name: "link out of the folder and back", links: map[string]string{"l.txt": "../static/a.txt"}, read: "l.txt", want: "a"},
		{name: "chain longer than os.Root follows", links: chain(10), read: "l0", want: "a"},
		{name: "relative link outside", links: map[string]string{"l.txt": "../outside/secret.txt"}, read: "l.txt",
			wantErr: &Error{Folder: "static", Link: "l.txt", Target: filepath.Join(outside, "secret.txt")}},
		{name: "absolute link outside", links: map[string]string{"x.txt": "/etc/passwd"}, read: "x.txt",
			wantErr: &Error{Folder: "static", Link: "x.txt", Target: "/etc/passwd"}},
		{name: "dangling link outside", links: map[string]string{"l.txt": "/nonexistent/secret"}, read: "l.txt",
			wantErr: &Error{Folder: "static", Link: "l.txt", Target: "/nonexistent/secret"}},
		{name: "folder link outside", links: map[string]string{"d": outside + "/dir"}, read: "d/c.txt",
			wantErr: &Error{Folder: "static", Link: "d", Target: outside + "/dir"}},
		{name: "link to a link outside", links: map[string]string{"l1.txt": "l2.txt", "l2.txt": "../outside/secret.txt"}, read: "l1.txt",
			wantErr: &Error{Folder: "static", Link: "l1.txt", Target: filepath.Join(outside, "secret.txt")}},
		{name: "loop", links: map[string]string{"l1": "l2", "l2": "l1"}, read: "l1",
			wantErr: &Error{Folder: "static", Link: "l1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for name, target := range c.links {
				link := filepath.Join(static, filepath.FromSlash(name))
				if err := os.Symlink(target, link); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { os.Remove(link) })
			}
			f := Open(static, "static")
			defer f.Close()
			data, err := f.ReadFile(c.read)
			if strings.Contains(string(data), secret) {
				t.Fatalf("read the secret through %s", c.read)
			}
			if c.wantErr == nil {
				if err != nil || string(data) != c.want {
					t.Fatalf("ReadFile(%s) = %q, %v; want %q", c.read, data, err, c.want)
				}
				return
			}
			var got *Error
			if !errors.As(err, &got) || *got != *c.wantErr {
				t.Fatalf("ReadFile(%s) error = %v; want %#v", c.read, err, c.wantErr)
			}
			if errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the error says the file does not exist, so an optional file would be skipped silently")
			}
			// Open, Stat and ReadDir (for a folder) refuse it alike.
			if _, err := f.Open(c.read); !errors.As(err, &got) || *got != *c.wantErr {
				t.Errorf("Open(%s) error = %v", c.read, err)
			}
			if _, err := f.Stat(c.read); !errors.As(err, &got) || *got != *c.wantErr {
				t.Errorf("Stat(%s) error = %v", c.read, err)
			}
		})
	}
}

// chain links l0 -> l1 -> ... -> l(n-1) -> a.txt.
func chain(n int) map[string]string {
	links := map[string]string{}
	for i := range n - 1 {
		links[fmt.Sprintf("l%d", i)] = fmt.Sprintf("l%d", i+1)
	}
	links[fmt.Sprintf("l%d", n-1)] = "a.txt"
	return links
}

func TestErrorMessages(t *testing.T) {
	for _, c := range []struct {
		err  *Error
		want string
	}{
		{&Error{Folder: "content", Link: "index.md", Target: "/proc/self/environ"}, "symlink points outside the content folder, to /proc/self/environ"},
		{&Error{Folder: "static", Link: "l1"}, "symlink loop"},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("%#v: %q, want %q", c.err, got, c.want)
		}
	}
}

// A listing and an Lstat show a link as a link, as os.DirFS does, so
// that a cached listing updated with Lstat matches a fresh one; and both
// note that the folder has links.
func TestLinksAreListedAsLinks(t *testing.T) {
	dir := tree(t)
	static := filepath.Join(dir, "static")
	if err := os.Symlink("/etc/passwd", filepath.Join(static, "x.txt")); err != nil {
		t.Fatal(err)
	}
	f := Open(static, "static")
	defer f.Close()
	if f.SawLink() {
		t.Fatal("SawLink before anything was listed")
	}
	if _, err := f.ReadDir("sub"); err != nil || f.SawLink() {
		t.Fatalf("ReadDir(sub) = %v, SawLink %v; want no error and no link", err, f.SawLink())
	}
	entries, err := f.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, e := range entries {
		types = append(types, e.Name()+" "+e.Type().String())
	}
	if got := strings.Join(types, ", "); got != "a.txt ----------, sub d---------, x.txt L---------" {
		t.Errorf("ReadDir(.) = %s", got)
	}
	if !f.SawLink() {
		t.Error("SawLink is false after listing a link")
	}
	info, err := fs.Lstat(f, "x.txt")
	if err != nil || info.Mode().Type() != fs.ModeSymlink {
		t.Errorf("Lstat(x.txt) = %v, %v; want a link", info, err)
	}
	if text, err := fs.ReadLink(f, "x.txt"); err != nil || text != "/etc/passwd" {
		t.Errorf("ReadLink(x.txt) = %q, %v", text, err)
	}
}

func TestMissingFolder(t *testing.T) {
	f := Open(filepath.Join(t.TempDir(), "none"), "content")
	defer f.Close()
	if _, err := fs.Stat(f, "."); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat(.) = %v; want a missing folder", err)
	}
}
