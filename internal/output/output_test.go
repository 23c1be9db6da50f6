package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestWriteSwapsAndKeepsUnchangedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	first := Files{"index.html": []byte("home"), "notes/a/index.html": []byte("a"), "old.txt": []byte("gone next")}
	if stats, err := Write(dir, first); err != nil || stats.Written != 3 {
		t.Fatalf("first write: %+v, %v", stats, err)
	}
	past := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "index.html"), past, past)

	second := Files{"index.html": []byte("home"), "notes/a/index.html": []byte("a changed")}
	stats, err := Write(dir, second)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Written != 1 || stats.Unchanged != 1 || stats.Removed != 1 {
		t.Errorf("stats = %+v, want 1 written, 1 unchanged, 1 removed", stats)
	}
	info, err := os.Stat(filepath.Join(dir, "index.html"))
	if err != nil || !info.ModTime().Equal(past) {
		t.Errorf("unchanged index.html lost its modification time: %v, %v", info.ModTime(), err)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "notes/a/index.html")); string(data) != "a changed" {
		t.Errorf("changed file = %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); !os.IsNotExist(err) {
		t.Error("a file the new site lacks survived")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".site.*"))
	if len(leftovers) != 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

// stageOverV1 writes a site whose index.html is "v1" and starts staging
// a site to replace it.
func stageOverV1(t *testing.T) (string, *Stage) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Write(dir, Files{"index.html": []byte("v1")}); err != nil {
		t.Fatal(err)
	}
	s, err := NewStage(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, s
}

func TestAbortLeavesThePreviousSite(t *testing.T) {
	dir, s := stageOverV1(t)
	if err := s.Put("index.html", []byte("v2")); err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "v1" {
		t.Errorf("index.html = %q after an aborted build, want v1", data)
	}
}

func TestRefusesToReplaceAFolderThatIsNotASite(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("precious"), 0o644)
	if _, err := Write(dir, Files{"index.html": []byte("x")}); err == nil {
		t.Fatal("Write replaced a folder holding other files")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "thesis.docx")); string(data) != "precious" {
		t.Error("the folder was touched")
	}
}

func TestRejectsPathsOutsideTheSite(t *testing.T) {
	for _, p := range []string{"../x", "/etc/x", "a/../../x", "", "a//b"} {
		if _, err := Write(filepath.Join(t.TempDir(), "site"), Files{p: []byte("x")}); err == nil {
			t.Errorf("Write accepted path %q", p)
		}
	}
}

