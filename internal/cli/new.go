package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/slug"
)

func runNew(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("new", stderr)
	content := fs.String("content", "content", "the content folder")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 2 || rest[0] != "note" {
		return usageError(stderr, fs, `want: new note "Title of the note"`)
	}
	title := strings.TrimSpace(rest[1])
	name := slug.Make(title, maxNoteSlug)
	if name == "" {
		return usageError(stderr, fs, "the title %q has no Latin or Cyrillic letters or digits to make a file name from", rest[1])
	}
	path := filepath.Join(*content, load.NotesDir, name+".md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s already exists; not overwriting it", path)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, noteTemplate, yamlString(title), time.Now().Format("2006-01-02"))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, path)
	return nil
}

const noteTemplate = `---
title: %s
date: %s
author: ""
themes: []
confidence: moderate
summary: ""
---

<!-- Cite every claim with words quoted from one passage of a source:
     [[source-key#"words quoted from one passage"]] or [[source-key#"words"|label]].
     Link notes, themes and entities with [[slug]]. -->

**Bottom line:**

## What the sources say

## Assessment

`

// maxNoteSlug bounds a new note's slug, in bytes: file systems refuse
// names over 255, and a file name is easier to read and link to short.
const maxNoteSlug = 80

func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
