package render

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dossier-dev/dossier/internal/edition"
	"github.com/dossier-dev/dossier/internal/export"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// Site is one build's site, made on demand. Every file's path is known
// as soon as the index is, but a page is rendered only the first time it
// is asked for, and then kept. `dossier build` asks for every file;
// `dossier serve` asks for the pages a browser opens, so that an edit to
// one note costs the pages on screen rather than every page that lists
// the note (at 10,000 notes the print edition alone is 164 MB).
//
// A Site renders from the index and the parsed documents it was made
// from. The next build of its Builder resolves the unchanged documents'
// ASTs again, in place: pages this Site renders after that show the
// links as that build resolved them. dossier serve keeps a Site past a
// failed build for that reason only, as the last good site, and never
// renders from two Sites at once.
type Site struct {
	r     *Renderer
	b     *builder
	pages map[string]*lazyPage
	order []*lazyPage // in site order, for the sitemap
	files map[string]*lazyFile
	// search is the search page, whose view makes the search index.
	search *lazyPage

	rendered atomic.Int64 // pages rendered anew rather than remembered
}

// lazyPage is a page of the site, rendered on first use.
type lazyPage struct {
	path, template string
	view           func() *page

	viewOnce sync.Once
	page     *page
	once     sync.Once
	done     atomic.Bool // once has run
	html     []byte
	err      error
}

// lazyFile is a file of the site other than a page.
type lazyFile struct {
	make func() ([]byte, error)
	once sync.Once
	data []byte
	err  error
}

func (f *lazyFile) get() ([]byte, error) {
	f.once.Do(func() { f.data, f.err = f.make() })
	return f.data, f.err
}

func ready(data []byte) *lazyFile {
	return &lazyFile{make: func() ([]byte, error) { return data, nil }}
}

// Site returns the site of idx, with nothing rendered yet. previous is
// the earlier edition the content names (previous_edition), or nil; the
// changes page compares this edition with it.
func (r *Renderer) Site(idx *resolve.Index, previous *edition.Edition) *Site {
	b := newBuilder(r, idx)
	b.previous = previous
	specs := b.pages()
	s := &Site{r: r, b: b, pages: make(map[string]*lazyPage, len(specs)), order: make([]*lazyPage, len(specs)), files: map[string]*lazyFile{}}
	pages := make([]lazyPage, len(specs)) // one allocation for all
	for i, sp := range specs {
		lp := &pages[i]
		lp.path, lp.template, lp.view = sp.path, sp.template, sp.view
		s.pages[sp.path] = lp
		s.order[i] = lp
		if sp.template == "search.html" {
			s.search = lp
		}
	}
	for p, data := range r.assets.files {
		s.files[p] = ready(data)
	}
	for _, src := range idx.Content.Sources {
		s.files[layout.OriginalText(src.Slug)] = ready([]byte(src.Body))
		if p := originalDocument(src); p != "" {
			s.files[p] = ready(src.OriginalData)
		}
	}
	s.files[layout.Sitemap] = &lazyFile{make: func() ([]byte, error) { return s.sitemap(), nil }}
	s.files[layout.Robots] = ready(robots(idx.Content.Config.BaseURL))
	s.files[layout.Edition] = &lazyFile{make: func() ([]byte, error) { return b.edition().JSON(), nil }}
	s.files[layout.Feed] = &lazyFile{make: func() ([]byte, error) {
		atom, err := feed(idx)
		if err != nil {
			return nil, fmt.Errorf("feed: %w", err)
		}
		return atom, nil
	}}
	s.files[layout.SourcesCSL] = &lazyFile{make: func() ([]byte, error) {
		data, err := export.CSLJSON(idx.Content.Sources)
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		return data, nil
	}}
	s.files[layout.SourcesBib] = &lazyFile{make: func() ([]byte, error) { return export.BibTeX(idx.Content.Sources), nil }}
	return s
}

// Paths lists every file of the site, sorted.
func (s *Site) Paths() []string {
	paths := append(s.ownPaths(), s.searchIndexPaths()...)
	slices.Sort(paths)
	return paths
}

// ownPaths lists every file of the site but the search index, whose
// names depend on its content: the files that are made by themselves.
func (s *Site) ownPaths() []string {
	return append(slices.Collect(maps.Keys(s.pages)), slices.Collect(maps.Keys(s.files))...)
}

// Has reports whether the site has a file at p.
func (s *Site) Has(p string) bool {
	if s.pages[p] != nil || s.files[p] != nil {
		return true
	}
	return s.isSearchIndex(p)
}

// File returns the file at p, rendering it if this is the first time it
// is asked for. A path the site does not have is fs.ErrNotExist; a
// template that fails on the page is a site.Diagnostic at the template;
// a search index file that To let go (without a memo) is errHandedOn.
func (s *Site) File(p string) ([]byte, error) {
	if lp := s.pages[p]; lp != nil {
		return s.render(lp)
	}
	if f := s.files[p]; f != nil {
		return f.get()
	}
	if s.isSearchIndex(p) {
		if data := s.searchData().files[s.searchRel(p)]; data != nil {
			return data, nil
		}
		return nil, errHandedOn
	}
	return nil, fs.ErrNotExist
}

