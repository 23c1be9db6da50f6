package serve

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dossier-dev/dossier/internal/gcpace"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/watch"
)

// Rebuild builds the site and tells the open pages what changed. changed
// are the paths the watcher reported (nil for the first build): the
// builder re-reads those files, and they decide whether an edit was to
// stylesheets only. It returns the message it broadcast.
func (s *Server) Rebuild(changed []string) (m Message) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	open := s.hub.open()

	old := s.state.Load()
	if old.site == nil {
		// Until a build succeeds, each reads the whole dossier (see
		// gcpace). What follows, rendering the pages asked for and
		// rebuilding after edits, runs at Go's default, from the
		// collector's next cycle on.
		defer gcpace.ReadingToServe()()
	}
	res, diags, err := s.builder.SiteAfter(changed)
	var pages map[string][]byte
	if err == nil && len(diags) == 0 {
		// The open pages are rendered now, before the site is served, so
		// that a template failing on them keeps the last good site; after
		// a template edit, so is a page of each template. With no good
		// site to keep, the templates are checked after serving instead
		// (see checkTemplates): a page of each template takes seconds at
		// 10,000 notes (the evidence page audits every note), which the
		// first page a browser asks for must not wait for.
		probe := servedFiles(res.Site, open)
		switch {
		case old.site == nil:
		case changed == nil || watch.AnyWithin(changed, s.templates):
			probe = append(probe, res.Site.Samples()...)
			s.checks++ // supersedes a check still running
			s.broken = nil
		}
		pages, diags = render(res.Site, probe)
	}
	var problems []Problem
	switch {
	case err != nil:
		fmt.Fprintf(s.stderr, "dossier: build: %v\n", err)
		problems = []Problem{problemFromError(err)}
	case len(diags) > 0:
		// A template error fails every page that uses the template, with
		// the same position and message: one report is enough. Sorted
		// diagnostics put the copies side by side.
		diags.Sort()
		diags = slices.Compact(diags)
		for _, d := range diags {
			fmt.Fprintln(s.stderr, d.Error())
		}
		fmt.Fprintf(s.stderr, "dossier: %d %s; still serving the last good site\n", len(diags), plural(len(diags), "error", "errors"))
		problems = problemsFromDiagnostics(diags, s.opts.Content, s.opts.Templates, s.opts.Static)
	}
	if problems != nil {
		problems = append(problems, s.broken...)
		s.state.Store(&state{site: old.site, version: old.version, problems: problems})
		m = Message{Type: "state", Version: old.version, Problems: problems}
		s.hub.broadcast(m)
		return m
	}
	s.gen++
	version := s.instance + "-" + strconv.Itoa(s.gen)
	// A template the check after the first build found failing fails
	// this site too, until a template edit checks the templates again.
	s.state.Store(&state{site: res.Site, version: version, problems: s.broken})
	took := time.Since(start).Round(time.Millisecond)
	s.keepLinks(res)

	m = Message{Type: "reload", Version: version, Problems: []Problem{}}
	if s.broken != nil {
		m.Problems = s.broken
	}
	if old.site == nil {
		m.All = true
		if res.Cached > 0 {
			fmt.Fprintf(s.stdout, "built in %s, with the links of %d documents from the link cache\n", took, res.Cached)
		} else {
			fmt.Fprintf(s.stdout, "built in %s\n", took)
		}
		s.hub.broadcast(m)
		if holdsFiles(s.templates) {
			s.checks++
			go s.checkTemplates(res.Site, s.checks)
		}
		return m
	}
	m.Pages = changedPages(old.site, res.Site, open, pages)
	css, scripts := changedAssets(old.site, res.Site)
	switch {
	case scripts:
		// A script or other static file changed: pages load them, and
		// only a reload picks them up.
		m.All = true
		fmt.Fprintf(s.stdout, "rebuilt in %s: static files changed\n", took)
	case len(m.Pages) > 0:
		fmt.Fprintf(s.stdout, "rebuilt in %s: %d of %d open %s changed\n", took, len(m.Pages), len(open), plural(len(open), "page", "pages"))
	case len(css) > 0 && old.problems == nil && s.stylesheetsOnly(changed):
		m.Type, m.CSS = "css", map[string]string{}
		for _, p := range css {
			m.CSS[p] = p + "?v=" + version
		}
		fmt.Fprintf(s.stdout, "rebuilt in %s: %d %s restyled\n", took, len(css), plural(len(css), "stylesheet", "stylesheets"))
	case len(css) > 0:
		// A stylesheet changed along with other files: reload every tab
		// rather than guess how the two edits meet.
		m.All = true
		fmt.Fprintf(s.stdout, "rebuilt in %s: stylesheets and content changed\n", took)
	default:
		// No open page changed: the tabs only learn the new version (and
		// that any problems are gone).
		m.Type = "state"
		if old.problems != nil {
			fmt.Fprintf(s.stdout, "rebuilt in %s: fixed\n", took)
		} else {
			fmt.Fprintf(s.stdout, "rebuilt in %s: no open page changed\n", took)
		}
	}
	s.hub.broadcast(m)
	return m
}

