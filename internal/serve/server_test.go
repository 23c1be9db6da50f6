package serve

import (
	"bytes"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/site"
)

// synthetic returns a server serving files as version v, without a build.
func synthetic(t *testing.T, files output.Files) *Server {
	t.Helper()
	s := New(build.Options{}, io.Discard, io.Discard)
	t.Cleanup(s.Close)
	s.state.Store(&state{site: fileMap(files), version: "v1"})
	return s
}

// fileMap serves a fixed set of files as a site.
type fileMap output.Files

func (m fileMap) Has(p string) bool { _, ok := m[p]; return ok }

func (m fileMap) File(p string) ([]byte, error) {
	if data, ok := m[p]; ok {
		return data, nil
	}
	return nil, fs.ErrNotExist
}

func (m fileMap) Made(p string) ([]byte, bool) { data, ok := m[p]; return data, ok }

func (m fileMap) Assets() output.Files { return nil }

func (m fileMap) All() (output.Files, site.Diagnostics, error) { return output.Files(m), nil, nil }

func (m fileMap) Samples() []string { return nil }

var sample = output.Files{
	"index.html":              []byte("<!DOCTYPE html><html><body><p>home</p></body></html>"),
	"404.html":                []byte("<!DOCTYPE html><html><body><p>not here</p></body></html>"),
	"notes/x/index.html":      []byte("<html><BODY><p>note x</p></BODY></html>"),
	"static/style.abc123.css": []byte("body{color:red}"),
	"static/app.abc123.js":    []byte("console.log('</body>')"),
	"sitemap.xml":             []byte("<urlset></urlset>"),
	"sources/s/original.txt":  []byte("verbatim </body>"),
	"static/i.svg":            []byte("<svg></svg>"),
	"static/i.png":            []byte("\x89PNG\r\n\x1a\n"),
	"static/d.json":           []byte("{}"),
	"static/f.woff2":          []byte("wOF2"),
}

func TestContentTypes(t *testing.T) {
	s := synthetic(t, sample)
	for path, want := range map[string]string{
		"/":                        "text/html; charset=utf-8",
		"/notes/x/":                "text/html; charset=utf-8",
		"/static/style.abc123.css": "text/css; charset=utf-8",
		"/static/app.abc123.js":    "text/javascript; charset=utf-8",
		"/sitemap.xml":             "application/xml; charset=utf-8",
		"/sources/s/original.txt":  "text/plain; charset=utf-8",
		"/static/i.svg":            "image/svg+xml",
		"/static/i.png":            "image/png",
		"/static/d.json":           "application/json",
		"/static/f.woff2":          "font/woff2",
		"/_dossier/reload.js":      "text/javascript; charset=utf-8",
	} {
		rec := get(s, "GET", path)
		if rec.Code != http.StatusOK {
			t.Errorf("GET %s: status %d", path, rec.Code)
		}
		if got := rec.Header().Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", path, got, want)
		}
	}
}

func TestNotFoundServesTheSite404Page(t *testing.T) {
	s := synthetic(t, sample)
	rec := get(s, "GET", "/notes/missing/")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("status %d, want 404", rec.Code)
	}
	body := rec.Body.String()
	if !strings.Contains(body, "not here") {
		t.Errorf("404 body is not the site's 404.html: %q", body)
	}
	if !strings.Contains(body, `data-page="notes/missing/index.html" data-served="404.html"`) {
		t.Errorf("404 page does not name what it stands for: %q", body)
	}
	if got := rec.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type %q", got)
	}

	// A site without a 404 page still answers 404.
	s = synthetic(t, output.Files{"index.html": []byte("<p>x</p>")})
	if rec := get(s, "GET", "/nope"); rec.Code != http.StatusNotFound {
		t.Errorf("without 404.html: status %d", rec.Code)
	}
}

func TestFolderWithoutSlashRedirects(t *testing.T) {
	s := synthetic(t, sample)
	rec := get(s, "GET", "/notes/x?q=1")
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != "/notes/x/?q=1" {
		t.Errorf("status %d Location %q, want 302 to /notes/x/?q=1", rec.Code, rec.Header().Get("Location"))
	}
	if rec := get(s, "GET", "/notes/x/index.html"); rec.Code != http.StatusOK {
		t.Errorf("explicit index.html: status %d", rec.Code)
	}
}

