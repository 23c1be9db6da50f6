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
// they show was added or removed), and a stylesheet edit swaps the sheet
// in every open page without a reload: a page whose HTML is identical
// then looks identical, and sparing it a reload keeps the writer's other
// tabs where they were.
package serve

import (
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

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
	// Stable asset names: a stylesheet edit then changes the stylesheet
	// alone, which open pages swap in without a reload.
	opts.StableAssetNames = true
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