// Stream writes a file as it is made, and keeps the previous output's
// file, modification time and all, when the bytes are the same.
func TestStreamKeepsUnchangedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	big := strings.Repeat("a long page ", 20000) // several write blocks
	if _, err := Write(dir, Files{"index.html": []byte("home"), "print/index.html": []byte(big), "b.html": []byte(big)}); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(dir, "print/index.html"), past, past)

	s, err := NewStage(dir)
	if err != nil {
		t.Fatal(err)
	}
	stream := func(p, text string) {
		t.Helper()
		err := s.Stream(p, func(w io.Writer) error {
			for chunk := range slices.Chunk([]byte(text), 1000) {
				if _, err := w.Write(chunk); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	stream("index.html", "home")
	stream("print/index.html", big)
	stream("b.html", big[:len(big)-1]+"b") // same size, last byte differs
	stream("new/index.html", "new")
	stats, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if stats.Written != 2 || stats.Unchanged != 2 {
		t.Errorf("stats = %+v, want 2 written and 2 unchanged", stats)
	}
	if info, err := os.Stat(filepath.Join(dir, "print/index.html")); err != nil || !info.ModTime().Equal(past) {
		t.Errorf("the unchanged streamed page lost its modification time: %v", err)
	}
	for p, want := range map[string]string{"print/index.html": big, "b.html": big[:len(big)-1] + "b", "new/index.html": "new"} {
		if data, _ := os.ReadFile(filepath.Join(dir, p)); string(data) != want {
			t.Errorf("%s holds %d bytes, not what was streamed", p, len(data))
		}
	}
}

// A stream that fails is an error, and the aborted site leaves the
// previous output alone.
func TestStreamError(t *testing.T) {
	dir, s := stageOverV1(t)
	broken := errors.New("template failed")
	err := s.Stream("index.html", func(w io.Writer) error {
		io.WriteString(w, "half a page")
		return broken
	})
	if !errors.Is(err, broken) {
		t.Errorf("Stream returned %v, want the write's error", err)
	}
	s.Abort()
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "v1" {
		t.Errorf("index.html = %q after a failed stream, want v1", data)
	}
}

// A staged file is compared with the previous output's as its bytes
// arrive: it is hard-linked when they match to the end, and otherwise
// written whole, with the part that matched copied from the old file.
// The old file itself is never written to.
func TestStagedFilesMatchThePreviousOutput(t *testing.T) {
	big := []byte(strings.Repeat("0123456789abcdef", 12500)) // 200 kB: several buffers
	changedAt := func(i int) []byte {
		b := slices.Clone(big)
		b[i] = '!'
		return b
	}
	cases := []struct {
		name     string
		old, new []byte
		put      bool // with Put, one write, rather than Stream's small ones
	}{
		{name: "same", old: big, new: big},
		{name: "same, put", old: big, new: big, put: true},
		{name: "same, small", old: []byte("home"), new: []byte("home")},
		{name: "both empty", old: []byte{}, new: []byte{}},
		{name: "first byte differs", old: big, new: changedAt(0)},
		{name: "differs after two buffers", old: big, new: changedAt(150_000)},
		{name: "differs after two buffers, put", old: big, new: changedAt(150_000), put: true},
		{name: "last byte differs", old: big, new: changedAt(len(big) - 1)},
		{name: "shorter", old: big, new: big[:100_000]},
		{name: "longer", old: big[:100_000], new: big},
		{name: "emptied", old: big, new: []byte{}},
		{name: "filled", old: []byte{}, new: big},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if _, err := Write(dir, Files{"page.html": c.old}); err != nil {
				t.Fatal(err)
			}
			// A second name for the old file shows whether it was written to.
			keep := filepath.Join(t.TempDir(), "old")
			if err := os.Link(filepath.Join(dir, "page.html"), keep); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Stat(keep)
			s, err := NewStage(dir)
			if err != nil {
				t.Fatal(err)
			}
			if c.put {
				err = s.Put("page.html", c.new)
			} else {
				err = s.Stream("page.html", func(w io.Writer) error {
					for chunk := range slices.Chunk(c.new, 1000) {
						if _, err := w.Write(chunk); err != nil {
							return err
						}
					}
					return nil
				})
			}
			if err != nil {
				t.Fatal(err)
			}
			stats, err := s.Commit()
			if err != nil {
				t.Fatal(err)
			}
			same := string(c.old) == string(c.new)
			if want := map[bool]int{true: 1}[same]; stats.Unchanged != want || stats.Written != 1-want {
				t.Errorf("stats = %+v, want %d unchanged", stats, want)
			}
			if data, _ := os.ReadFile(filepath.Join(dir, "page.html")); string(data) != string(c.new) {
				t.Errorf("the page holds %d bytes, not the %d staged", len(data), len(c.new))
			}
			if data, _ := os.ReadFile(keep); string(data) != string(c.old) {
				t.Error("the previous output's file was written to")
			}
			after, err := os.Stat(filepath.Join(dir, "page.html"))
			if err != nil || os.SameFile(before, after) != same {
				t.Errorf("the page is the old file: %v, want %v", os.SameFile(before, after), same)
			}
		})
	}
}

// A file of the previous output that the user replaced with a symlink is
// not matched, even when what it points to holds the same bytes: the
// page is written as a file of its own.
func TestStagedFileDoesNotFollowASymlink(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Write(dir, Files{"page.html": []byte("page")}); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "outside.html")
	os.WriteFile(outside, []byte("page"), 0o644)
	page := filepath.Join(dir, "page.html")
	os.Remove(page)
	if err := os.Symlink(outside, page); err != nil {
		t.Fatal(err)
	}
	s, err := NewStage(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put("page.html", []byte("page")); err != nil {
		t.Fatal(err)
	}
	commitsWrittenPage(t, s, page)
}

// stagePageOver writes a site whose one file, page.html, holds old, and
// starts staging a site to replace it.
func stagePageOver(t *testing.T, old []byte) (page string, s *Stage) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Write(dir, Files{"page.html": old}); err != nil {
		t.Fatal(err)
	}
	s, err := NewStage(dir)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "page.html"), s
}