func TestHead(t *testing.T) {
	s := synthetic(t, sample)
	for _, path := range []string{"/", "/static/style.abc123.css", "/missing", "/_dossier/reload.js"} {
		g, h := get(s, "GET", path), get(s, "HEAD", path)
		if g.Code != h.Code {
			t.Errorf("%s: GET %d, HEAD %d", path, g.Code, h.Code)
		}
		if h.Body.Len() != 0 {
			t.Errorf("HEAD %s has a body", path)
		}
		for _, k := range []string{"Content-Type", "Content-Length", "Cache-Control"} {
			if g.Header().Get(k) != h.Header().Get(k) {
				t.Errorf("%s: %s GET %q HEAD %q", path, k, g.Header().Get(k), h.Header().Get(k))
			}
		}
		if want := len(g.Body.Bytes()); h.Header().Get("Content-Length") != strconv.Itoa(want) {
			t.Errorf("HEAD %s Content-Length %q, want %d", path, h.Header().Get("Content-Length"), want)
		}
	}
}

func TestEveryResponseIsNoStore(t *testing.T) {
	s := synthetic(t, sample)
	for _, tc := range []struct{ method, path string }{
		{"GET", "/"}, {"GET", "/static/style.abc123.css"}, {"GET", "/missing"}, {"GET", "/notes/x"},
		{"GET", "/../x"}, {"POST", "/"}, {"HEAD", "/"}, {"GET", "/_dossier/reload.js"},
	} {
		if got := get(s, tc.method, tc.path).Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s %s: Cache-Control %q", tc.method, tc.path, got)
		}
	}
	// The event stream too, over a real connection since it does not end.
	ts := startHTTP(t, s)
	resp, err := http.Get(ts.URL + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("events: Cache-Control %q", got)
	}
	// And a server with no good build yet.
	empty := New(build.Options{}, io.Discard, io.Discard)
	defer empty.Close()
	if rec := get(empty, "GET", "/"); rec.Header().Get("Cache-Control") != "no-store" || rec.Code != http.StatusServiceUnavailable {
		t.Errorf("before the first build: %d, Cache-Control %q", rec.Code, rec.Header().Get("Cache-Control"))
	}
}

func TestMethodNotAllowed(t *testing.T) {
	s := synthetic(t, sample)
	rec := get(s, "POST", "/")
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d Allow %q", rec.Code, rec.Header().Get("Allow"))
	}
}

