package render_test

import (
	"html"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
)

var (
	shippedOnce  sync.Once
	shippedFiles map[string][]byte
	shippedThems []string
	shippedErr   string
)

// shipped builds the dossier in content/ with the built-in templates and
// static files, once for all the tests here.
func shipped(t *testing.T) (map[string][]byte, []string) {
	t.Helper()
	shippedOnce.Do(func() {
		res, diags, err := build.New(build.Options{Content: "../../content"}).Build()
		switch {
		case err != nil:
			shippedErr = err.Error()
		case len(diags) > 0:
			shippedErr = diags.Error()
		default:
			shippedFiles = res.Files
			for _, th := range res.Index.Themes {
				shippedThems = append(shippedThems, th.Slug)
			}
		}
	})
	if shippedErr != "" {
		t.Fatalf("building the shipped dossier: %s", shippedErr)
	}
	return shippedFiles, shippedThems
}

var (
	idAttr     = regexp.MustCompile(`\sid="([^"]*)"`)
	inPageHref = regexp.MustCompile(`\shref="#([^"]*)"`)
	// sectionOpen finds the edition's top-level parts in order.
	sectionOpen = regexp.MustCompile(`<(?:header|nav|section) class="print-(?:cover|toc|section)[^"]*" id="([^"]*)"`)
)

// checkAnchors fails the test for a duplicate id or an in-page link to an
// id the page does not have.
func checkAnchors(t *testing.T, name, page string) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for _, m := range idAttr.FindAllStringSubmatch(page, -1) {
		id := html.UnescapeString(m[1])
		if ids[id] {
			t.Errorf("%s: id %q is not unique", name, id)
		}
		ids[id] = true
	}
	broken := map[string]bool{}
	for _, m := range inPageHref.FindAllStringSubmatch(page, -1) {
		id := html.UnescapeString(m[1])
		if !ids[id] && !broken[id] {
			broken[id] = true
			t.Errorf("%s: link to #%s, which is not on the page", name, id)
		}
	}
	return ids
}

func TestPrintEditionStructure(t *testing.T) {
	files, themes := shipped(t)
	data, ok := files["print/index.html"]
	if !ok {
		t.Fatal("no print/index.html")
	}
	page := string(data)
	ids := checkAnchors(t, "print/index.html", page)

	var order []string
	for _, m := range sectionOpen.FindAllStringSubmatch(page, -1) {
		order = append(order, m[1])
	}
	want := []string{"cover", "contents", "summary"}
	for _, th := range themes {
		want = append(want, "theme-"+th)
	}
	want = append(want, "timeline", "glossary", "bibliography")
	if !slices.Equal(order, want) {
		t.Errorf("sections in order:\n got %v\nwant %v", order, want)
	}

	// Every document the edition can link to is in it.
	for _, dir := range []string{"notes/", "entities/", "sources/", "themes/"} {
		kind := map[string]string{"notes/": "note-", "entities/": "entity-", "sources/": "source-", "themes/": "theme-"}[dir]
		for p := range files {
			rest, ok := strings.CutPrefix(p, dir)
			if !ok || !strings.HasSuffix(rest, "/index.html") || strings.Count(rest, "/") != 1 {
				continue
			}
			if slug := strings.TrimSuffix(rest, "/index.html"); !ids[kind+slug] {
				t.Errorf("print/index.html has no #%s%s", kind, slug)
			}
		}
	}

	// Citations are endnotes: numbered references, each with its note.
	refs := regexp.MustCompile(`<sup class="endnote-ref" id="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(refs) < 50 {
		t.Errorf("only %d endnote references; citations should become endnotes", len(refs))
	}
	for _, m := range refs {
		if note := strings.Replace(m[1], "enref-", "en-", 1); !ids[note] {
			t.Errorf("endnote reference %s has no endnote %s", m[1], note)
		}
	}
	if strings.Contains(page, `class="cite-mark"`) {
		t.Error("the edition shows web citation marks; print uses endnotes")
	}

	// Contents: one entry per section and per note, each ready for its
	// page number.
	for _, id := range want[2:] {
		if !strings.Contains(page, `data-toc-for="`+id+`"`) {
			t.Errorf("the contents have no entry for #%s", id)
		}
	}
	// Heading ids from different notes are prefixed apart.
	if n := strings.Count(page, `--assessment"`); n < 10 {
		t.Errorf("found %d prefixed 'Assessment' heading ids, want one per note", n)
	}
	// The edition works from disk: every asset link is relative.
	for _, m := range regexp.MustCompile(`(?:href|src)="(/[^"]*)"`).FindAllStringSubmatch(page, -1) {
		t.Errorf("absolute link %q does not work from file://", m[1])
	}
}

func TestThemeBriefs(t *testing.T) {
	files, themes := shipped(t)
	for _, th := range themes {
		name := "themes/" + th + "/print/index.html"
		data, ok := files[name]
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		page := string(data)
		ids := checkAnchors(t, name, page)
		if !ids["theme-"+th] {
			t.Errorf("%s: no #theme-%s section", name, th)
		}
		if !strings.Contains(page, `class="key-passage"`) {
			t.Errorf("%s: no key source passages", name)
		}
		// Links out of the brief go to the site, relative to the page.
		for _, m := range regexp.MustCompile(`href="([^"#]+)`).FindAllStringSubmatch(page, -1) {
			href := html.UnescapeString(m[1])
			if strings.HasPrefix(href, "http://") || strings.HasPrefix(href, "https://") {
				continue
			}
			if target := path.Join(path.Dir(name), href); files[target] == nil {
				t.Errorf("%s: link to %s (%s), which the site does not have", name, href, target)
			}
		}
	}
}

// print_notes: summaries gives each note of the edition as its title,
// details and summary, says so, and lists only the sections in the
// contents; full gives the notes whole.
func TestPrintEditionSummaries(t *testing.T) {
	for _, mode := range []string{"full", "summaries"} {
		content := filepath.Join(t.TempDir(), "content")
		if err := os.CopyFS(content, os.DirFS("../../testdata/site")); err != nil {
			t.Fatal(err)
		}
		cfg := filepath.Join(content, "dossier.yaml")
		data, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cfg, append(data, "print_notes: "+mode+"\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		page := string(buildAll(t, content)["print/index.html"])
		notes := strings.Count(page, `<article class="print-note"`)
		bodies := regexp.MustCompile(`(?s)<article class="print-note"[^>]*>.*?</article>`).FindAllString(page, -1)
		withBody := 0
		for _, b := range bodies {
			if strings.Contains(b, `<div class="prose">`) {
				withBody++
			}
		}
		summaries := mode == "summaries"
		if notes == 0 || summaries != (withBody == 0) || !summaries && withBody != notes {
			t.Errorf("%s: %d notes printed, %d with their bodies", mode, notes, withBody)
		}
		if strings.Contains(page, `class="print-scope"`) != summaries {
			t.Errorf("%s: the edition does not say what it holds of the notes", mode)
		}
		if strings.Contains(page, `class="toc-2"`) == summaries {
			t.Errorf("%s: the contents list notes: %v, want %v", mode, !summaries, !summaries)
		}
	}
}
