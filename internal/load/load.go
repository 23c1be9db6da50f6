// Package load reads a content folder into site.Content: it finds the
// files, checks names and encodings, splits YAML front matter from bodies
// and decodes it. It reports every problem it finds as a positioned
// diagnostic and never stops at the first.
package load

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/site"
)

// The sub-folders of a content folder, one per kind of document.
const (
	SourcesDir  = "sources"
	NotesDir    = "notes"
	ThemesDir   = "themes"
	EntitiesDir = "entities"
)

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a slug: lowercase letters, digits and
// single hyphens between them.
func ValidSlug(s string) bool { return slugPattern.MatchString(s) }

// Load reads the content folder fsys. root is the folder's name as the
// user wrote it; it prefixes every path in diagnostics so that they point
// at real files. A missing folder or unreadable file is a diagnostic too.
func Load(fsys fs.FS, root string) (*site.Content, site.Diagnostics) {
	l := &loader{fsys: fsys, root: root, slugs: map[string]string{}}
	c := &site.Content{Root: root}
	if _, err := fs.Stat(fsys, "."); err != nil {
		l.diags.Add(site.Pos{Path: root}, "no content folder here: %v", unwrapPathError(err))
		return c, l.diags
	}
	l.loadConfig(c)
	l.loadSummary(c)
	c.Sources = eachFile(l, SourcesDir, []string{".txt", ".md"}, (*loader).loadSource)
	c.Notes = eachFile(l, NotesDir, []string{".md"}, (*loader).loadNote)
	c.Themes = eachFile(l, ThemesDir, []string{".md"}, (*loader).loadTheme)
	c.Entities = eachFile(l, EntitiesDir, []string{".md"}, (*loader).loadEntity)
	l.loadTimeline(c)
	l.checkThemeOrder(c)
	return c, l.diags
}

type loader struct {
	fsys  fs.FS
	root  string
	diags site.Diagnostics
	// slugs maps each slug to the file that claimed it first.
	slugs map[string]string
	// configThemes is the theme order of dossier.yaml, with positions.
	configThemes []site.Ref
}

// file is one content file, read and checked to be UTF-8.
type file struct {
	rel  string // path inside the content folder, slash-separated
	path string // path as shown to the user
	slug string
	data string
}

func (l *loader) display(rel string) string {
	return filepath.ToSlash(filepath.Join(l.root, filepath.FromSlash(rel)))
}

// read reads one file; ok is false when it is missing (silently, if
// optional) or unusable (with a diagnostic).
func (l *loader) read(rel string, optional bool) (file, bool) {
	f := file{rel: rel, path: l.display(rel)}
	data, err := fs.ReadFile(l.fsys, rel)
	if err != nil {
		if !(optional && errors.Is(err, fs.ErrNotExist)) {
			l.diags.Add(site.Pos{Path: f.path}, "cannot read: %v", unwrapPathError(err))
		}
		return f, false
	}
	if !utf8.Valid(data) {
		line, col := invalidUTF8At(data)
		l.diags.Add(site.Pos{Path: f.path, Line: line, Col: col}, "file is not valid UTF-8")
		return f, false
	}
	f.data = strings.ReplaceAll(string(data), "\r\n", "\n")
	return f, true
}

// eachFile loads every file with one of exts in dir, in name order, after
// checking that its name is a slug no other file has taken. Files are
// read and decoded in parallel, each by a loader of its own, and their
// documents and diagnostics gathered in name order.
func eachFile[T any](l *loader, dir string, exts []string, load func(*loader, file) (T, bool)) []T {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.diags.Add(site.Pos{Path: l.display(dir)}, "cannot read folder: %v", unwrapPathError(err))
		}
		return nil
	}
	var files []file
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || !slices.Contains(exts, path.Ext(name)) {
			continue
		}
		f := file{rel: path.Join(dir, name), path: l.display(path.Join(dir, name)), slug: strings.TrimSuffix(name, path.Ext(name))}
		if !ValidSlug(f.slug) {
			l.diags.Add(site.Pos{Path: f.path}, "bad file name %q: a slug is lowercase letters, digits and single hyphens", name)
			continue
		}
		if first, taken := l.slugs[f.slug]; taken {
			l.diags.Add(site.Pos{Path: f.path}, "duplicate slug %q: already used by %s", f.slug, first)
			continue
		}
		l.slugs[f.slug] = f.path
		files = append(files, f)
	}
	docs := make([]T, len(files))
	ok := make([]bool, len(files))
	diags := make([]site.Diagnostics, len(files))
	parallel.For(len(files), func(i int) {
		own := &loader{fsys: l.fsys, root: l.root}
		if f, read := own.read(files[i].rel, false); read {
			f.slug = files[i].slug
			docs[i], ok[i] = load(own, f)
		}
		diags[i] = own.diags
	})
	var out []T
	for i := range files {
		l.diags = append(l.diags, diags[i]...)
		if ok[i] {
			out = append(out, docs[i])
		}
	}
	return out
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// invalidUTF8At returns the 1-based line and byte column of the first
// byte that is not valid UTF-8.
func invalidUTF8At(data []byte) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col += size
		}
		data = data[size:]
	}
	return line, col
}
