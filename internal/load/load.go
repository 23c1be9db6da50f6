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
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/dossier-dev/dossier/internal/confine"
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

// ValidSlug reports whether s is a slug: lowercase letters, digits and
// single hyphens between them.
func ValidSlug(s string) bool {
	// By hand rather than with a regular expression: every load checks
	// every file name, and for 10,000 names the expression takes 2.6 ms,
	// half of a cached load; this loop takes 0.2 ms.
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if c == '-' && s[i-1] == '-' || (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// Load reads the content folder fsys. root is the folder's name as the
// user wrote it; it prefixes every path in diagnostics so that they point
// at real files. A missing folder or unreadable file is a diagnostic too.
func Load(fsys fs.FS, root string) (*site.Content, site.Diagnostics) {
	return load(fsys, root, nil)
}

// load is Load, taking what it can from c when c is not nil.
func load(fsys fs.FS, root string, c *Cache) (*site.Content, site.Diagnostics) {
	slugs := 0 // how many files to expect, when a cache knows
	if c != nil {
		slugs = len(c.entries)
	}
	l := &loader{fsys: fsys, root: root, cache: c, slugs: make(map[string]string, slugs)}
	content := &site.Content{Root: root}
	if _, err := fs.Stat(fsys, "."); err != nil {
		l.diags.Add(site.FileStart(root), "no content folder here: %v", unwrapPathError(err))
		return content, l.diags
	}
	content.Config = defaultConfig
	if _, err := fs.Stat(fsys, ConfigFile); errors.Is(err, fs.ErrNotExist) {
		// Without it this is not a dossier, perhaps not even the folder
		// meant: building it would swap an empty site over a good one.
		l.diags.Add(site.FileStart(l.display(ConfigFile)), "missing: a content folder holds a %s (dossier init starts a dossier with one)", ConfigFile)
	}
	if cfg, ok := topFile(l, ConfigFile, (*loader).loadConfig); ok {
		content.Config = cfg.Config
		l.configThemes = cfg.themes
		if cfg.PreviousEdition != "" {
			content.Previous, content.PreviousPos = l.loadPrevious(cfg.PreviousEdition, cfg.previous), cfg.previous
		}
	}
	if s, ok := topFile(l, SummaryFile, (*loader).loadSummary); ok {
		content.Summary, content.SummaryTitle = s.Doc, s.title
	}
	content.Sources = eachFile(l, SourcesDir, []string{".txt", ".md"}, (*loader).loadSource)
	content.Notes = eachFile(l, NotesDir, []string{".md"}, (*loader).loadNote)
	content.Themes = eachFile(l, ThemesDir, []string{".md"}, (*loader).loadTheme)
	content.Entities = eachFile(l, EntitiesDir, []string{".md"}, (*loader).loadEntity)
	content.Timeline, _ = topFile(l, TimelineFile, (*loader).loadTimeline)
	l.checkThemeOrder(content)
	return content, l.diags
}

// loadPrevious reads the earlier edition's edition.json that
// previous_edition, written at pos, names. Its JSON is decoded by
// internal/edition, which knows the format.
func (l *loader) loadPrevious(rel string, pos site.Pos) *site.Doc {
	doc, ok := topFile(l, rel, func(_ *loader, f file) (site.Doc, bool) {
		return site.Doc{Path: f.path, Body: f.data, BodyLine: 1}, true
	})
	if !ok {
		if _, err := fs.Stat(l.fsys, rel); errors.Is(err, fs.ErrNotExist) {
			l.diags.Add(pos, "previous_edition %q: no such file in the content folder (copy the earlier edition's edition.json there)", rel)
		}
		return nil
	}
	return &doc
}

type loader struct {
	fsys  fs.FS
	root  string
	cache *Cache // nil for a one-shot Load
	diags site.Diagnostics
	// slugs maps each slug to the file that claimed it first (its rel).
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
	info fs.FileInfo // the file's stat when it was read
}

// readError reports a file or folder at path that could not be read. A
// symlink the content folder does not follow is reported at the link,
// in the words of the error, which name where it points.
func (l *loader) readError(path, what string, err error) {
	var link *confine.Error
	if errors.As(err, &link) {
		l.diags.Add(site.FileStart(l.display(link.Link)), "%v", link)
		return
	}
	l.diags.Add(site.FileStart(path), "%s: %v", what, unwrapPathError(err))
}

// Text is a file's text as every stage reads it and every line number
// counts it. Some editors start UTF-8 with a byte-order mark: it is not
// text, and front matter must still be the first thing in the file.
// Lines end in LF, CRLF or, from old Mac editors, CR alone; line numbers
// count them all, as editors do, and the result ends lines with LF.
func Text(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	return s
}

func (l *loader) display(rel string) string {
	return filepath.ToSlash(filepath.Join(l.root, filepath.FromSlash(rel)))
}

// read reads f's data; ok is false when it is missing (silently, if
// optional) or unusable (with a diagnostic).
func (l *loader) read(f file, optional bool) (file, bool) {
	data, info, err := readFileInfo(l.fsys, f.rel)
	f.info = info
	if err != nil {
		if !(optional && errors.Is(err, fs.ErrNotExist)) {
			l.readError(f.path, "cannot read", err)
		}
		return f, false
	}
	// Nothing writes data again, so the string can share its bytes
	// rather than copy every file once more.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	text = Text(text)
	if strings.HasPrefix(text, "\xFF\xFE") || strings.HasPrefix(text, "\xFE\xFF") {
		l.diags.Add(site.FileStart(f.path), "file is UTF-16, not UTF-8: save it as UTF-8")
		return f, false
	}
	if !utf8.ValidString(text) {
		line, col := invalidUTF8At(text)
		l.diags.Add(site.Pos{Path: f.path, Line: line, Col: col}, "file is not valid UTF-8")
		return f, false
	}
	f.data = text
	return f, true
}

// readFileInfo reads the file at name and the stat it had before: at
// once where fsys can (confine.Folder), or by a stat and then a read.
func readFileInfo(fsys fs.FS, name string) ([]byte, fs.FileInfo, error) {
	if f, ok := fsys.(interface {
		ReadFileInfo(string) ([]byte, fs.FileInfo, error)
	}); ok {
		return f.ReadFileInfo(name)
	}
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return nil, nil, err
	}
	data, err := fs.ReadFile(fsys, name)
	return data, info, err
}

// loaded is what loading one file gave: its document, if it has a usable
// one, and its diagnostics.
type loaded[T any] struct {
	doc   T
	ok    bool
	diags site.Diagnostics
	// data is the file's text, to tell when reading it again gave the
	// same.
	data string
}

// loadFiles loads files in parallel and returns what each gave, in
// order. With a cache, it reads only the files that the cache cannot
// vouch for.
func loadFiles[T any](l *loader, files []file, optional bool, load func(*loader, file) (T, bool)) []*loaded[T] {
	results := make([]*loaded[T], len(files))
	entries := make([]*entry, len(files))
	// Entries that Forget vouches for are taken here: handing them to
	// workers would cost more than taking them.
	todo := make([]int, 0, len(files))
	for i, f := range files {
		if l.cache != nil {
			if e := l.cache.trusted(f.rel); e != nil {
				results[i], entries[i] = e.loaded.(*loaded[T]), e
				continue
			}
		}
		todo = append(todo, i)
	}
	parallel.For(len(todo), func(j int) {
		i := todo[j]
		if l.cache == nil {
			results[i], _ = loadFile(l, files[i], optional, load)
			return
		}
		e := l.cache.lookup(l.fsys, files[i].rel)
		if e == nil {
			r, info := loadFile(l, files[i], optional, load)
			// A file read again for the same text (it was touched, or
			// saved unchanged, or was too fresh to trust) keeps what it
			// gave before: later stages then find the same strings and
			// compare them by pointer, not byte by byte.
			if old := l.cache.entries[files[i].rel]; old != nil {
				if prev := old.loaded.(*loaded[T]); prev.data == r.data && prev.data != "" {
					r = prev
				}
			}
			e = l.cache.entry(info, r)
		}
		results[i], entries[i] = e.loaded.(*loaded[T]), e
	})
	if l.cache != nil {
		for i, f := range files {
			l.cache.keep(f.rel, entries[i])
		}
	}
	return results
}

// loadFile reads and loads f with a loader of its own, so that files can
// be loaded in parallel. info is the file's stat before it was read, nil
// if it could not be opened.
func loadFile[T any](l *loader, f file, optional bool, load func(*loader, file) (T, bool)) (r *loaded[T], info fs.FileInfo) {
	own := &loader{fsys: l.fsys, root: l.root}
	r = &loaded[T]{}
	f.path = l.display(f.rel)
	f, ok := own.read(f, optional)
	if ok {
		r.doc, r.ok = load(own, f)
		r.data = f.data
	}
	r.diags = own.diags
	return r, f.info
}

// topFile loads one of the files at the top of the content folder, if
// it is there.
func topFile[T any](l *loader, rel string, load func(*loader, file) (T, bool)) (T, bool) {
	r := loadFiles(l, []file{{rel: rel}}, true, load)[0]
	l.diags = append(l.diags, r.diags...)
	return r.doc, r.ok
}

// eachFile loads every file with one of exts in dir, in name order, after
// checking that its name is a slug no other file has taken, and gathers
// their documents and diagnostics in name order.
func eachFile[T any](l *loader, dir string, exts []string, load func(*loader, file) (T, bool)) []*T {
	candidates, badNames, err := l.scanDir(dir, exts)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.readError(l.display(dir), "cannot read folder", err)
		}
		return nil
	}
	for _, name := range badNames {
		l.diags.Add(site.FileStart(l.display(dir+"/"+name)), "bad file name %q: a slug is lowercase letters, digits and single hyphens", name)
	}
	files := make([]file, 0, len(candidates))
	for _, f := range candidates {
		if first, taken := l.slugs[f.slug]; taken {
			l.diags.Add(site.FileStart(l.display(f.rel)), "duplicate slug %q: already used by %s", f.slug, l.display(first))
			continue
		}
		l.slugs[f.slug] = f.rel
		files = append(files, f)
	}
	results := loadFiles(l, files, false, load)
	// Copies of their own for each load, since later stages set fields
	// on documents and a cache's must stay as loaded; made in one
	// allocation, which never moves: it has room for them all.
	docs := make([]T, 0, len(results))
	var out []*T
	for _, r := range results {
		l.diags = append(l.diags, r.diags...)
		if r.ok {
			docs = append(docs, r.doc)
			out = append(out, &docs[len(docs)-1])
		}
	}
	return out
}