// checkTemplates renders a page of each template of a site that is
// served unchecked, one page at a time, leaving the other core to the
// pages a browser asks for meanwhile. A failing template is reported as
// a failed build is, to the terminal and the open pages, and stays
// reported over content edits until a template edit; the site stays
// served, and pages that use the template show its error. n numbers the
// check: a template edit made meanwhile checked the templates again, and
// this check's findings are then out of date. It gives up once the server
// is closed.
func (s *Server) checkTemplates(served servedSite, n int) {
	var diags site.Diagnostics
	for _, p := range served.Samples() {
		if s.closed.Load() {
			return
		}
		if _, err := served.File(p); err != nil {
			if d, ok := err.(site.Diagnostic); ok {
				diags = append(diags, d)
			}
		}
	}
	if len(diags) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n != s.checks || s.closed.Load() {
		return
	}
	diags.Sort()
	diags = slices.Compact(diags)
	for _, d := range diags {
		fmt.Fprintln(s.stderr, d.Error())
	}
	fmt.Fprintf(s.stderr, "dossier: %d %s in the templates; pages that use them show the error\n", len(diags), plural(len(diags), "error", "errors"))
	s.broken = problemsFromDiagnostics(diags, s.opts.Content, s.opts.Templates, s.opts.Static)
	st := s.state.Load()
	problems := append(slices.Clone(st.problems), s.broken...)
	s.state.Store(&state{site: st.site, version: st.version, problems: problems})
	s.hub.broadcast(Message{Type: "state", Version: st.version, Problems: problems})
}

// holdsFiles reports whether dir holds anything but folders, or might:
// a folder that cannot be read through is taken to. Without
// files of the site's own, the templates are the built-in ones, which
// dossier's tests check: checking them again at every start would only
// spend the seconds a page of every template takes at 10,000 notes, and
// a page that still fails shows its error when opened.
func holdsFiles(dir string) bool {
	if dir == "" {
		return false
	}
	found := errors.New("found")
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			return found
		}
		return err
	})
	return err != nil && !errors.Is(err, fs.ErrNotExist)
}

// render renders pages of a site in parallel, each once however often it
// is named, and returns them by site path. A page whose template fails
// is a diagnostic.
func render(next servedSite, paths []string) (map[string][]byte, site.Diagnostics) {
	pages := map[string][]byte{}
	var diags site.Diagnostics
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, p := range slices.Compact(slices.Sorted(slices.Values(paths))) {
		wg.Go(func() {
			data, err := next.File(p)
			mu.Lock()
			defer mu.Unlock()
			if d, ok := err.(site.Diagnostic); ok {
				diags = append(diags, d)
			}
			if err == nil {
				pages[p] = data
			}
		})
	}
	wg.Wait()
	return pages, diags
}

// servedFor is the file a site sends for a page's URL.
func servedFor(s servedSite, page string) string {
	if s.Has(page) {
		return page
	}
	return layout.NotFound
}

// servedFiles lists the file a site sends for each open page.
func servedFiles(s servedSite, open []openPage) []string {
	out := make([]string, len(open))
	for i, o := range open {
		out[i] = servedFor(s, o.page)
	}
	return out
}

// changedPages lists the open pages that the new site shows differently:
// another file is served for them (the page appeared or went), or the
// file's bytes differ from what the old site sent.
func changedPages(old, next servedSite, open []openPage, rendered map[string][]byte) []string {
	var out []string
	for _, o := range open {
		served := servedFor(next, o.page)
		before, made := old.Made(served)
		if served != o.served || !made || !bytes.Equal(before, rendered[served]) {
			if !slices.Contains(out, o.page) {
				out = append(out, o.page)
			}
		}
	}
	slices.Sort(out)
	return out
}

// changedAssets lists the stylesheets whose bytes differ between the two
// sites, and says whether any other static file was added, removed or
// changed.
func changedAssets(old, next servedSite) (css []string, other bool) {
	before, after := old.Assets(), next.Assets()
	for p, data := range after {
		prev, ok := before[p]
		switch {
		case ok && bytes.Equal(prev, data):
		case ok && strings.HasSuffix(p, ".css"):
			css = append(css, p)
		default:
			other = true
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			other = true
		}
	}
	slices.Sort(css)
	return css, other
}

// stylesheetsOnly reports whether every changed path is a .css file in
// the static folder.
func (s *Server) stylesheetsOnly(changed []string) bool {
	if s.static == "" || len(changed) == 0 {
		return false
	}
	for _, p := range changed {
		if !watch.Within(p, s.static) || !strings.EqualFold(filepath.Ext(p), ".css") {
			return false
		}
	}
	return true
}
