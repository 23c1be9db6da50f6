package render_test

import (
	"bytes"
	"errors"
	"io/fs"
	"slices"
	"strings"
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

// A one-shot site lets its search index go once To has written it, as
// nothing asks for it again; a site that keeps its pages keeps it too.
func TestToKeepsTheSearchIndexOnlyWithAMemo(t *testing.T) {
	for _, oneShot := range []bool{true, false} {
		res, diags, err := build.New(build.Options{Content: "../../content", OneShot: oneShot}).Site()
		if err != nil || len(diags) > 0 {
			t.Fatalf("site: %v %v", err, diags)
		}
		files, diags, err := res.Site.All() // through To
		if err != nil || len(diags) > 0 {
			t.Fatalf("All: %v %v", err, diags)
		}
		var index []string
		for _, p := range res.Site.Paths() {
			if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".js") {
				index = append(index, p)
			}
		}
		if len(index) < 2 {
			t.Fatalf("the site lists %d search index files, want a manifest and shards", len(index))
		}
		for _, p := range index {
			written := files[p]
			if len(written) == 0 {
				t.Errorf("one-shot %v: To wrote no %s", oneShot, p)
			}
			data, err := res.Site.File(p)
			switch {
			case oneShot && (err == nil || errors.Is(err, fs.ErrNotExist)):
				t.Errorf("one-shot: File(%s) after To = %d bytes, %v; want the error for a file handed on", p, len(data), err)
			case !oneShot && (err != nil || !bytes.Equal(data, written)):
				t.Errorf("File(%s) after To = %d bytes, %v; want the %d bytes To wrote", p, len(data), err, len(written))
			}
		}
		// A one-shot site is made once: made again, it must not write
		// the index it let go as empty files.
		again, _, err := res.Site.All()
		for _, p := range index {
			if data, ok := again[p]; ok && len(data) == 0 {
				t.Errorf("one-shot %v: a second To wrote %s empty", oneShot, p)
			}
		}
		if oneShot && err == nil {
			t.Error("one-shot: a second To made the site without an error for the index it let go")
		}
	}
}
