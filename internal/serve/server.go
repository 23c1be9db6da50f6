// Package serve is the live preview behind `dossier serve`: it builds the
// site into memory, serves it over HTTP, rebuilds when the watcher reports
// a change and tells the open pages over Server-Sent Events to reload,
// to swap a stylesheet, or to show what is wrong with the content.
//
// The site is served from memory and never written to disk, so `dossier
// build`'s output folder is never touched. Pages are rendered when a
// browser asks for them, not all at every rebuild: at 10,000 notes a
// note edit changes the notes list, theme pages, source margins, the
// search index and a 150 MB print edition, and rendering those for a
// page nobody has open would take seconds. After a rebuild the server
// renders the pages that are open (each tab's event stream names its
// page), and tells a tab to reload only when its own page's bytes
// changed (or the page it shows appeared or went). A stylesheet edit
// swaps the sheet in every open page without a reload. The reload client
// is added to HTML responses as they are served; build output holds none
// of it.
package serve

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/linkcache"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/site"
)

// Server is the live preview of one site. Create it with [New], build it
// with [Server.Rebuild], serve it as an http.Handler and release it with
// [Server.Close].
type Server struct {
	builder   *build.Builder // one for the server's life: it caches per-file work
	opts      build.Options
	static    string // absolute static folder, to recognise stylesheet-only edits
	templates string // absolute templates folder, to recognise template edits
	stdout    io.Writer
	stderr    io.Writer

	instance string // tells this server's versions from a previous run's
	hub      *hub
	state    atomic.Pointer[state]

	// shared is set when the server listens beyond loopback: it then
	// answers to any Host (see host.go). Run sets it before serving.
	shared bool

	mu  sync.Mutex // serialises rebuilds, and guards what follows
	gen int
	// checks counts the checks of every template (see checkTemplates),
	// and broken is what the last one found wrong, nil if nothing.
	checks int
	broken []Problem
	closed atomic.Bool // set by Close

	// linkCache is the link cache's file, "" for none (Run sets it);
	// linksKept is set once a build has been written to it, and writing
	// is that write, which Close waits for.
	linkCache string
	linksKept bool
	writing   sync.WaitGroup
}

// servedSite is a build's site as the server serves it: files made on
// demand (render.Site).
type servedSite interface {
	Has(p string) bool
	File(p string) ([]byte, error)
	// Made returns a page only if it was made already.
	Made(p string) ([]byte, bool)
	Assets() output.Files
	All() (output.Files, site.Diagnostics, error)
	// Samples lists a page for each template.
	Samples() []string
}

// state is what the server serves now. It is replaced as a whole, so a
// request sees one consistent site.
type state struct {
	site     servedSite // the last good build; nil before the first
	version  string     // names site; empty before the first good build
	problems []Problem  // why the latest build failed; nil when it did not
}

// New returns a server for the folders in opts. It does not build: call
// [Server.Rebuild] before serving. Progress goes to stdout, problems to
// stderr.
func New(opts build.Options, stdout, stderr io.Writer) *Server {
	var b [4]byte
	_, _ = rand.Read(b[:])
	// Stable asset names: a stylesheet edit then changes the stylesheet
	// alone, which open pages swap in without a reload.
	opts.StableAssetNames = true
	builder := build.New(opts)
	opts.Links = nil // the builder's first build takes them
	s := &Server{
		builder:  builder,
		opts:     opts,
		stdout:   stdout,
		stderr:   stderr,
		instance: hex.EncodeToString(b[:]),
		hub:      newHub(),
	}
	s.static, s.templates = absolute(opts.Static), absolute(opts.Templates)
	s.state.Store(&state{})
	return s
}

// absolute is dir as an absolute path, or "" when unset or unknowable.
func absolute(dir string) string {
	if dir == "" {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	return abs
}

// Close ends the open event streams. Call it before shutting the HTTP
// server down, which otherwise waits for them. It waits for a rebuild
// under way, and after it the server reports nothing more.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed.Store(true)
	s.hub.close()
	s.mu.Unlock()
	// A write cut off by the process's exit would leave its temporary
	// file in the user's cache folder.
	s.writing.Wait()
}

// Roots returns the folders to watch: content, templates and static, as
// configured (missing ones included: the watcher picks them up when they
// appear).
func (s *Server) Roots() []string {
	var roots []string
	for _, d := range []string{s.opts.Content, s.opts.Templates, s.opts.Static} {
		if d != "" {
			roots = append(roots, d)
		}
	}
	return roots
}

