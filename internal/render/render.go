// Package render is the render stage: from the resolved index it makes
// every page of the site (HTML from the templates, the sitemap, the
// original texts and the fingerprinted static files) in memory, in
// parallel. It writes nothing; package output does.
package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/confine"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/memo"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/smartquote"
	"github.com/dossier-dev/dossier/internal/tmplexec"
	"github.com/dossier-dev/dossier/templates"
)

// pageTemplates are the page templates; each is parsed together with
// base.html, which lays out every page.
var pageTemplates = []string{"index.html", "theme.html", "source.html", "note.html", "entity.html", "timeline.html", "list.html", "search.html", "print.html", "changes.html", "graph.html", "evidence.html", "404.html"}

// useTmplexec is off only in the test that checks tmplexec's pages
// against html/template's.
var useTmplexec = true

// Renderer turns a resolved index into site files.
type Renderer struct {
	md           *markdown.Markdown
	templatesDir string
	pages        map[string]*template.Template
	// programs are the page templates compiled by tmplexec, where it
	// runs them: the same pages, several times faster. slow says why
	// each other page template runs on html/template.
	programs map[string]*tmplexec.Program
	slow     map[string]error
	assets   *assets
	memo     *memo.Memo
	// versions identifies, per page template, the template files and
	// asset names a page's bytes depend on besides its data, so that a
	// template edit re-renders the pages that use it and no others.
	versions map[string]string
}

// Stats counts what a Site rendered anew.
type Stats struct {
	Pages, Documents int
}

// Options configure a Renderer.
type Options struct {
	Templates, Static fs.FS
	// TemplatesDir and StaticDir name the folders in diagnostics.
	TemplatesDir, StaticDir string
	// Fingerprint names static files by their content hash.
	Fingerprint bool
	// Memo carries rendered pages over from an earlier Renderer and on
	// to a later one; nil renders everything and remembers nothing.
	Memo *memo.Memo
	// HTMLTemplate runs every page template on html/template, not
	// tmplexec: slower, for a template tmplexec gets wrong.
	HTMLTemplate bool
}

// New parses the templates and loads the static files. A file that
// cannot be read, such as a symlink out of its folder, is a diagnostic.
func New(md *markdown.Markdown, opts Options) (*Renderer, site.Diagnostics) {
	templatesDir, memo := opts.TemplatesDir, opts.Memo
	a, diags := loadAssets(opts.Static, opts.StaticDir, map[string][]byte{"code.css": md.CodeCSS()}, opts.Fingerprint)
	sources, tdiags := readTemplates(opts.Templates, templatesDir)
	if diags = append(diags, tdiags...); len(diags) > 0 {
		return nil, diags
	}
	r := &Renderer{md: md, templatesDir: templatesDir, pages: map[string]*template.Template{}, programs: map[string]*tmplexec.Program{}, slow: map[string]error{}, assets: a, memo: memo}
	assetNames := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(a.names)) {
		fmt.Fprintf(assetNames, "%s %s\n", name, a.names[name])
	}
	r.versions = map[string]string{}
	for _, name := range pageTemplates {
		v := sha256.New()
		v.Write(assetNames.Sum(nil))
		for _, file := range templateFiles(name) {
			fmt.Fprintf(v, "%s %d\n%s", file, len(sources[file]), sources[file])
		}
		r.versions[name] = hex.EncodeToString(v.Sum(nil))
	}
	funcs := r.funcs()
	for _, name := range pageTemplates {
		t, err := parseTemplate(name, funcs, sources)
		if err != nil {
			diags = append(diags, templateDiagnostic(templatesDir, name, err))
			continue
		}
		r.pages[name] = t
		// A template tmplexec does not run, or that html/template
		// cannot escape, is executed by html/template, which reports
		// the escaping error on the pages that use it. The choice is
		// per page template, with base.html and partials.html in it.
		if !useTmplexec || opts.HTMLTemplate {
			continue
		}
		var escapeErr *template.Error
		switch p, err := tmplexec.Compile(t, "base.html", funcs); {
		case err == nil && ownTemplate(name, sources):
			r.programs[name] = p.Checked()
		case err == nil:
			r.programs[name] = p
		case !errors.As(err, &escapeErr):
			r.slow[name] = err
		}
	}
	return r, diags
}

// ownTemplate reports whether a file of the page template name is the
// site's own rather than built in. tmplexec runs the built-in templates
// as html/template does, as the tests show; it checks the site's own
// against html/template on their first page.
func ownTemplate(name string, sources map[string]string) bool {
	for _, file := range templateFiles(name) {
		if builtin, err := fs.ReadFile(templates.FS, file); err != nil || string(builtin) != sources[file] {
			return true
		}
	}
	return false
}

// templateFiles are the files the page template name is parsed from.
func templateFiles(name string) []string { return []string{"base.html", "partials.html", name} }