// errHandedOn is File's error for a search index file that To, with no
// memo, handed to its sink and let go.
var errHandedOn = errors.New("the search index was handed to the sink and not kept")

// Samples lists one page for each template, the last in site order that
// uses it (for the print template, a theme brief rather than the whole
// edition): rendering them checks the templates without rendering the
// site.
func (s *Site) Samples() []string {
	last := map[string]string{}
	for _, lp := range s.order {
		last[lp.template] = lp.path
	}
	return slices.Sorted(maps.Values(last))
}

// Made returns the page at p if it has been rendered already, without
// rendering it: the bytes a browser may have been sent, to compare with
// a later build's.
func (s *Site) Made(p string) ([]byte, bool) {
	lp := s.pages[p]
	if lp == nil || !lp.done.Load() || lp.err != nil {
		return nil, false
	}
	return lp.html, true
}

// SlowTemplates is the renderer's: why some page templates run on
// html/template.
func (s *Site) SlowTemplates() map[string]error { return s.r.SlowTemplates() }

// Assets returns the static files, by site path.
func (s *Site) Assets() output.Files { return s.r.assets.files }

// Rendered says how many pages and Markdown documents this site rendered
// anew so far, rather than took unchanged from an earlier build.
func (s *Site) Rendered() Stats {
	return Stats{Pages: int(s.rendered.Load()), Documents: int(s.b.renderedDocs.Load())}
}

// Sink receives a site's files as they are made, from many goroutines at
// once. output.Stage is one.
type Sink interface {
	Put(path string, data []byte) error
	// Stream makes the file at path by calling write, so that it need
	// not be held in memory whole.
	Stream(path string, write func(io.Writer) error) error
}

// To makes every file of the site, in parallel, and hands each to sink as
// it is made. Pages made here are not kept; without a memo they are
// streamed, so a large site is never held in memory, not even its 150 MB
// print edition, and the search index is let go once written: a one-shot
// site is made once. Pages whose template fails are diagnostics; the
// other files are still made.
func (s *Site) To(sink Sink) (site.Diagnostics, error) {
	// The search index is written with its page: naming it can take
	// building it, which should not hold up everything else.
	paths := slices.Sorted(slices.Values(s.ownPaths()))
	// The largest pages go first, so that no core is left with the print
	// edition (seconds, at 10,000 notes) after the others have finished.
	slices.SortStableFunc(paths, func(a, b string) int { return s.weight(b) - s.weight(a) })
	if s.r.memo == nil {
		s.letTreesGo()
	}
	errs := make([]error, len(paths))
	parallel.ForWriting(len(paths), func(i int) {
		p := paths[i]
		lp, f := s.pages[p], s.files[p]
		switch {
		case lp != nil && lp != s.search && s.r.memo == nil:
			var failed error // the template's, rather than the sink's wrapping
			err := sink.Stream(p, func(w io.Writer) error {
				failed = s.executeTo(w, lp, lp.view())
				return failed
			})
			errs[i] = cmp.Or(failed, err)
		case lp != nil && lp != s.search:
			data, err := s.execute(lp, lp.view())
			if err == nil {
				err = sink.Put(p, data)
			}
			errs[i] = err
		case f != nil && s.r.memo == nil:
			// Made for the sink alone: kept, edition.json and the feed
			// would be held to the end of a one-shot build.
			data, err := f.make()
			if err == nil {
				err = sink.Put(p, data)
			}
			errs[i] = err
		default:
			data, err := s.File(p)
			if err == nil {
				err = sink.Put(p, data)
			}
			if err == nil && lp != nil {
				err = s.putSearchIndex(sink)
			}
			errs[i] = err
		}
	})
	var diags site.Diagnostics
	var failed []error
	for _, err := range errs {
		var d site.Diagnostic
		switch {
		case errors.As(err, &d):
			diags = append(diags, d)
		case err != nil:
			failed = append(failed, err)
		}
	}
	return diags, errors.Join(failed...)
}

// letTreesGo has each note's syntax tree let go once the pages that read
// it have: the note's own, the search page's index and the evidence
// page's audit (see resolve.Parsed.ExpectReaders). Without a memo, To
// makes each page once, and the trees were the largest part of the heap
// while rendering.
func (s *Site) letTreesGo() {
	readers := 1
	if s.search != nil {
		readers++
	}
	if s.pages[layout.Page(layout.EvidenceDir)] != nil {
		readers++
	}
	for _, p := range s.b.idx.Parsed {
		if p.Kind == resolve.KindNote {
			p.ExpectReaders(readers)
		}
	}
}

// All makes every file of the site into memory.
func (s *Site) All() (output.Files, site.Diagnostics, error) {
	files := memorySink{files: output.Files{}}
	diags, err := s.To(&files)
	return files.files, diags, err
}

