package resolve_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/resolve"
)

// TestCacheAgreesWithCold resolves a dossier as dossier serve does, with
// one cache across edits of every kind, and checks each index against
// one resolved without a cache.
func TestCacheAgreesWithCold(t *testing.T) {
	d := generate(t, 200)
	cache := resolve.NewCache()
	check := func(step string) {
		t.Helper()
		idx, diags := resolve.Resolve(d.content, d.parsed, cache)
		warm := dump(idx, diags)
		for _, c := range idx.Citations {
			if !slices.Contains(d.content.Sources, c.Source) || c.From != nil && c.From != idx.Target(c.From.Slug) {
				t.Fatalf("%s: citation %+v points at a document of another build", step, *c)
			}
		}
		idx, diags = resolve.Resolve(d.content, d.parsed, nil)
		if cold := dump(idx, diags); warm != cold {
			t.Fatalf("%s: the index resolved with the cache differs from the one without:\n%s", step, firstDifference(warm, cold))
		}
	}
	rewrite := func(file string, edit func(string) string) {
		t.Helper()
		path := filepath.Join(d.dir, file)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(edit(string(data))), 0o644); err != nil {
			t.Fatal(err)
		}
		d = loadDossier(t, d.dir, d)
	}
	appendText := func(text string) func(string) string {
		return func(s string) string { return s + text }
	}

	check("first build")
	check("nothing changed")
	d.edit(3, d.content.Notes[3].Body+"\nSee [[note-00004]], [[nowhere]] and [[comillas-2015#\"the\"]].\n")
	check("a note's body edited in place")
	d.renew()
	check("every document a new value with the same text")
	d = loadDossier(t, d.dir, d)
	check("every document loaded again")
	rewrite("notes/note-00005.md", appendText("\nRussia and [[note-00006]], [[note-00005]]: [[isas-2021#\"not in the text\"]].\n"))
	check("a note edited")
	rewrite("notes/note-00006.md", func(s string) string {
		return strings.Replace(s, "title: \"Generated note 6", "title: \"A generated note 6", 1)
	})
	check("a note retitled")
	rewrite("notes/note-00007.md", func(s string) string { return strings.Replace(s, "themes: [", "themes: [nowhere, ", 1) })
	check("a note tagged with an unknown theme")
	rewrite("entities/sco.md", func(s string) string { return strings.Replace(s, "aliases: [", "aliases: [Generated, Afghan, ", 1) })
	check("an entity given an alias")
	rewrite("sources/tynan-2013.txt", appendText("\nA new closing paragraph about the Collective Security Treaty Organization.\n"))
	check("a source edited")
	if err := os.Remove(filepath.Join(d.dir, "notes/note-00008.md")); err != nil {
		t.Fatal(err)
	}
	d = loadDossier(t, d.dir, d)
	check("a note deleted")
}

// firstDifference shows where two texts first differ, by line.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + al[i] + "\nwant " + bl[i]
		}
	}
	return "one text is longer"
}