// Escapes are refused before the site map is looked at. The map also holds
// a file whose key an unguarded join would reach, to show the refusal is
// not just a lookup miss.
func TestTraversalIsRefused(t *testing.T) {
	files := output.Files{"secret.txt": []byte("SECRET")}
	for k, v := range sample {
		files[k] = v
	}
	s := synthetic(t, files)
	for _, target := range []string{
		"/../secret.txt",
		"/notes/../secret.txt",
		"/notes/x/../../secret.txt",
		"/./secret.txt",
		"/%2e%2e/secret.txt",
		"/%2E%2E/secret.txt",
		"/notes/%2e%2e/secret.txt",
		"/.%2e/secret.txt",
		"/notes/..%2fsecret.txt",
		"/notes%2f..%2f..%2fsecret.txt",
		"/notes%2Fx%2Findex.html",
		"/..%5csecret.txt",
		"/notes/..%5C..%5Csecret.txt",
		"/notes\\..\\secret.txt",
		"/secret.txt%00.html",
		"//secret.txt",
		"/notes//x/",
		"/..",
		"/notes/..",
	} {
		req := newRequest("GET", "/")
		// ParseRequestURI, as net/http does, keeps dot segments (the
		// client-side Parse and NewRequest would resolve them away).
		u, err := url.ParseRequestURI(target)
		if err != nil {
			t.Errorf("%s does not parse: %v", target, err)
			continue
		}
		req.URL, req.RequestURI = u, target
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest && rec.Code != http.StatusNotFound {
			t.Errorf("%s: status %d, want 400 or 404", target, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "SECRET") {
			t.Errorf("%s: served the file", target)
		}
	}
	// The plain path still works, so the refusals above are not a blanket
	// failure.
	if rec := get(s, "GET", "/secret.txt"); rec.Code != http.StatusOK {
		t.Errorf("plain path: %d", rec.Code)
	}
}

func TestReloadScriptOnlyInHTML(t *testing.T) {
	s := synthetic(t, sample)
	for path := range sample {
		rec := get(s, "GET", "/"+path)
		has := strings.Contains(rec.Body.String(), reloadJSPath)
		if want := strings.HasSuffix(path, ".html"); has != want {
			t.Errorf("/%s: reload script present = %v, want %v", path, has, want)
		}
		if !strings.HasSuffix(path, ".html") && !bytes.Equal(rec.Body.Bytes(), sample[path]) {
			t.Errorf("/%s: body changed: %q", path, rec.Body.String())
		}
	}
	// Before </body>, whatever its case, and only once.
	body := get(s, "GET", "/notes/x/").Body.String()
	if !strings.Contains(body, "</script>\n</BODY>") || strings.Count(body, reloadJSPath) != 1 {
		t.Errorf("script not injected once before </BODY>: %q", body)
	}
}

func TestInjectWithoutBody(t *testing.T) {
	got := string(inject([]byte("<p>fragment"), "v", "a.html", "a.html"))
	if !strings.HasPrefix(got, "<p>fragment<script src=") {
		t.Errorf("inject without </body> = %q", got)
	}
	got = string(inject([]byte("<body></body>"), `"><x`, "a.html", "a.html"))
	if strings.Contains(got, `"><x`) {
		t.Errorf("version not escaped: %q", got)
	}
}

// The build's own output, which `dossier build` writes, holds no dev code:
// the client is added by the server as it serves.
func TestBuildOutputHasNoDevCode(t *testing.T) {
	f := newFixture(t)
	res, diags, err := build.New(f.opts).Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("fixture does not build: %v %v", err, diags)
	}
	for p, data := range res.Files {
		for _, s := range []string{"_dossier", "EventSource", "reload.js"} {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s contains %q", p, s)
			}
		}
	}
	// While the server's answer for the same page has it.
	s := newServer(t, f)
	if body := get(s, "GET", "/notes/base-note-one/").Body.String(); !strings.Contains(body, reloadJSPath) {
		t.Error("served page has no reload script")
	}
}

func TestServesTheBuiltFixture(t *testing.T) {
	f := newFixture(t)
	s := newServer(t, f)
	if !s.Healthy() {
		t.Fatal("fixture build failed")
	}
	for _, p := range []string{"/", "/notes/base-note-one/", "/themes/bases/", "/entities/kant-air-base/", "/sources/test-2020/", "/sources/test-2020/original.txt", "/sitemap.xml"} {
		if rec := get(s, "GET", p); rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d", p, rec.Code)
		}
	}
	for p := range siteFiles(t, s) {
		if rec := get(s, "GET", "/"+p); rec.Code != http.StatusOK {
			t.Errorf("GET /%s: %d", p, rec.Code)
		}
	}
}

