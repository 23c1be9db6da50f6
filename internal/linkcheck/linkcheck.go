// Package linkcheck checks a built site: every internal link and #anchor
// in every page must resolve, and every page must be well-formed HTML.
//
// It works on the site as a map of slash-separated paths to bytes, the
// form the build produces in memory (output.Files), so tests can check a
// build without writing it; Dir reads a folder into that form.
//
// What counts as a problem, and why:
//
//   - A page that does not parse cleanly: no <!DOCTYPE html> (quirks
//     mode), no <html lang> or <title>, an element left open or closed out
//     of order, a stray end tag, a block element inside a <p> (the browser
//     silently splits the paragraph), self-closing syntax on a non-void
//     element, duplicate attributes, duplicate or empty ids. x/net/html's
//     parser repairs all of these without complaint, the way a browser
//     does, so the checks run on the tokenizer's stream instead. End tags
//     that HTML lets a page omit (</p>, </li>, </td>, ...) are implied as
//     the HTML parser would, so valid hand-written templates pass.
//   - A relative link whose file is missing, or that climbs above the
//     site root with "..".
//   - A link to a folder ("notes/x/" or "notes/x"), even when
//     notes/x/index.html exists: the site must work opened straight from
//     disk, where a browser shows a folder listing instead of index.html.
//     Sitemap and feed URLs are exempt: only a web server reads those.
//   - A #fragment that names no id (or <a name>) in the target page. "#"
//     and "#top" are always fine: browsers scroll to the top for them.
//   - A root-absolute link ("/static/x.css"): it breaks when the site is
//     published under a sub-path or opened from disk. The one exception is
//     404.html, which a host serves at whatever depth was asked for, so its
//     links must start at the site root, and relative links there are the
//     problem instead.
//   - Protocol-relative ("//host/x"), file: and javascript: URLs.
//   - A sitemap.xml or feed.xml that is not well-formed XML, or whose
//     site-relative URLs name no page.
//   - A url(...) or @import in a stylesheet (or a <style> block) that
//     names a missing file.
//
// Absolute http(s), mailto, tel and data URLs are external: they are
// counted, not fetched. URLs under the site's base URL (Options.BaseURL,
// or else the one the sitemap shows) are checked as internal.
package linkcheck

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"

	"github.com/dossier-dev/dossier/internal/layout"
)

// Problem is one thing wrong with the site.
type Problem struct {
	Path    string // slash-separated path of the file within the site
	Line    int    // 1-based line; 0 when the problem is about the whole file
	Col     int    // 1-based byte column; 0 when only the line is known
	Message string
}

// String formats the problem as path:line:col: message, the form editors
// jump to.
func (p Problem) String() string {
	switch {
	case p.Line == 0:
		return p.Path + ": " + p.Message
	case p.Col == 0:
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Message)
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.Path, p.Line, p.Col, p.Message)
}

// Options tune a check.
type Options struct {
	// BaseURL is the absolute URL the site is published at, e.g.
	// "https://example.org/dossier/". Absolute URLs under it are checked
	// as internal. When empty, it is taken from sitemap.xml if every
	// absolute URL there shares the home page's prefix.
	BaseURL string
}

// Report is the outcome of a check.
type Report struct {
	Problems []Problem // sorted by path, line, column, message
	Pages    int       // HTML files checked
	Links    int       // internal links, sources and references checked
	External int       // absolute URLs (http, mailto, data, ...) skipped
}

// Files checks the site files with default options and returns its
// problems. A path present with nil content counts as an existing file
// whose content is not checked.
func Files(files map[string][]byte) []Problem {
	return Check(files, Options{}).Problems
}

// Dir checks the site in the folder dir with default options.
func Dir(dir string) ([]Problem, error) {
	files, err := ReadDir(dir)
	if err != nil {
		return nil, err
	}
	return Files(files), nil
}

// ReadDir reads the site in dir in the form Check takes. Only the files
// whose content is checked (HTML, XML, CSS) are read; every other file is
// present with nil content, since only its existence matters.
func ReadDir(dir string) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !checked(rel) {
			files[rel] = nil
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[rel] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("linkcheck: %w", err)
	}
	return files, nil
}

// checked reports whether the content of the file at site path p is
// checked, rather than only its existence.
func checked(p string) bool {
	return isHTML(p) || isCSS(p) || path.Ext(p) == ".xml"
}

func isHTML(p string) bool {
	ext := path.Ext(p)
	return ext == ".html" || ext == ".htm"
}

func isCSS(p string) bool { return path.Ext(p) == ".css" }

// Check checks every file of the site.
func Check(files map[string][]byte, opts Options) *Report {
	c := &checker{files: files, pages: map[string]*page{}, base: opts.BaseURL, report: &Report{}}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)

	// Scan every file before checking any reference: a link is checked
	// against the anchors of the page it points to, and the sitemap may
	// tell the base URL that absolute links are checked against.
	for _, p := range paths {
		if isHTML(p) && files[p] != nil {
			c.pages[p] = c.scanPage(p, files[p])
			c.report.Pages++
		}
	}
	var refs []ref
	if data := files[layout.Sitemap]; data != nil {
		refs = append(refs, c.scanXML(layout.Sitemap, data)...)
	}
	if c.base == "" {
		c.base = inferBase(refs)
	}
	for _, p := range paths {
		switch {
		case p == layout.Sitemap || files[p] == nil:
		case path.Ext(p) == ".xml":
			refs = append(refs, c.scanXML(p, files[p])...)
		case isCSS(p):
			refs = append(refs, scanCSS(p, files[p], 1, 1)...)
		}
	}
	for _, p := range paths {
		if pg := c.pages[p]; pg != nil {
			refs = append(refs, pg.refs...)
		}
	}
	for _, r := range refs {
		c.checkRef(r)
	}

	slices.SortFunc(c.report.Problems, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return c.report
}

// checker holds what one Check run knows.
type checker struct {
	files  map[string][]byte
	pages  map[string]*page // HTML pages by path
	base   string           // the site's absolute URL, if known
	report *Report
}

func (c *checker) add(p string, line, col int, format string, args ...any) {
	c.report.Problems = append(c.report.Problems, Problem{Path: p, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}