// scanDir lists the files in dir with one of exts, in name order, and
// the names among them that are not slugs. The cache keeps the scan of a
// folder whose listing no edit has touched.
func (l *loader) scanDir(dir string, exts []string) ([]file, []string, error) {
	if l.cache == nil {
		entries, err := fs.ReadDir(l.fsys, dir)
		if err != nil {
			return nil, nil, err
		}
		files, bad := scan(dir, exts, entries)
		return files, bad, nil
	}
	return l.cache.scanDir(l.fsys, dir, exts)
}

// scan picks the files with one of exts out of a folder's entries, and
// the names among them that are not slugs.
func scan(dir string, exts []string, entries []fs.DirEntry) (files []file, badNames []string) {
	files = make([]file, 0, len(entries))
	for _, e := range entries {
		name := e.Name()
		ext := path.Ext(name)
		if e.IsDir() || strings.HasPrefix(name, ".") || !slices.Contains(exts, ext) {
			continue
		}
		// The path shown to the user is made only when needed: for
		// 10,000 files it takes 2 ms, a good part of a cached load.
		f := file{rel: dir + "/" + name, slug: strings.TrimSuffix(name, ext)}
		if !ValidSlug(f.slug) {
			badNames = append(badNames, name)
			continue
		}
		files = append(files, f)
	}
	return files, badNames
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
func invalidUTF8At(data string) (line, col int) {
	line, col = 1, 1
	for len(data) > 0 {
		r, size := utf8.DecodeRuneInString(data)
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