// commitsWrittenPage commits s, whose one file, page, holding "page",
// must have been written rather than kept from the previous output.
func commitsWrittenPage(t *testing.T, s *Stage, page string) {
	t.Helper()
	stats, err := s.Commit()
	if err != nil || stats.Written != 1 || stats.Unchanged != 0 {
		t.Fatalf("stats = %+v, %v; want the page written", stats, err)
	}
	info, err := os.Lstat(page)
	if err != nil || !info.Mode().IsRegular() {
		t.Fatalf("the page is not a regular file: %v, %v", info, err)
	}
	if data, _ := os.ReadFile(page); string(data) != "page" {
		t.Errorf("the page holds %q", data)
	}
}

// BenchmarkRewrite measures writing a site of 500 pages of 20 kB over
// the previous build's output, as dossier build does when run again: all
// pages unchanged, or all changed in their last bytes.
func BenchmarkRewrite(b *testing.B) {
	page := []byte(strings.Repeat("<p>a paragraph of a page</p>\n", 700))
	files := Files{}
	for i := range 500 {
		files[fmt.Sprintf("notes/note-%04d/index.html", i)] = page
	}
	changed := Files{}
	for p := range files {
		changed[p] = append(slices.Clone(page), "<!-- edited -->"...)
	}
	for name, site := range map[string]Files{"unchanged": files, "changed": changed} {
		b.Run(name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "site")
			for b.Loop() {
				b.StopTimer()
				if _, err := Write(dir, files); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				s, err := NewStage(dir)
				if err != nil {
					b.Fatal(err)
				}
				for p, data := range site {
					if err := s.Stream(p, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
						b.Fatal(err)
					}
				}
				if _, err := s.Commit(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// A page is compared with the previous output's file as it renders, and
// that file is linked by name when it ends: whatever took the name in
// between (a symlink, another file) is not what was compared, and is not
// linked into the site. The page is written from the bytes compared.
func TestStagedFileLinksOnlyTheFileItCompared(t *testing.T) {
	for name, swap := range map[string]func(t *testing.T, page string){
		"a symlink": func(t *testing.T, page string) {
			outside := filepath.Join(t.TempDir(), "outside.html")
			os.WriteFile(outside, []byte("page"), 0o644)
			os.Remove(page)
			if err := os.Symlink(outside, page); err != nil {
				t.Fatal(err)
			}
		},
		"another file": func(t *testing.T, page string) {
			other := filepath.Join(filepath.Dir(page), "other")
			os.WriteFile(other, []byte("page"), 0o644)
			if err := os.Rename(other, page); err != nil {
				t.Fatal(err)
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			page, s := stagePageOver(t, []byte("page"))
			err := s.Stream("page.html", func(w io.Writer) error {
				_, err := io.WriteString(w, "page")
				swap(t, page)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			commitsWrittenPage(t, s, page)
		})
	}
}

// A previous output's file rewritten in place while a page that matched
// its first bytes renders no longer holds them: the stream fails rather
// than writing a page that starts with the rewritten bytes.
func TestStagedFileFailsWhenTheOldFileChanges(t *testing.T) {
	big := []byte(strings.Repeat("0123456789abcdef", 12500))
	page, s := stagePageOver(t, big)
	err := s.Stream("page.html", func(w io.Writer) error {
		if _, err := w.Write(big[:150_000]); err != nil {
			return err
		}
		// In place: the same inode, other bytes and size.
		if err := os.WriteFile(page, []byte(strings.Repeat("Z", 180_000)), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := io.WriteString(w, "a different end")
		return err
	})
	s.Abort()
	if !errors.Is(err, errOldChanged) {
		t.Errorf("Stream returned %v, want errOldChanged", err)
	}
}