func TestBrokenEditKeepsLastGoodSiteAndReportsPosition(t *testing.T) {
	f := newFixture(t)
	s := newServer(t, f)
	ts := startHTTP(t, s)
	events := subscribe(t, ts.URL)
	if m := next(t, events); m.Type != "hello" || len(m.Problems) != 0 {
		t.Fatalf("first message %+v", m)
	}

	note := "content/notes/base-note-one.md"
	good := f.read(t, note)
	f.write(t, note, strings.Replace(good, "largest grouping of forces abroad", "smallest grouping of forces at home", 1))
	m := s.Rebuild([]string{f.path(note)})
	if m.Type != "state" || len(m.Problems) == 0 {
		t.Fatalf("broken edit gave %+v", m)
	}
	p := m.Problems[0]
	if want := filepath.ToSlash(f.path(note)) + ":9:"; !strings.HasPrefix(p.Pos, want) {
		t.Errorf("problem at %q, want %s...", p.Pos, want)
	}
	if !strings.Contains(p.Message, "quote not found") {
		t.Errorf("message %q", p.Message)
	}
	i := slices.IndexFunc(p.Lines, func(l SnippetLine) bool { return l.Mark })
	if i < 0 || p.Lines[i].N != 9 || !strings.Contains(p.Lines[i].Text, "smallest grouping") || len(p.Lines) != 5 {
		t.Errorf("snippet %+v", p.Lines)
	}
	if got := next(t, events); got.Type != "state" || len(got.Problems) == 0 {
		t.Errorf("stream got %+v", got)
	}
	if s.Healthy() {
		t.Error("server reports healthy after a broken edit")
	}
	// The last good page is still served, and a page that connects now
	// hears about the problem at once.
	if body := get(s, "GET", "/notes/base-note-one/").Body.String(); !strings.Contains(body, "largest grouping abroad") {
		t.Error("last good page not served")
	}
	if hello := next(t, subscribe(t, ts.URL)); hello.Type != "hello" || len(hello.Problems) == 0 {
		t.Errorf("hello while broken: %+v", hello)
	}

	// Fixing it back clears the problems without a reload: nothing changed.
	f.write(t, note, good)
	m = s.Rebuild([]string{f.path(note)})
	if m.Type != "state" || len(m.Problems) != 0 || !s.Healthy() {
		t.Errorf("fix gave %+v", m)
	}
}

func TestReloadListsChangedOpenPages(t *testing.T) {
	f := newFixture(t)
	s := newServer(t, f)
	ts := startHTTP(t, s)
	one, two := "notes/base-note-one/index.html", "notes/base-note-two/index.html"
	for _, p := range []string{one, two} {
		get(s, "GET", "/"+p) // the tab loads the page, then listens
		next(t, subscribeAs(t, ts.URL, p))
	}
	note := "content/notes/base-note-two.md"
	f.write(t, note, strings.Replace(f.read(t, note), "Original text of note two.", "Edited text of note two.", 1))
	m := s.Rebuild([]string{f.path(note)})
	if m.Type != "reload" {
		t.Fatalf("edit gave %+v", m)
	}
	if !slices.Equal(m.Pages, []string{two}) {
		t.Errorf("pages %q, want only the edited note %s", m.Pages, two)
	}
	if body := get(s, "GET", "/notes/base-note-two/").Body.String(); !strings.Contains(body, "Edited text of note two.") {
		t.Error("edit not served")
	}
	// A build with no change reloads no tab: they only learn the version.
	m = s.Rebuild([]string{f.path(note)})
	if m.Type != "state" || len(m.Pages) != 0 || m.Version == "" {
		t.Errorf("unchanged rebuild sent %+v", m)
	}
	// A page that was never served before the edit reloads to be safe.
	unseen := "entities/kant-air-base/index.html"
	next(t, subscribeAs(t, ts.URL, unseen))
	f.write(t, note, f.read(t, note)+"\nMore.\n")
	if m := s.Rebuild([]string{f.path(note)}); !slices.Equal(m.Pages, []string{unseen, two}) {
		t.Errorf("pages %q, want %s and the unseen %s", m.Pages, two, unseen)
	}
}

// A tab showing the 404 page for a note not yet written reloads when the
// note appears, and a tab on a note reloads when it goes.
func TestReloadWhenOpenPageAppearsOrGoes(t *testing.T) {
	f := newFixture(t)
	s := newServer(t, f)
	ts := startHTTP(t, s)
	fresh := "notes/brand-new/index.html"
	get(s, "GET", "/"+fresh)
	q := url.Values{"page": {fresh}, "served": {"404.html"}}
	next(t, subscribeURL(t, ts.URL+eventsPath+"?"+q.Encode()))
	note := "content/notes/brand-new.md"
	f.write(t, note, "---\ntitle: Brand new\ndate: 2026-02-01\nthemes: [bases]\n---\n\nJust written.\n")
	if m := s.Rebuild([]string{f.path(note)}); m.Type != "reload" || !slices.Contains(m.Pages, fresh) {
		t.Errorf("new note gave %+v", m)
	}
}

