package edition_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/edition"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden, then review the diff")

// TestGoldenChanges compares two editions of a small dossier,
// testdata/old and testdata/new: a note edited (text and confidence),
// one removed and one added, a judgement's confidence raised, and a
// source revised so that quotes move (one to another passage, one by a
// passage inserted before it), one is no longer in its rewritten
// passage and one is gone with its passage. The earlier edition goes
// through its JSON, as `dossier changes` reads it.
func TestGoldenChanges(t *testing.T) {
	old := editionOf(t, "testdata/old")
	data := old.JSON()
	golden(t, "old-edition.json", data)
	since, err := edition.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := edition.Write(&out, edition.Compare(since, editionOf(t, "testdata/new"))); err != nil {
		t.Fatal(err)
	}
	golden(t, "changes.txt", out.Bytes())
}

// TestEditionRoundTrip checks that an edition decodes to what was
// encoded, so that nothing edition.json holds is lost between editions.
func TestEditionRoundTrip(t *testing.T) {
	e := editionOf(t, "testdata/new")
	back, err := edition.Decode(e.JSON())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(back.JSON(), e.JSON()) {
		t.Errorf("decoding and encoding again changed edition.json:\n%s", back.JSON())
	}
}

// editionOf resolves the content folder dir, with the quote errors a
// revised source leaves, and returns its edition.
func editionOf(t *testing.T, dir string) *edition.Edition {
	t.Helper()
	idx, diags := build.New(build.Options{Content: dir, OneShot: true}).Resolve()
	if idx == nil {
		t.Fatalf("%s: %v", dir, diags)
	}
	return edition.Of(idx)
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/edition -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; run go test ./internal/edition -update and review the diff. Got:\n%s", path, got)
	}
}
