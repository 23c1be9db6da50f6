package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/load"
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
	slug := Slugify(title)
	if slug == "" {
		return usageError(stderr, fs, "the title %q has no letters or digits to make a file name from", rest[1])
	}
	path := filepath.Join(*content, load.NotesDir, slug+".md")
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

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// Slugify makes a slug from a title: lower case, ASCII letters and digits,
// hyphens between words.
func Slugify(title string) string {
	s := strings.ToLower(title)
	s = strings.NewReplacer("’", "", "'", "", "é", "e", "è", "e", "à", "a", "ü", "u", "ö", "o", "ä", "a", "ñ", "n", "ç", "c").Replace(s)
	return strings.Trim(nonSlug.ReplaceAllString(s, "-"), "-")
}

func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