func TestStylesheetEditIsHotSwapped(t *testing.T) {
	f := newFixture(t)
	f.write(t, "static/style.css", "body { color: black; }\n")
	s := newServer(t, f)
	old := cssPath(t, siteFiles(t, s), "static/style.")
	f.write(t, "static/style.css", "body { color: black; }\nh1 { color: red; }\n")
	m := s.Rebuild([]string{f.path("static/style.css")})
	if m.Type != "css" {
		t.Fatalf("stylesheet edit gave %+v", m)
	}
	if want := old + "?v=" + m.Version; m.CSS[old] != want || len(m.CSS) != 1 {
		t.Errorf("css map %v, want %s -> %s", m.CSS, old, want)
	}
	if !strings.Contains(get(s, "GET", "/"+old).Body.String(), "h1 { color: red; }") {
		t.Error("the new stylesheet is not served")
	}
	// A stylesheet edited together with anything else reloads.
	f.write(t, "static/style.css", "h1 { color: blue; }\n")
	note := "content/notes/base-note-one.md"
	f.write(t, note, f.read(t, note)+"\nMore.\n")
	if m := s.Rebuild([]string{f.path("static/style.css"), f.path(note)}); m.Type != "reload" {
		t.Errorf("mixed edit gave %+v", m)
	}
}

// A script edit reaches open pages only through a reload: every tab
// reloads, whatever page it shows.
func TestScriptEditReloadsEveryTab(t *testing.T) {
	f := newFixture(t)
	f.write(t, "static/extra.js", "console.log(1);\n")
	s := newServer(t, f)
	f.write(t, "static/extra.js", "console.log(2);\n")
	if m := s.Rebuild([]string{f.path("static/extra.js")}); m.Type != "reload" || !m.All {
		t.Errorf("script edit gave %+v", m)
	}
}

func cssPath(t *testing.T, files output.Files, prefix string) string {
	t.Helper()
	for p := range files {
		if strings.HasPrefix(p, prefix) && strings.HasSuffix(p, ".css") {
			return p
		}
	}
	t.Fatalf("no %s*.css in the site", prefix)
	return ""
}

func TestPlaceholderUntilFirstGoodBuild(t *testing.T) {
	f := newFixture(t)
	note := "content/notes/base-note-one.md"
	good := f.read(t, note)
	f.write(t, note, strings.Replace(good, "[[test-2020#", "[[nobody-2020#", 1))
	s := newServer(t, f)
	rec := get(s, "GET", "/notes/base-note-one/")
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), reloadJSPath) {
		t.Fatalf("before a good build: %d %q", rec.Code, rec.Body.String())
	}
	f.write(t, note, good)
	if m := s.Rebuild([]string{f.path(note)}); m.Type != "reload" || !s.Healthy() {
		t.Errorf("first good build gave %+v", m)
	}
}

func TestIOErrorIsAProblem(t *testing.T) {
	p := problemFromError(io.ErrUnexpectedEOF)
	if p.Message != io.ErrUnexpectedEOF.Error() || p.Pos != "" {
		t.Errorf("problem %+v", p)
	}
}

// A template error repeated on every page is reported once, by a
// template edit's rebuild as by the check after the first build.
func TestRepeatedDiagnosticsAreReportedOnce(t *testing.T) {
	f := newFixture(t)
	f.write(t, "content/notes/base-note-three.md", "---\ntitle: Three\ndate: 2026-01-03\nthemes: [bases]\n---\n\nThree.\n")
	broken := `{{define "main"}}{{.NoSuchField}}{{end}}`
	at := filepath.ToSlash(f.path("templates/note.html")) + ":1"
	f.write(t, "templates/note.html", broken)
	s := New(f.opts, io.Discard, io.Discard)
	defer s.Close()
	events, _ := s.hub.subscribe(openPage{})
	s.Rebuild(nil)
	m := next(t, events)
	for ; len(m.Problems) == 0; m = next(t, events) {
	}
	if len(m.Problems) != 1 || !strings.HasPrefix(m.Problems[0].Pos, at) {
		t.Errorf("the check after the first build reported %+v, want one problem at %s", m.Problems, at)
	}

	f.write(t, "templates/note.html", broken+"\n")
	m = s.Rebuild([]string{f.path("templates/note.html")})
	if len(m.Problems) != 1 || !strings.HasPrefix(m.Problems[0].Pos, at) {
		t.Errorf("a template edit's rebuild reported %+v, want one problem at %s", m.Problems, at)
	}
}

