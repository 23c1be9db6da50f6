// Package render is the render stage: from the resolved index it makes
// every page of the site (HTML from the templates, the sitemap, the
// original texts and the fingerprinted static files) in memory, in
// parallel. It writes nothing; package output does.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// pageTemplates are the page templates; each is parsed together with
// base.html, which lays out every page.
var pageTemplates = []string{"index.html", "theme.html", "source.html", "note.html", "entity.html", "timeline.html", "list.html", "404.html"}

// Renderer turns a resolved index into site files.
type Renderer struct {
	md           *markdown.Markdown
	templatesDir string
	pages        map[string]*template.Template
	assets       *assets
}

// New parses the templates and fingerprints the static files.
// templatesDir names the templates folder in diagnostics.
func New(templates, static fs.FS, templatesDir string, md *markdown.Markdown) (*Renderer, site.Diagnostics, error) {
	a, err := loadAssets(static, map[string][]byte{"code.css": md.CodeCSS()})
	if err != nil {
		return nil, nil, err
	}
	r := &Renderer{md: md, templatesDir: templatesDir, pages: map[string]*template.Template{}, assets: a}
	var diags site.Diagnostics
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

// Site renders every file of the site.
func (r *Renderer) Site(idx *resolve.Index) (output.Files, site.Diagnostics, error) {
	b := newBuilder(r, idx)
	if err := b.renderMarkdown(); err != nil {
		return nil, nil, err
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

	results := make([][]byte, len(jobs))
	errs := make([]error, len(jobs))
	parallel.For(len(jobs), func(i int) {
		var buf bytes.Buffer
		errs[i] = r.pages[jobs[i].template].ExecuteTemplate(&buf, "base.html", jobs[i].page)
		results[i] = buf.Bytes()
	})

	var diags site.Diagnostics
	for i, j := range jobs {
		if errs[i] != nil {
			diags = append(diags, templateDiagnostic(r.templatesDir, j.template, errs[i]))
			continue
		}
		files[j.page.Path] = results[i]
	}
	return files, diags, nil
}

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
