package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/output"
)

// waitLimit bounds how long a test waits for something to happen. It is
// a ceiling for a failing test, not an expectation about speed.
const waitLimit = 30 * time.Second

// fixture is a copy of testdata/site in a temp folder: content/ only, so
// templates/ and static/ start missing and the built-in ones apply.
type fixture struct {
	dir  string
	opts build.Options
}

func newFixture(t testing.TB) fixture {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	copyTree(t, "testdata/site", dir)
	return fixture{dir: dir, opts: build.Options{
		Content:   filepath.Join(dir, "content"),
		Templates: filepath.Join(dir, "templates"),
		Static:    filepath.Join(dir, "static"),
	}}
}

func (f fixture) path(rel string) string { return filepath.Join(f.dir, filepath.FromSlash(rel)) }

func (f fixture) read(t testing.TB, rel string) string {
	t.Helper()
	data, err := os.ReadFile(f.path(rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func (f fixture) write(t testing.TB, rel, data string) {
	t.Helper()
	p := f.path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// copyTree copies the files below src into dst.
func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// newServer builds the fixture once and returns its server.
func newServer(t testing.TB, f fixture) *Server {
	t.Helper()
	s := New(f.opts, io.Discard, &testWriter{t})
	t.Cleanup(s.Close)
	s.Rebuild(nil)
	return s
}

// testWriter sends the server's stderr to the test log.
type testWriter struct{ t testing.TB }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Logf("server: %s", strings.TrimSpace(string(p)))
	return len(p), nil
}

// startHTTP serves s on a loopback port until the test ends. The event
// streams are ended first, since httptest's Close waits for every
// request, and a stream does not end by itself.
func startHTTP(t testing.TB, s *Server) *httptest.Server {
	ts := httptest.NewServer(s)
	t.Cleanup(func() {
		s.Close()
		ts.Close()
	})
	return ts
}

// get requests a path from the handler directly, as a browser on this
// machine would.
func get(h http.Handler, method, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, newRequest(method, target))
	return rec
}

// newRequest is a request for target naming the host a browser on this
// machine would (httptest's own default, example.com, is refused).
func newRequest(method, target string) *http.Request {
	req := httptest.NewRequest(method, target, nil)
	req.Host = "127.0.0.1:8080"
	return req
}

// eventually polls cond until it holds, failing the test after waitLimit.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// subscribe opens the event stream of the server at base and returns its
// messages; the stream closes with the test.
func subscribe(t testing.TB, base string) <-chan Message {
	t.Helper()
	return subscribeAs(t, base, "")
}

// subscribeAs opens the event stream as a tab showing the site's page at
// path would: its messages then say whether that page changed.
func subscribeAs(t testing.TB, base, page string) <-chan Message {
	t.Helper()
	q := url.Values{"page": {page}, "served": {page}}
	return subscribeURL(t, base+eventsPath+"?"+q.Encode())
}

// subscribeURL opens the event stream at u.
func subscribeURL(t testing.TB, u string) <-chan Message {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	out := make(chan Message, 64)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var m Message
			if err := json.Unmarshal([]byte(data), &m); err != nil {
				t.Errorf("bad event %q: %v", data, err)
				return
			}
			out <- m
		}
	}()
	return out
}

// next returns the next message, failing the test after waitLimit.
func next(t testing.TB, c <-chan Message) Message {
	t.Helper()
	select {
	case m, ok := <-c:
		if !ok {
			t.Fatal("event stream closed")
		}
		return m
	case <-time.After(waitLimit):
		t.Fatal("timed out waiting for an event")
	}
	return Message{}
}

// siteFiles renders every file of the site s serves.
func siteFiles(t testing.TB, s *Server) output.Files {
	t.Helper()
	files, err := s.Files()
	if err != nil {
		t.Fatal(err)
	}
	return files
}
