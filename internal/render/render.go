// Package render is the render stage: from the resolved index it makes
// every page of the site (HTML from the templates, the sitemap, the
// original texts and the fingerprinted static files) in memory, in
// parallel. It writes nothing; package output does.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// pageTemplates are the page templates; each is parsed together with
// base.html, which lays out every page.
var pageTemplates = []string{"index.html", "theme.html", "source.html", "note.html", "entity.html", "timeline.html", "list.html", "search.html", "print.html", "404.html"}

// Renderer turns a resolved index into site files.
type Renderer struct {
	md           *markdown.Markdown
	templatesDir string
	pages        map[string]*template.Template
	assets       *assets
	memo         *Memo
	// versions identifies, per page template, the template files and
	// asset names a page's bytes depend on besides its data, so that a
	// template edit re-renders the pages that use it and no others.
	versions map[string]string
	// rendered counts the pages and documents the last Site call
	// actually rendered, rather than took from the memo.
	rendered Stats
}

// Stats counts what one Site call rendered anew.
type Stats struct {
	Pages, Documents int
}

// Options configure a Renderer.
type Options struct {
	Templates, Static fs.FS
	// TemplatesDir names the templates folder in diagnostics.
	TemplatesDir string
	// Fingerprint names static files by their content hash.
	Fingerprint bool
	// Memo carries rendered pages over from an earlier Renderer and on
	// to a later one; nil renders everything and remembers nothing.
	Memo *Memo
}

// New parses the templates and loads the static files.
func New(md *markdown.Markdown, opts Options) (*Renderer, site.Diagnostics, error) {
	templates, templatesDir, memo := opts.Templates, opts.TemplatesDir, opts.Memo
	a, err := loadAssets(opts.Static, map[string][]byte{"code.css": md.CodeCSS()}, opts.Fingerprint)
	if err != nil {
		return nil, nil, err
	}
	r := &Renderer{md: md, templatesDir: templatesDir, pages: map[string]*template.Template{}, assets: a, memo: memo}
	var diags site.Diagnostics
	assetNames := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(a.names)) {
		fmt.Fprintf(assetNames, "%s %s\n", name, a.names[name])
	}
	r.versions = map[string]string{}
	for _, name := range pageTemplates {
		v := sha256.New()
		v.Write(assetNames.Sum(nil))
		for _, file := range []string{"base.html", "partials.html", name} {
			data, _ := fs.ReadFile(templates, file)
			fmt.Fprintf(v, "%s %d\n%s", file, len(data), data)
		}
		r.versions[name] = hex.EncodeToString(v.Sum(nil))
	}
	for _, name := range pageTemplates {
		t, err := template.New(name).Funcs(r.funcs()).ParseFS(templates, "base.html", "partials.html", name)
		if err != nil {
			diags = append(diags, templateDiagnostic(templatesDir, name, err))
			continue
		}
		r.pages[name] = t
	}
	return r, diags, nil
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
	return site.Diagnostic{Pos: pos, Message: "template: " + msg}
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset": r.assets.path,
		"join":  strings.Join,
		"dict":  dict,
		"lower": strings.ToLower,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return fmt.Sprintf("%d %s", n, one)
			}
			return fmt.Sprintf("%d %s", n, many)
		},
	}
}

// Site renders every file of the site into memory.
func (r *Renderer) Site(idx *resolve.Index) (output.Files, site.Diagnostics, error) {
	files := output.Files{}
	var mu sync.Mutex
	diags, err := r.SiteTo(idx, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		files[p] = data
		return nil
	})
	return files, diags, err
}

// SiteTo renders every file of the site and hands each to put as soon as
// it is made, from many goroutines at once, so that a large site need not
// be held in memory.
func (r *Renderer) SiteTo(idx *resolve.Index, put func(path string, data []byte) error) (site.Diagnostics, error) {
	b := newBuilder(r, idx)
	if err := b.renderMarkdown(); err != nil {
		return nil, err
	}
	jobs := b.pages()
	files := output.Files{}
	for p, data := range r.assets.files {
		files[p] = data
	}
	for _, s := range idx.Content.Sources {
		files["sources/"+s.Slug+"/original.txt"] = []byte(s.Body)
	}
	files["sitemap.xml"] = sitemap(idx.Content.Config.BaseURL, jobs)
	files["robots.txt"] = robots(idx.Content.Config.BaseURL)
	atom, err := feed(idx)
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	files["feed.xml"] = atom
	addSearchIndex(files, jobs)

	errs := make([]error, len(jobs))
	putErrs := make([]error, len(jobs))
	fresh := make([]bool, len(jobs))
	parallel.For(len(jobs), func(i int) {
		var html []byte
		html, fresh[i], errs[i] = r.page(jobs[i])
		if errs[i] == nil {
			putErrs[i] = put(jobs[i].page.Path, html)
		}
	})
	if r.memo != nil {
		r.memo.sweep()
	}
	r.rendered.Pages = 0
	for _, f := range fresh {
		if f {
			r.rendered.Pages++
		}
	}

	if err := errors.Join(putErrs...); err != nil {
		return nil, err
	}
	var diags site.Diagnostics
	for i, j := range jobs {
		if errs[i] != nil {
			diags = append(diags, templateDiagnostic(r.templatesDir, j.template, errs[i]))
		}
	}
	for p, data := range files {
		if err := put(p, data); err != nil {
			return nil, err
		}
	}
	return diags, nil
}

// page renders one page, or takes it from the memo when its template and
// data are those of the last build.
func (r *Renderer) page(j job) (html []byte, fresh bool, err error) {
	var key uint64
	if r.memo != nil {
		if key, err = r.memo.key(r.versions[j.template], j.page); err != nil {
			return nil, false, err
		}
		if html, ok := r.memo.get(j.page.Path, key); ok {
			return html, false, nil
		}
	}
	var buf bytes.Buffer
	if err := r.pages[j.template].ExecuteTemplate(&buf, "base.html", j.page); err != nil {
		return nil, false, err
	}
	// The buffer grew by doubling; keep the page without the slack.
	html = bytes.Clone(buf.Bytes())
	if r.memo != nil {
		r.memo.put(j.page.Path, key, html)
	}
	return html, true, nil
}

// Rendered says how many pages and Markdown documents the last Site call
// rendered anew; the rest came unchanged from the build before.
func (r *Renderer) Rendered() Stats { return r.rendered }

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