// readTemplates reads every template file once, so that the versions and
// the parsed templates come from the same bytes. A file that cannot be
// read is a diagnostic at the file, or at the link that stopped it.
func readTemplates(templates fs.FS, dir string) (map[string]string, site.Diagnostics) {
	sources := map[string]string{}
	var diags site.Diagnostics
	for _, name := range pageTemplates {
		for _, file := range templateFiles(name) {
			if _, done := sources[file]; done {
				continue
			}
			data, err := fs.ReadFile(templates, file)
			if err != nil {
				diags = append(diags, fileDiagnostic(dir, file, err))
			}
			sources[file] = string(data)
		}
	}
	return sources, diags
}

// parseTemplate parses the page template name from sources, as
// template.ParseFS would from the files: each file is a template named
// after it.
func parseTemplate(name string, funcs template.FuncMap, sources map[string]string) (*template.Template, error) {
	t := template.New(name).Funcs(funcs)
	for _, file := range templateFiles(name) {
		tmpl := t
		if file != name {
			tmpl = t.New(file)
		}
		if _, err := tmpl.Parse(sources[file]); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// fileDiagnostic reports a file of the folder dir that could not be
// read: a symlink that was not followed at the link, with what it says,
// and anything else at the file.
func fileDiagnostic(dir, name string, err error) site.Diagnostic {
	var link *confine.Error
	if errors.As(err, &link) {
		return site.Diagnostic{Pos: site.Pos{Path: path.Join(dir, link.Link), Line: 1, Col: 1}, Message: link.Error()}
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return site.Diagnostic{Pos: site.Pos{Path: path.Join(dir, name), Line: 1, Col: 1}, Message: fmt.Sprintf("cannot read: %v", err)}
}

// SlowTemplates says, for each page template html/template runs rather
// than tmplexec, why: what in it, base.html or partials.html tmplexec
// does not run, or how tmplexec differed on the first page of a site's
// own template. The pages are the same, only slower to make.
func (r *Renderer) SlowTemplates() map[string]error {
	slow := maps.Clone(r.slow)
	for name, p := range r.programs {
		if err := p.Diverged(); err != nil {
			slow[name] = err
		}
	}
	return slow
}

// executeTemplate runs the page template name on pg. A failing template
// is a diagnostic at the template.
func (r *Renderer) executeTemplate(w io.Writer, name string, pg *page) error {
	t, p := r.pages[name], r.programs[name]
	if p == nil {
		if err := t.ExecuteTemplate(w, "base.html", pg); err != nil {
			return templateDiagnostic(r.templatesDir, name, err)
		}
		return nil
	}
	err := p.Execute(w, pg)
	var writeErr *tmplexec.WriteError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &writeErr):
		return writeErr.Err
	}
	// tmplexec's errors do not say where in the template they are;
	// html/template's do.
	if stdErr := t.ExecuteTemplate(io.Discard, "base.html", pg); stdErr != nil {
		return templateDiagnostic(r.templatesDir, name, stdErr)
	}
	return fmt.Errorf("%s: tmplexec failed where html/template did not: %w", name, err)
}

var templateError = regexp.MustCompile(`^template: (?:[^:]+: )?([^:]+):(\d+):(?:(\d+):)? (.*)$`)

// templateDiagnostic positions a template error in its file.
func templateDiagnostic(dir, name string, err error) site.Diagnostic {
	msg := err.Error()
	pos := site.Pos{Path: path.Join(dir, name)}
	if m := templateError.FindStringSubmatch(msg); m != nil {
		pos.Path = path.Join(dir, m[1])
		pos.Line, _ = strconv.Atoi(m[2])
		pos.Col, _ = strconv.Atoi(m[3])
		msg = m[4]
	}
	// html/template does not always say where: the diagnostic still
	// points at the file, so that every one reads path:line:col.
	pos.Line, pos.Col = max(pos.Line, 1), max(pos.Col, 1)
	return site.Diagnostic{Pos: pos, Message: "template: " + msg}
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":  r.assets.path,
		"join":   strings.Join,
		"dict":   dict,
		"lower":  strings.ToLower,
		"plural": plural,
		// brief is the path of a theme's printable brief, from its slug.
		"brief":       layout.Brief,
		"smartquotes": smartquote.Curl,
		"nbhyphens":   nbHyphens,
	}
}

// nbHyphens makes the hyphen of a range of numbers (2012-2022) a
// non-breaking one, so a line never ends inside the range.
func nbHyphens(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '-' && i > 0 && i+1 < len(s) && isDigit(s[i-1]) && isDigit(s[i+1]) {
			b.WriteString("\u2011")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// dict builds a map from alternating keys and values, so templates can
// pass several values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// plural is n and the noun for it: "1 note", "2 notes".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
