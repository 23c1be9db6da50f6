// Package serve is the live preview behind `dossier serve`: it builds the
// site into memory, serves it over HTTP, rebuilds when the watcher reports
// a change and tells the open pages over Server-Sent Events to reload,
// to swap a stylesheet, or to show what is wrong with the content.
//
// The site is served from the build's file map and never written to disk,
// so `dossier build`'s output folder is never touched. The reload client
// is added to HTML responses as they are served; build output holds none
// of it.
//
// Pages reload only when their own bytes changed (or the page or 404 page
// they show was added or removed): with the pipeline's relative links and
// fingerprinted assets, a page whose HTML is identical looks identical, and
// sparing it a reload keeps the writer's other tabs where they were.
package serve

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/output"
)

// Server is the live preview of one site. Create it with [New], build it
// with [Server.Rebuild], serve it as an http.Handler and release it with
// [Server.Close].
type Server struct {
	builder *build.Builder // one for the server's life: it caches per-file work
	opts    build.Options
	static  string // absolute static folder, to recognise stylesheet-only edits
	stdout  io.Writer
	stderr  io.Writer

	instance string // tells this server's versions from a previous run's
	hub      *hub
	state    atomic.Pointer[state]

	mu  sync.Mutex // serialises rebuilds
	gen int
}

// state is what the server serves now. It is replaced as a whole, so a
// request sees one consistent site.
type state struct {
	files    output.Files // the last good build; nil before the first
	version  string       // names files; empty before the first good build
	problems []Problem    // why the latest build failed; nil when it did not
}

// New returns a server for the folders in opts. It does not build: call
// [Server.Rebuild] before serving. Progress goes to stdout, problems to
// stderr.
func New(opts build.Options, stdout, stderr io.Writer) *Server {
	var b [4]byte
	_, _ = rand.Read(b[:])
	s := &Server{
		builder:  build.New(opts),
		opts:     opts,
		stdout:   stdout,
		stderr:   stderr,
		instance: hex.EncodeToString(b[:]),
		hub:      newHub(),
	}
	if opts.Static != "" {
		if abs, err := filepath.Abs(opts.Static); err == nil {
			s.static = abs
		}
	}
	s.state.Store(&state{})
	return s
}

// Close ends the open event streams. Call it before shutting the HTTP
// server down, which otherwise waits for them.
func (s *Server) Close() { s.hub.close() }

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

// Files returns the site being served: the last good build, or nil.
func (s *Server) Files() output.Files { return s.state.Load().files }

// Healthy reports whether the latest build succeeded.
func (s *Server) Healthy() bool {
	st := s.state.Load()
	return st.files != nil && st.problems == nil
}

