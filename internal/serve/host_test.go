package serve

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Listening on loopback, the server answers only requests that name this
// machine; listening beyond it (shared), it answers any name.
func TestHostIsCheckedOnLoopback(t *testing.T) {
	for _, tc := range []struct {
		host     string
		loopback int // status when listening on loopback
	}{
		{"127.0.0.1:8080", http.StatusOK},
		{"127.0.0.1", http.StatusOK},
		{"127.9.9.9:1", http.StatusOK},
		{"localhost", http.StatusOK},
		{"LOCALHOST:1", http.StatusOK},
		{"localhost.:8080", http.StatusOK},
		{"preview.localhost:8080", http.StatusOK},
		{"[::1]:9", http.StatusOK},
		{"[::1]", http.StatusOK},
		{"[::ffff:127.0.0.1]:8080", http.StatusOK},
		{"evil.example", http.StatusMisdirectedRequest},
		{"evil.example:8080", http.StatusMisdirectedRequest},
		{"127.0.0.1.evil.example", http.StatusMisdirectedRequest},
		{"localhost.evil.example", http.StatusMisdirectedRequest},
		{"evillocalhost:8080", http.StatusMisdirectedRequest},
		{"localhost:8080:9", http.StatusMisdirectedRequest},
		{"0.0.0.0:8080", http.StatusMisdirectedRequest},
		{"[::]:8080", http.StatusMisdirectedRequest},
		{"192.168.1.5:8080", http.StatusMisdirectedRequest},
		{"", http.StatusMisdirectedRequest},
	} {
		for _, shared := range []bool{false, true} {
			s := synthetic(t, sample)
			s.shared = shared
			want := tc.loopback
			if shared {
				want = http.StatusOK
			}
			// The check comes before everything the server answers itself.
			for _, path := range []string{"/", "/notes/x/", reloadJSPath} {
				req := newRequest("GET", path)
				req.Host = tc.host
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				if rec.Code != want {
					t.Errorf("shared %v, Host %q, GET %s: status %d, want %d", shared, tc.host, path, rec.Code, want)
					continue
				}
				if want == http.StatusOK {
					continue
				}
				if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
					t.Errorf("Host %q: refusal Content-Type %q", tc.host, ct)
				}
				if body := rec.Body.String(); !strings.Contains(body, "DNS rebinding") || strings.Contains(body, "home") {
					t.Errorf("Host %q: refusal body %q", tc.host, body)
				}
			}
		}
	}
}

// The event stream refuses another site's page, whatever the Host policy.
func TestOriginIsCheckedOnTheEventStream(t *testing.T) {
	for _, tc := range []struct {
		shared bool
		// host and origin name the server's own address as SELF, its
		// port as PORT.
		host, origin string
		want         int
	}{
		{false, "SELF", "", http.StatusOK},
		{false, "SELF", "http://SELF", http.StatusOK},
		{false, "localhost:PORT", "http://LOCALHOST:PORT", http.StatusOK},
		{false, "SELF", "http://evil.example", http.StatusForbidden},
		{false, "SELF", "http://SELF.evil.example", http.StatusForbidden},
		{false, "SELF", "http://localhost:PORT", http.StatusForbidden}, // another origin, though on this machine
		{false, "SELF", "http://127.0.0.1:1", http.StatusForbidden},
		{false, "SELF", "null", http.StatusForbidden},
		{false, "SELF", "http://", http.StatusForbidden},
		{false, "SELF", "::nonsense", http.StatusForbidden},
		{false, "evil.example", "http://evil.example", http.StatusMisdirectedRequest},
		{true, "evil.example", "http://evil.example", http.StatusOK},
		{true, "preview.lan:8080", "http://evil.example", http.StatusForbidden},
		{true, "preview.lan:8080", "", http.StatusOK},
	} {
		s := synthetic(t, sample)
		s.shared = tc.shared
		ts := startHTTP(t, s)
		self := strings.TrimPrefix(ts.URL, "http://")
		_, port, _ := strings.Cut(self, ":")
		name := strings.NewReplacer("SELF", self, "PORT", port)
		host, origin := name.Replace(tc.host), name.Replace(tc.origin)
		if got := streamStatus(t, ts.URL, host, origin); got != tc.want {
			t.Errorf("shared %v, Host %q, Origin %q: status %d, want %d", tc.shared, host, origin, got, tc.want)
		}
	}
}

// streamStatus opens the event stream at base with the given Host and
// Origin headers and returns the status; an accepted stream must start
// with its hello.
func streamStatus(t *testing.T, base, host, origin string) int {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", base+eventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
			t.Errorf("Host %q, Origin %q: Content-Type %q", host, origin, ct)
		}
		var hello [64]byte
		if n, _ := io.ReadAtLeast(resp.Body, hello[:], len("retry: 500\n\ndata: {\"type\":\"hello\"")); !strings.Contains(string(hello[:n]), `"hello"`) {
			t.Errorf("Host %q, Origin %q: stream began %q", host, origin, hello[:n])
		}
	}
	return resp.StatusCode
}

// Run applies the policy of the address it listens on: on loopback a
// rebound name is refused; beyond it, where it warns, any name is served.
func TestRunChecksHostOnLoopbackOnly(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want int
		warn bool
	}{
		{"127.0.0.1:0", http.StatusMisdirectedRequest, false},
		{"0.0.0.0:0", http.StatusOK, true},
	} {
		f := newFixture(t)
		ctx, cancel := context.WithCancel(context.Background())
		ready := make(chan string, 1)
		var stderr strings.Builder
		done := make(chan error, 1)
		go func() {
			done <- Run(ctx, Config{
				Build: f.opts, Addr: tc.addr, Ready: func(u string) { ready <- u },
				Stdout: io.Discard, Stderr: &stderr,
			})
		}()
		var base string
		select {
		case base = <-ready:
		case err := <-done:
			t.Fatalf("%s: Run ended before serving: %v", tc.addr, err)
		}
		for _, req := range []struct {
			host string // "" for the one in the URL
			want int
		}{{"", http.StatusOK}, {"evil.example", tc.want}} {
			r, _ := http.NewRequest("GET", base, nil)
			if req.host != "" {
				r.Host = req.host
			}
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != req.want {
				t.Errorf("%s: GET %s with Host %q: status %d, want %d", tc.addr, base, r.Host, resp.StatusCode, req.want)
			}
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("%s: Run: %v", tc.addr, err)
		}
		if warned := strings.Contains(stderr.String(), "warning: listening on"); warned != tc.warn {
			t.Errorf("%s: warned %v, want %v: %q", tc.addr, warned, tc.warn, stderr.String())
		}
	}
}
