package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/layout"
)

// TestPreviousEditionRebuild edits the earlier edition's edition.json
// under a Builder that builds again, as serve's does: the changes page
// follows the edit, and a broken file is an error at its position until
// it is mended.
func TestPreviousEditionRebuild(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	copyDir(t, "../../testdata/site", content, time.Now().Add(-time.Hour))
	b := New(Options{Content: content})
	page := func(changed ...string) []byte {
		t.Helper()
		res, diags, err := b.SiteAfter(changed)
		if err != nil || len(diags) > 0 {
			t.Fatalf("build: %v %v", err, diags)
		}
		data, err := res.Site.File(layout.Page(layout.ChangesDir))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	if got := page(); !bytes.Contains(got, []byte("compared with edition 2026-10")) {
		t.Fatalf("changes page:\n%s", got)
	}
	prev := filepath.Join(content, "editions", "2026-10.json")
	data, err := os.ReadFile(prev)
	if err != nil {
		t.Fatal(err)
	}
	write := func(data []byte) {
		t.Helper()
		if err := os.WriteFile(prev, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(bytes.Replace(data, []byte(`"edition": "2026-10"`), []byte(`"edition": "2026-10 (rev)"`), 1))
	if got := page(prev); !bytes.Contains(got, []byte("compared with edition 2026-10 (rev)")) {
		t.Errorf("after the edit, the changes page:\n%s", got)
	}
	write([]byte("{\n  \"format\": 1,,\n}\n"))
	_, diags, err := b.SiteAfter([]string{prev})
	if err != nil || len(diags) != 1 || diags[0].Pos.Line != 2 || diags[0].Pos.Col != 15 {
		t.Errorf("a broken edition.json: %v %v", err, diags)
	}
	write(data)
	if got := page(prev); !bytes.Contains(got, []byte("compared with edition 2026-10,")) {
		t.Errorf("after mending, the changes page:\n%s", got)
	}
}
