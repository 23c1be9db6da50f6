package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	dir := t.TempDir()
	out, hugo := filepath.Join(dir, "content"), filepath.Join(dir, "hugo")
	var stderr strings.Builder
	if code := run([]string{"-notes", "7", "-out", out, "-hugo", hugo, "-shipped", "../../content"}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, d := range []string{filepath.Join(out, "notes"), filepath.Join(hugo, "content", "notes")} {
		notes, _ := filepath.Glob(filepath.Join(d, "note-*.md"))
		if len(notes) != 7 {
			t.Errorf("%s: %d notes, want 7", d, len(notes))
		}
	}
	if _, err := os.Stat(filepath.Join(hugo, "hugo.toml")); err != nil {
		t.Error(err)
	}
	// A second run into the same folder is refused rather than mixed in.
	if code := run([]string{"-notes", "3", "-out", out, "-shipped", "../../content"}, io.Discard); code != 2 {
		t.Errorf("run into a non-empty folder: exit %d, want 2", code)
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"-notes", "0", "-out", t.TempDir()}, {"-bogus"}, {"-out", t.TempDir(), "extra"}} {
		if code := run(args, io.Discard); code != 2 {
			t.Errorf("run(%q) = %d, want 2", args, code)
		}
	}
}