// ServeHTTP serves the site, the reload client and the event stream.
// Every response is marked no-store: the preview must never show a page
// the browser kept from before an edit.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
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
	if st.files == nil {
		write(w, r, http.StatusServiceUnavailable, contentTypes[".html"], inject(placeholder, "", indexOf(p), ""))
		return
	}
	page := indexOf(p)
	if data, ok := st.files[page]; ok {
		s.file(w, r, st, http.StatusOK, page, page, data)
		return
	}
	if !strings.HasSuffix(p, "/") && p != "" {
		if _, ok := st.files[p+"/index.html"]; ok {
			// A folder without its slash: redirect, so the page's relative
			// links resolve against the folder. Found, not Moved
			// Permanently: a browser keeps a 301 after the preview stops,
			// and the writer may yet create a file of that name.
			target := "/" + p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
	}
	if data, ok := st.files["404.html"]; ok {
		s.file(w, r, st, http.StatusNotFound, page, "404.html", data)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

// indexOf names the file a URL path stands for: folders mean their
// index.html.
func indexOf(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
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

// Rebuild builds the site and tells the open pages what changed. changed
// are the paths the watcher reported (nil for the first build); they
// decide whether an edit was to stylesheets only. It returns the message
// it broadcast, or ok false when there was nothing to tell.
func (s *Server) Rebuild(changed []string) (m Message, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	res, diags, err := s.builder.Build()
	took := time.Since(start).Round(time.Millisecond)
	old := s.state.Load()

	var problems []Problem
	switch {
	case err != nil:
		fmt.Fprintf(s.stderr, "dossier: build: %v\n", err)
		problems = []Problem{problemFromError(err)}
	case len(diags) > 0:
		for _, d := range diags {
			fmt.Fprintln(s.stderr, d.Error())
		}
		fmt.Fprintf(s.stderr, "dossier: %d %s; still serving the last good site\n", len(diags), plural(len(diags), "error", "errors"))
		problems = problemsFromDiagnostics(diags)
	}
	if problems != nil {
		s.state.Store(&state{files: old.files, version: old.version, problems: problems})
		m = Message{Type: "state", Version: old.version, Problems: problems}
		s.hub.broadcast(m)
		return m, true
	}

	d := diff(old.files, res.Files)
	if d.empty() {
		if old.problems == nil && old.files != nil {
			return Message{}, false
		}
		// Fixed back to what was served: only the overlay goes.
		s.state.Store(&state{files: old.files, version: old.version})
		fmt.Fprintf(s.stdout, "rebuilt in %s: fixed, nothing changed\n", took)
		m = Message{Type: "state", Version: old.version, Problems: []Problem{}}
		s.hub.broadcast(m)
		return m, true
	}
	s.gen++
	version := s.instance + "-" + strconv.Itoa(s.gen)
	s.state.Store(&state{files: res.Files, version: version})
	m = Message{Type: "reload", Version: version, Problems: []Problem{}}
	if css := d.stylesheets(); css != nil && old.problems == nil && old.files != nil && s.stylesheetsOnly(changed) {
		m.Type, m.CSS = "css", css
		fmt.Fprintf(s.stdout, "rebuilt in %s: %d %s restyled\n", took, len(css), plural(len(css), "stylesheet", "stylesheets"))
	} else {
		m.Pages = d.pages
		if len(m.Pages) > maxListedPages {
			m.Pages, m.All = nil, true
		}
		if old.files == nil && changed == nil {
			fmt.Fprintf(s.stdout, "built %d files in %s\n", len(res.Files), took)
		} else {
			fmt.Fprintf(s.stdout, "rebuilt in %s: %d %s changed\n", took, len(d.pages), plural(len(d.pages), "page", "pages"))
		}
	}
	s.hub.broadcast(m)
	return m, true
}

// maxListedPages is where a reload message stops listing pages and says
// "all": past a few hundred, nearly every tab is affected anyway.
const maxListedPages = 500

// stylesheetsOnly reports whether every changed path is a .css file in
// the static folder.
func (s *Server) stylesheetsOnly(changed []string) bool {
	if s.static == "" || len(changed) == 0 {
		return false
	}
	for _, p := range changed {
		rel, err := filepath.Rel(s.static, p)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") || !strings.EqualFold(filepath.Ext(p), ".css") {
			return false
		}
	}
	return true
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// siteDiff is how one build differs from the previous.
type siteDiff struct {
	pages []string // HTML files changed, added or removed
	// Other files, by what happened to them. A fingerprinted asset that
	// changed shows as one removal and one addition.
	added, removed, changed []string
}

func diff(old, new output.Files) siteDiff {
	var d siteDiff
	for p, data := range new {
		o, ok := old[p]
		switch {
		case strings.HasSuffix(p, ".html"):
			if !ok || !bytes.Equal(o, data) {
				d.pages = append(d.pages, p)
			}
		case !ok:
			d.added = append(d.added, p)
		case !bytes.Equal(o, data):
			d.changed = append(d.changed, p)
		}
	}
	for p := range old {
		if _, ok := new[p]; !ok {
			if strings.HasSuffix(p, ".html") {
				d.pages = append(d.pages, p)
			} else {
				d.removed = append(d.removed, p)
			}
		}
	}
	slices.Sort(d.pages)
	return d
}

func (d siteDiff) empty() bool {
	return len(d.pages)+len(d.added)+len(d.removed)+len(d.changed) == 0
}

// stylesheets pairs the stylesheets a build replaced, old site path to
// new, when replaced stylesheets are all that changed besides pages;
// otherwise nil, and the pages must reload.
func (d siteDiff) stylesheets() map[string]string {
	if len(d.changed) > 0 || len(d.added) == 0 || len(d.added) != len(d.removed) {
		return nil
	}
	newByName := map[string]string{}
	for _, p := range d.added {
		name, ok := unfingerprint(p)
		if !ok {
			return nil
		}
		newByName[name] = p
	}
	css := map[string]string{}
	for _, p := range d.removed {
		name, ok := unfingerprint(p)
		to, found := newByName[name]
		if !ok || !found {
			return nil
		}
		css[p] = to
	}
	return css
}

// fingerprinted matches the names render gives static files:
// static/style.3f2a9c1b7d.css.
var fingerprinted = regexp.MustCompile(`^(.*)\.[0-9a-f]{6,64}(\.css)$`)

// unfingerprint returns a stylesheet's name without its fingerprint, and
// false for anything that is not a fingerprinted stylesheet.
func unfingerprint(p string) (string, bool) {
	m := fingerprinted.FindStringSubmatch(p)
	if m == nil {
		return "", false
	}
	return m[1] + m[2], true
}