// memorySink keeps the files it is given.
type memorySink struct {
	mu    sync.Mutex
	files output.Files
}

func (m *memorySink) Put(p string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[p] = data
	return nil
}

func (m *memorySink) Stream(p string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	return m.Put(p, buf.Bytes())
}

// weights rank page templates by how long their pages take to render at
// scale: those that gather every note first, then those that gather many;
// other files and pages weigh nothing.
var weights = map[string]int{"print.html": 3, "source.html": 3, "theme.html": 3, "entity.html": 2, "list.html": 2, "search.html": 2}

// weight ranks the file at p by how long it takes to make.
func (s *Site) weight(p string) int {
	switch p {
	case layout.Print():
		return 4 // the whole edition, rather than a theme's brief
	case layout.Edition:
		return 2 // hashes every note and passage: 0.4 s at 5,000 notes
	}
	if lp := s.pages[p]; lp != nil {
		return weights[lp.template]
	}
	return 0
}

func (s *Site) view(lp *lazyPage) *page {
	lp.viewOnce.Do(func() { lp.page = lp.view() })
	return lp.page
}

// render renders one page once and keeps it.
func (s *Site) render(lp *lazyPage) ([]byte, error) {
	lp.once.Do(func() {
		lp.html, lp.err = s.execute(lp, s.view(lp))
		lp.done.Store(true)
	})
	return lp.html, lp.err
}

// execute renders a page from its view, or takes it from the memo when
// its template and data are those of the build that last rendered it.
func (s *Site) execute(lp *lazyPage, pg *page) ([]byte, error) {
	memo := s.r.memo
	var key uint64
	if memo != nil {
		if err := s.b.err(); err != nil {
			return nil, err
		}
		var err error
		if key, err = memo.Key(s.r.versions[lp.template], pg); err != nil {
			return nil, err
		}
		if v, ok := memo.Get(lp.path, key); ok {
			if html, ok := v.([]byte); ok {
				return html, nil
			}
		}
	}
	var buf bytes.Buffer
	if err := s.executeTo(&buf, lp, pg); err != nil {
		return nil, err
	}
	// The buffer grew by doubling; keep the page without the slack.
	html := bytes.Clone(buf.Bytes())
	if memo != nil {
		memo.Put(lp.path, key, html)
	}
	return html, nil
}

// executeTo runs a page's template on its view. A failing template is a
// diagnostic at the template.
func (s *Site) executeTo(w io.Writer, lp *lazyPage, pg *page) error {
	err := s.r.executeTemplate(w, lp.template, pg)
	if pg.finish != nil {
		pg.finish()
	}
	if err != nil {
		return err
	}
	// A Markdown document that failed to render, for this page's view
	// or another's, leaves its HTML out: the build fails.
	if err := s.b.err(); err != nil {
		return err
	}
	s.rendered.Add(1)
	return nil
}

// searchData is the search page's view data, which holds the index.
func (s *Site) searchData() *searchData {
	return s.view(s.search).Data.(*searchData)
}

// searchIndexPaths are the paths of the search index's files: they are
// named by the index's content, so this builds the index.
func (s *Site) searchIndexPaths() []string {
	if s.search == nil {
		return nil
	}
	dir := path.Dir(s.search.path) + "/"
	var out []string
	for rel := range s.searchData().files {
		out = append(out, dir+rel)
	}
	slices.Sort(out)
	return out
}

// putSearchIndex hands the search index's files to sink. They are
// thousands at 10,000 notes, so they are written in parallel too.
func (s *Site) putSearchIndex(sink Sink) error {
	paths := s.searchIndexPaths()
	errs := make([]error, len(paths))
	parallel.ForWriting(len(paths), func(i int) {
		data, err := s.File(paths[i])
		if err == nil {
			err = sink.Put(paths[i], data)
		}
		errs[i] = err
	})
	if files := s.searchData().files; s.r.memo == nil {
		// A one-shot build has no later asker, and the index (11 MB
		// at 2,000 notes) is made early: it would be held through
		// every page rendered after it.
		for rel := range files {
			files[rel] = nil
		}
	}
	return errors.Join(errs...)
}

// searchRel is p relative to the search page's folder.
func (s *Site) searchRel(p string) string {
	return strings.TrimPrefix(p, path.Dir(s.search.path)+"/")
}

func (s *Site) isSearchIndex(p string) bool {
	if s.search == nil || !strings.HasPrefix(p, path.Dir(s.search.path)+"/") || path.Ext(p) != ".js" {
		return false
	}
	_, ok := s.searchData().files[s.searchRel(p)]
	return ok
}

func (s *Site) sitemap() []byte {
	var paths []string
	for _, lp := range s.order {
		if lp.path != layout.NotFound {
			paths = append(paths, lp.path)
		}
	}
	return sitemap(s.b.idx.Content.Config.BaseURL, paths)
}