// The first build is served before its templates are checked: the first
// page a browser asks for does not wait for a page of every template,
// which at 10,000 notes takes seconds. A template the check then finds
// failing is reported, and stays reported over content edits, while the
// site is served and the pages using it show the error; a template edit
// that fixes it clears it.
func TestFirstBuildIsServedBeforeItsTemplatesAreChecked(t *testing.T) {
	f := newFixture(t)
	f.write(t, "templates/note.html", `{{define "main"}}{{.NoSuchField}}{{end}}`)
	s := New(f.opts, io.Discard, io.Discard)
	defer s.Close()
	events, _ := s.hub.subscribe(openPage{})
	if m := s.Rebuild(nil); m.Type != "reload" || len(m.Problems) != 0 {
		t.Fatalf("first build gave %+v: its templates were checked before it was served", m)
	}
	if code, _ := page(s, "/"); code != http.StatusOK {
		t.Errorf("home page of the first build: %d", code)
	}
	for m := next(t, events); len(m.Problems) == 0; m = next(t, events) {
	}
	if s.Healthy() {
		t.Error("healthy with a failing template")
	}
	if code, body := page(s, "/notes/base-note-one/"); code != http.StatusInternalServerError || !strings.Contains(body, "NoSuchField") {
		t.Errorf("a page of the failing template: %d %q", code, body)
	}
	if code, _ := page(s, "/themes/bases/"); code != http.StatusOK {
		t.Errorf("a page of another template: %d", code)
	}

	note := "content/notes/base-note-two.md"
	f.write(t, note, strings.Replace(f.read(t, note), "title: Kant and the future", "title: Kant retitled", 1))
	if m := s.Rebuild([]string{f.path(note)}); len(m.Problems) == 0 || s.Healthy() {
		t.Errorf("a content edit forgot the failing template: %+v", m)
	}
	if _, body := page(s, "/themes/bases/"); !strings.Contains(body, "Kant retitled") {
		t.Error("the content edit is not served")
	}

	if err := os.Remove(f.path("templates/note.html")); err != nil {
		t.Fatal(err)
	}
	if m := s.Rebuild([]string{f.path("templates/note.html")}); len(m.Problems) != 0 || !s.Healthy() {
		t.Errorf("the template fix gave %+v", m)
	}
	if code, _ := page(s, "/notes/base-note-one/"); code != http.StatusOK {
		t.Errorf("note page after the fix: %d", code)
	}
}

// Pages of the served site render while a rebuild resolves the same
// parsed documents again: the theme overview's AST is shared by every
// build, and each retitling of a note it links to resolves its links
// anew. Run with -race, this shows the ASTs are only read.
func TestPagesRenderDuringRebuilds(t *testing.T) {
	f := newFixture(t)
	s := newServer(t, f)
	note := "content/notes/base-note-one.md"
	text := f.read(t, note)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, p := range []string{"/themes/bases/", "/print/", "/themes/bases/print/", "/notes/base-note-one/"} {
		wg.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if rec := get(s, "GET", p); rec.Code != http.StatusOK {
					t.Errorf("GET %s during a rebuild: %d", p, rec.Code)
					return
				}
			}
		})
	}
	for i := range 10 {
		title := "Retitled " + strconv.Itoa(i)
		f.write(t, note, strings.Replace(text, "title: ", "title: "+title+" ", 1))
		if m := s.Rebuild([]string{f.path(note)}); len(m.Problems) > 0 {
			t.Fatalf("rebuild %d: %+v", i, m.Problems)
		}
		if body := get(s, "GET", "/themes/bases/").Body.String(); !strings.Contains(body, title) {
			t.Errorf("theme page after rebuild %d lacks the title %q", i, title)
		}
	}
	close(done)
	wg.Wait()
}
