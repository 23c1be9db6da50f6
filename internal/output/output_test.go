package output

import (
	"errors"
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
