package render_test

import (
	"errors"
	"io/fs"
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
)

// A Site renders a page when it is asked for, once, and nothing else.
func TestSiteRendersOnDemand(t *testing.T) {
	res, diags, err := build.New(build.Options{Content: "../../content", OneShot: true}).Site()
	if err != nil || len(diags) > 0 {
		t.Fatalf("site: %v %v", err, diags)
	}
	s := res.Site
	if got := s.Rendered(); got.Pages != 0 || got.Documents != 0 {
		t.Fatalf("rendered %+v before anything was asked for", got)
	}
	const note = "notes/the-201st-base/index.html"
	if _, made := s.Made(note); made {
		t.Error("Made reports a page nobody asked for")
	}
	first, err := s.File(note)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := s.File(note)
	if &first[0] != &again[0] {
		t.Error("the page was rendered twice")
	}
	if got := s.Rendered(); got.Pages != 1 || got.Documents != 1 {
		t.Errorf("rendered %+v for one note page, want 1 page and its 1 document", got)
	}
	if made, ok := s.Made(note); !ok || &made[0] != &first[0] {
		t.Error("Made does not return the rendered page")
	}
	if _, made := s.Made("print/index.html"); made {
		t.Error("the print edition was rendered for a note page")
	}
	if _, err := s.File("notes/no-such-note/index.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing page: %v, want fs.ErrNotExist", err)
	}
	paths := s.Paths()
	for _, p := range []string{note, "print/index.html", "feed.xml", "sitemap.xml", "sources/isas-2021/original.txt"} {
		if !slices.Contains(paths, p) || !s.Has(p) {
			t.Errorf("the site lacks %s", p)
		}
	}
}

// Every file a Site lists is what a full build writes, byte for byte.
func TestSiteFilesEqualTheFullBuild(t *testing.T) {
	full, _ := shipped(t)
	res, diags, err := build.New(build.Options{Content: "../../content"}).Site()
	if err != nil || len(diags) > 0 {
		t.Fatalf("site: %v %v", err, diags)
	}
	paths := res.Site.Paths()
	if len(paths) != len(full) {
		t.Errorf("the site lists %d files, the full build has %d", len(paths), len(full))
	}
	// Ask in reverse order, so pages come before the documents and
	// indexes a full build would have made first.
	for _, p := range slices.Backward(paths) {
		data, err := res.Site.File(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if string(data) != string(full[p]) {
			t.Errorf("%s differs from the full build", p)
		}
	}
}
