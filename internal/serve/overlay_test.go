package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

func TestSnippetMarksTheLineWithContext(t *testing.T) {
	lines := []string{"1", "2", "3", "4", "5", "6"}
	for _, tc := range []struct {
		line      int
		first, n  int
		markIndex int
	}{
		{line: 1, first: 1, n: 3, markIndex: 0},
		{line: 3, first: 1, n: 5, markIndex: 2},
		{line: 6, first: 4, n: 3, markIndex: 2},
	} {
		got := snippet(lines, tc.line)
		if len(got) != tc.n || got[0].N != tc.first || !got[tc.markIndex].Mark || got[tc.markIndex].N != tc.line {
			t.Errorf("snippet(line %d) = %+v", tc.line, got)
		}
	}
	if got := snippet(lines, 7); got != nil {
		t.Errorf("line past the end gave %+v", got)
	}
}

func TestProblemsFromDiagnostics(t *testing.T) {
	content := t.TempDir()
	p := filepath.Join(content, "x.md")
	if err := os.WriteFile(p, []byte("\uFEFFa\rb\r\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("TOKEN=hunter2\n"), 0o644)
	link := filepath.Join(content, "link.md")
	if err := os.Symlink(secret, link); err != nil {
		t.Fatal(err)
	}
	var ds site.Diagnostics
	ds.Add(site.Pos{Path: p, Line: 2, Col: 1}, "bad b")
	ds.Add(site.Pos{Path: filepath.Join(t.TempDir(), "gone.md"), Line: 1}, "file went away")
	ds.Add(site.Pos{Path: p}, "whole file")
	ds.Add(site.Pos{Path: link, Line: 1, Col: 1}, "symlink points outside the content folder")
	ds.Add(site.Pos{Path: secret, Line: 1, Col: 1}, "a file outside the folders")
	ps := problemsFromDiagnostics(ds, content)
	if len(ps) != 5 {
		t.Fatalf("got %+v", ps)
	}
	if ps[0].Pos != p+":2:1" || len(ps[0].Lines) != 3 || ps[0].Lines[1].Text != "b" || !ps[0].Lines[1].Mark {
		t.Errorf("first problem %+v", ps[0])
	}
	if ps[1].Lines != nil || ps[1].Message != "file went away" {
		t.Errorf("unreadable file: %+v", ps[1])
	}
	if ps[2].Lines != nil || ps[2].Pos != p {
		t.Errorf("position without a line: %+v", ps[2])
	}
	for _, leak := range ps[3:] {
		if leak.Lines != nil {
			t.Errorf("the overlay shows the lines of a file outside the content folder: %+v", leak)
		}
	}

	var many site.Diagnostics
	for range maxProblems + 5 {
		many.Add(site.Pos{Path: p, Line: 1}, "again")
	}
	ps = problemsFromDiagnostics(many, content)
	if len(ps) != maxProblems+1 || !strings.Contains(ps[maxProblems].Message, "5 more") {
		t.Errorf("%d problems, last %+v", len(ps), ps[len(ps)-1])
	}
}