// Files returns every file of the site being served (the last good
// build), rendering what no browser has asked for yet; nil before the
// first good build.
func (s *Server) Files() (output.Files, error) {
	st := s.state.Load()
	if st.site == nil {
		return nil, nil
	}
	files, diags, err := st.site.All()
	if err == nil && len(diags) > 0 {
		err = diags
	}
	return files, err
}

// Healthy reports whether the latest build succeeded.
func (s *Server) Healthy() bool {
	st := s.state.Load()
	return st.site != nil && st.problems == nil
}

// fetch returns the current site's file at p, rendering it if need be,
// with the state it came from.
func (s *Server) fetch(p string) (*state, []byte, error) {
	st := s.state.Load()
	data, err := st.site.File(p)
	return st, data, err
}

// ServeHTTP serves the site, the reload client and the event stream, to
// requests that name a host it answers to (see host.go). Every response
// is marked no-store: the preview must never show a page the browser kept
// from before an edit.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if !s.shared && !allowedHost(r.Host) {
		refuseHost(w, r.Host)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case reloadJSPath:
		write(w, r, http.StatusOK, contentTypes[".js"], reloadJS)
		return
	}
	p, ok := sitePath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	st := s.state.Load()
	if st.site == nil {
		write(w, r, http.StatusServiceUnavailable, contentTypes[".html"], inject(placeholder, "", layout.IndexOf(p), ""))
		return
	}
	page := layout.IndexOf(p)
	if st.site.Has(page) {
		s.serve(w, r, http.StatusOK, page, page)
		return
	}
	if !strings.HasSuffix(p, "/") && p != "" && st.site.Has(layout.Page(p+"/")) {
		// A folder without its slash: redirect, so the page's relative
		// links resolve against the folder. Found, not Moved Permanently:
		// a browser keeps a 301 after the preview stops, and the writer
		// may yet create a file of that name.
		target := "/" + p + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusFound)
		return
	}
	if st.site.Has(layout.NotFound) {
		s.serve(w, r, http.StatusNotFound, page, layout.NotFound)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// serve sends the site's file served for the URL of page, rendering it
// first if no one has asked for it since the last rebuild. A page whose
// template fails shows the error, with the reload client, so that it
// turns into the page once the template is fixed.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, status int, page, served string) {
	st, data, err := s.fetch(served)
	if err != nil {
		fmt.Fprintf(s.stderr, "dossier: %v\n", err)
		doc := fmt.Appendf(nil, errorPage, html.EscapeString(err.Error()))
		write(w, r, http.StatusInternalServerError, contentTypes[".html"], inject(doc, st.version, page, ""))
		return
	}
	s.file(w, r, st, status, page, served, data)
}

// file sends one file of the site, with the reload client in HTML.
func (s *Server) file(w http.ResponseWriter, r *http.Request, st *state, status int, page, served string, data []byte) {
	ct := contentType(served, data)
	if strings.HasPrefix(ct, "text/html") {
		data = inject(data, st.version, page, served)
	}
	write(w, r, status, ct, data)
}

// write sends a complete response; HEAD gets the headers alone.
func write(w http.ResponseWriter, r *http.Request, status int, contentType string, data []byte) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data)
	}
}

// errorPage is served for a page that could not be rendered; %s is the
// escaped error.
const errorPage = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>dossier: this page could not be rendered</title></head>
<body>
<main><h1>This page could not be rendered</h1>
<pre>%s</pre>
<p>Fix the template and save: the page reloads when it renders.</p></main>
</body>
</html>
`

// placeholder is served while no build has succeeded yet: it carries the
// reload client, so the page shows the problems and turns into the site
// as soon as the content is fixed.
var placeholder = []byte(`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>dossier: the site has errors</title></head>
<body>
<main><h1>The site could not be built yet</h1>
<p>Fix the problems shown over this page (and in the terminal); it reloads when the build succeeds.</p></main>
</body>
</html>
`)

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// keepLinks writes the wikilinks of the build just made, res, to the link
// cache, once a session, in the background: the file is for the next
// start. A first build that took every document's from the cache has
// nothing to add, and writing it again would cost the start a pass over
// every text and the background a 6 MB file at 10,000 notes; one that
// parsed or scanned any document writes them all. The caller holds s.mu.
func (s *Server) keepLinks(res *build.Result) {
	if s.linkCache == "" || s.linksKept {
		return
	}
	s.linksKept = true
	if res.Cached > 0 && res.Parsed == 0 && res.Scanned == 0 {
		return
	}
	links, file := s.builder.Links(), s.linkCache
	s.writing.Go(func() { _ = linkcache.Write(file, links) })
}
