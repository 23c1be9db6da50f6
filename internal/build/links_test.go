package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/linkcache"
)

// dossier serve's first build takes the wikilinks of the documents a
// scan is sure of from the scan (markdown.QuickLinks), and a later run's
// first build takes every document's from the link cache. Neither
// parses those documents while building, and both make the same site as
// a one-shot build, which parses every document, page for page: quotes'
// sentences, footnotes, headings and all, parsed when a page reads them.
// So does the rebuild after an edit, which parses the edited note alone.
func TestBuildFromScannedOrCachedLinksEqualsAParsedBuild(t *testing.T) {
	for name, content := range map[string]string{
		"shipped":   "../../content",
		"generated": corpustest.Write(t, "../../content", 60),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, content, dir, time.Now().Add(-time.Hour))
			writeFile(t, filepath.Join(dir, "notes", "aaa-links-everywhere.md"), linksEverywhere)
			writeFile(t, filepath.Join(dir, "notes", "aaa-embedded.md"), embedded)
			parsed, diags, err := New(Options{Content: dir, OneShot: true}).Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("one-shot build: %v %v", err, diags)
			}
			first := New(Options{Content: dir})
			scanned, diags, err := first.Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("build: %v %v", err, diags)
			}
			// linksEverywhere has a table and footnotes with links, which
			// the scan refuses; the generated notes it takes.
			if docs := len(first.parsed); scanned.Parsed == 0 || scanned.Parsed > docs/2 {
				t.Errorf("the first build parsed %d of %d documents, want the few the scan refuses", scanned.Parsed, docs)
			}
			sameFiles(t, "from scanned links", scanned.Files, parsed.Files)
			// Through the file, as dossier serve keeps them.
			file := filepath.Join(t.TempDir(), "links.bin")
			if err := linkcache.Write(file, first.Links()); err != nil {
				t.Fatal(err)
			}
			links := linkcache.Read(file)
			if len(links) == 0 {
				t.Fatal("the link cache holds nothing")
			}
			cached := New(Options{Content: dir, Links: links})
			res, diags, err := cached.Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("build from the cache: %v %v", err, diags)
			}
			if res.Parsed != 0 {
				t.Errorf("the build from the cache parsed %d documents while building, want none", res.Parsed)
			}
			sameFiles(t, "from the cache", res.Files, parsed.Files)

			note := filepath.Join(dir, "notes", firstNote(t, dir))
			data, err := os.ReadFile(note)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, note, string(data)+"\nAn added line.\n")
			again, diags, err := cached.buildAfter([]string{note})
			if err != nil || len(diags) > 0 {
				t.Fatalf("rebuild: %v %v", err, diags)
			}
			if again.Parsed != 1 {
				t.Errorf("the rebuild parsed %d documents, want the edited one", again.Parsed)
			}
			fresh, diags, err := New(Options{Content: dir, OneShot: true}).Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("fresh build: %v %v", err, diags)
			}
			sameFiles(t, "rebuilt from the cache", again.Files, fresh.Files)
		})
	}
}

// linksEverywhere puts wikilinks where a tree's order or shape could
// trip the cache: quote citations in footnotes defined mid-note (goldmark
// moves the definitions to the end after it has met their links, so
// Index order is not document order), a heading, a block quote spanning lines, a
// table, a list, and embeds of a passage and of a note.
const linksEverywhere = `---
title: "Links everywhere"
date: 2024-01-01
themes: [bases]
confidence: low
summary: A note whose links stand in every kind of block.
---
## On [[afghanistan]] and the base

The drills first.[^a] Then the report,[^b] and [[comillas-2015#"according to a government report released in September 2013"]].

[^a]: As [[comillas-2015#"counterterrorist drills at Kant in September 2013"]] has it.
[^b]: See [[springer-2022#"In September 2021, the organization implemented the final stage"]].

> A quote that runs on: [[springer-2022#"in August 2021 Russia conducted a joint
> military training exercise with Uzbekistan"]] and on.

| who | what |
|---|---|
| [[afghanistan\|Afghanistan]] | [[springer-2022#"by late October 2021, Tajikistan hosted the massive"]] |

- one item, [[201st-military-base]]
- another, [[springer-2022#"In September 2021, the organization implemented the final stage"]]

![[comillas-2015#"counterterrorist drills at Kant in September 2013"]]

![[aaa-embedded]]
`

// embedded is a note linksEverywhere embeds.
const embedded = `---
title: "Embedded"
date: 2024-01-02
themes: [bases]
confidence: low
summary: A note another embeds, which cites [[comillas-2015]].
---
Its body links to [[aaa-links-everywhere]].
`

// writeFile writes data to path, failing the test on an error.
func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sameFiles reports the files of got that differ from want's.
func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for p, w := range want {
		if string(got[p]) != string(w) {
			t.Errorf("%s: %s differs", what, p)
		}
	}
}

// firstNote is the name of the first note of the content folder dir.
func firstNote(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "notes"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no notes in %s: %v", dir, err)
	}
	return entries[0].Name()
}

// Broken and malformed links give the same diagnostics from the cache
// as from a parse: the cached nodes keep their errors.
func TestBuildFromTheLinkCacheReportsTheSameProblems(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, "../../content", dir, time.Now().Add(-time.Hour))
	writeFile(t, filepath.Join(dir, "notes", "aaa-broken.md"), `---
title: "Broken links"
date: 2024-01-01
themes: [bases]
confidence: low
summary: A note whose links fail.
---
An unknown target [[no-such-note]], a quote not there [[comillas-2015#"words nobody wrote"]],
an unterminated quote [[comillas-2015#"open]], an empty link [[]], a bad grade
[[comillas-2015#"counterterrorist drills at Kant in September 2013" (9)]] and an embed
of itself ![[aaa-broken]].[^x]

[^x]: And in a footnote, [[another-missing-note]].
`)
	first := New(Options{Content: dir})
	_, parsed, err := first.Build()
	if err != nil || len(parsed) < 5 {
		t.Fatalf("build: %v, %d diagnostics, want the broken links'", err, len(parsed))
	}
	// A build with problems keeps its documents all the same.
	file := filepath.Join(t.TempDir(), "links.bin")
	if err := linkcache.Write(file, first.Links()); err != nil {
		t.Fatal(err)
	}
	res, cached, err := New(Options{Content: dir, Links: linkcache.Read(file)}).Build()
	if err != nil || res != nil {
		t.Fatalf("build from the cache: %v, %v", err, res)
	}
	if cached.Error() != parsed.Error() {
		t.Errorf("from the cache:\n%s\nwant, as parsed:\n%s", cached.Error(), parsed.Error())
	}
}
