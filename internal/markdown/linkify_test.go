package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/dossier-dev/dossier/internal/corpus"
)

// The quick autolinker must link exactly what GFM's does: goldmark with
// extension.GFM is the reference, on tricky text, the shipped notes and
// a generated corpus.
func TestAutolinksMatchGFM(t *testing.T) {
	// Ours is as Markdown.Parse chooses: the autolinker only for a
	// document that may hold an autolink.
	linking, plain := goldmark.New(goldmark.WithExtensions(gfm, autolinks{})), goldmark.New(goldmark.WithExtensions(gfm))
	reference := goldmark.New(goldmark.WithExtensions(extension.GFM))
	docs := []string{
		"See https://example.org/a_(b) and http://x.y/z.",
		"Mail analyst@example.org, or (ops@example.org).",
		"*www.example.org* and _www.example.org_ and ~ftp://files.example.org~",
		"Not a link: a@b, @handle, user@localhost and e-mail@ex-ample.",
		"Trailing dot: someone@example.org. Then www.example.org/path?q=1!",
		"In a [link www.example.org](https://example.org) label.",
		"| a | b |\n|---|---|\n| https://example.org | c@d.org |\n",
		"- [ ] task with http://example.org\n- [x] ~~struck www.example.org~~\n",
		"Tabs\thttps://example.org\tand\tme@example.org\n",
		"Upper case: HTTPS://EXAMPLE.ORG, Http://example.org and WWW.EXAMPLE.ORG.",
		"No candidate at all in this one, only words and spaces.",
		"Only one protocol here: http://example.org/x, at 10:30.",
		"Only this one: ftp://files.example.org/f",
	}
	docs = append(docs, realDocuments(t, 300, 7)...)
	linked := 0
	for _, doc := range docs {
		var got, want bytes.Buffer
		ours := plain
		if mayHoldAutolinks([]byte(doc)) {
			ours = linking
		}
		if err := ours.Convert([]byte(doc), &got); err != nil {
			t.Fatal(err)
		}
		if err := reference.Convert([]byte(doc), &want); err != nil {
			t.Fatal(err)
		}
		linked += bytes.Count(want.Bytes(), []byte(`href="mailto:`)) + bytes.Count(want.Bytes(), []byte(`href="http`))
		if got.String() != want.String() {
			t.Errorf("autolinks differ from GFM's on:\n%.200s\n got %.300s\nwant %.300s", doc, got.String(), want.String())
		}
	}
	// The comparison is about something: the reference made links.
	if linked < 10 {
		t.Errorf("only %d autolinks in the reference output", linked)
	}
}

// realDocuments are the shipped notes, themes and entities, and n notes
// generated from the shipped sources with seed.
func realDocuments(t *testing.T, n int, seed uint64) []string {
	t.Helper()
	var docs []string
	for _, dir := range []string{"../../content/notes", "../../content/themes", "../../content/entities"} {
		docs = append(docs, readAll(t, dir)...)
	}
	c, err := corpus.New(corpus.Options{Shipped: "../../content", Notes: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	generated := t.TempDir()
	if err := c.Write(generated); err != nil {
		t.Fatal(err)
	}
	return append(docs, readAll(t, filepath.Join(generated, "notes"))...)
}

func readAll(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no Markdown in %s: %v", dir, err)
	}
	var out []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}
