package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/extract"
	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/passage"
	"github.com/dossier-dev/dossier/internal/site"
)

// runAdd brings documents into the dossier as sources: the extracted
// text with front matter filled from the document, and the original
// beside it.
func runAdd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("add", stderr)
	content := fs.String("content", "content", "the content folder")
	key := fs.String("key", "", "the source's key (with one FILE); suggested from the author and year when omitted")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(files) == 0:
		return usageError(stderr, fs, "want: add FILE... (a PDF, a saved web page, Markdown or text)")
	case *key != "" && len(files) > 1:
		return usageError(stderr, fs, "--key names one source; got %d files", len(files))
	case *key != "" && !load.ValidSlug(*key):
		return usageError(stderr, fs, "--key %q is not a slug: lowercase letters, digits and single hyphens", *key)
	}
	if _, err := os.Stat(filepath.Join(*content, load.ConfigFile)); err != nil {
		fmt.Fprintf(stderr, "%s: %s has no %s; run dossier init to start a dossier, or pass --content\n", fs.Name(), *content, load.ConfigFile)
		return errUsage
	}
	taken, err := slugsIn(*content)
	if err != nil {
		return err
	}
	if *key != "" && taken[*key] {
		fmt.Fprintf(stderr, "%s: the key %q is taken; choose another\n", fs.Name(), *key)
		return errUsage
	}
	for _, file := range files {
		added, err := addSource(*content, file, *key, taken)
		if err != nil {
			return fmt.Errorf("add %s: %w", file, err)
		}
		taken[added.key] = true
		added.report(stdout)
	}
	return nil
}

// slugsIn lists the slugs a content folder's documents use, which a new
// source's key must not take.
func slugsIn(content string) (map[string]bool, error) {
	taken := map[string]bool{}
	for _, dir := range []string{load.SourcesDir, load.NotesDir, load.ThemesDir, load.EntitiesDir} {
		entries, err := os.ReadDir(filepath.Join(content, dir))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			taken[strings.TrimSuffix(name, filepath.Ext(name))] = true
		}
	}
	return taken, nil
}

// added is a source add wrote.
type added struct {
	key, from, text, original string
	source                    *extract.Source
	cleaned                   site.Normalised
}

// addSource reads file and writes it into content/sources under key, or
// a key suggested from the document. It never overwrites a file: the
// text and the original are created, and if the second cannot be, the
// first is removed again.
func addSource(content, file, key string, taken map[string]bool) (*added, error) {
	s, err := extract.Read(context.Background(), file)
	if err != nil {
		return nil, err
	}
	meta := s.Meta
	stem := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	cite := ""
	if key == "" {
		key, cite = extract.Key(meta, stem, func(k string) bool { return taken[k] })
	} else {
		_, cite = extract.Key(meta, stem, func(string) bool { return false })
	}
	data, err := s.File(key, cite, time.Now())
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(content, load.SourcesDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	a := &added{key: key, from: file, source: s, text: filepath.Join(dir, key+s.TextExt())}
	if err := createFile(a.text, data); err != nil {
		return nil, err
	}
	if s.Original != nil {
		a.original = filepath.Join(dir, key+extract.OriginalExt(s.Format))
		if err := createFile(a.original, s.Original); err != nil {
			os.Remove(a.text)
			return nil, err
		}
	}
	a.cleaned = passage.Normalise(s.Text, s.Rules)
	return a, nil
}

// report says what was added, and how to cite it.
func (a *added) report(w io.Writer) {
	n := a.cleaned
	fmt.Fprintf(w, "added %s from %s (%s): %d passages, %d footnotes, %d lines removed\n",
		a.text, a.from, a.source.Format, len(n.Passages), len(n.Footnotes), len(n.Removed))
	if a.original != "" {
		fmt.Fprintf(w, "  kept the original as %s\n", a.original)
	}
	var unknown []string
	m := a.source.Meta
	for _, f := range []struct{ name, value string }{{"title", m.Title}, {"authors", strings.Join(m.Authors, "")}, {"date", m.Date}, {"publisher", m.Publisher}} {
		if f.value == "" {
			unknown = append(unknown, f.name)
		}
	}
	if len(unknown) > 0 {
		fmt.Fprintf(w, "  the document does not give its %s: the front matter says unknown; fill in what you know\n", strings.Join(unknown, ", "))
	}
	for _, p := range n.Passages {
		if p.Kind != site.Paragraph {
			continue
		}
		words := strings.Fields(p.Text)
		fmt.Fprintf(w, "  cite it as [[%s#\"%s\"]]\n", a.key, strings.Join(words[:min(len(words), 6)], " "))
		break
	}
}
