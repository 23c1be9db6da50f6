package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"html"
	"net/http"
	"sync"
	"time"
)

// Paths the server answers itself. They sit under one prefix that a site
// cannot produce (slugs never start with an underscore).
const (
	devPrefix    = "/_dossier/"
	eventsPath   = devPrefix + "events"
	reloadJSPath = devPrefix + "reload.js"
)

// reloadJS is the client: it listens to eventsPath, reloads or restyles
// the page and draws the error overlay. It is embedded in the binary and
// only ever served by this package, so built sites carry no dev code.
//
//go:embed reload.js
var reloadJS []byte

// keepAlive is how often an idle event stream gets a comment line, so
// proxies and the browser do not time the connection out.
const keepAlive = 20 * time.Second

// Message is what the server tells open pages. Every message carries the
// whole current problem list, so a page that missed one still ends in the
// right state.
type Message struct {
	// Type is "hello" (sent on connect), "reload" (open pages changed),
	// "css" (only stylesheets changed: swap them in place) or "state"
	// (the problems changed, or the site did but no open page).
	Type string `json:"type"`
	// Version names the served site. A page whose version is not the one
	// in a hello message missed a change while it was not connected.
	Version string `json:"version"`
	// Pages are the site paths of the open pages that changed, appeared
	// or went (reload only). All is set instead after the first good
	// build, which every open tab (showing a placeholder) must load.
	Pages []string `json:"pages,omitempty"`
	All   bool     `json:"all,omitempty"`
	// CSS maps the site path of each changed stylesheet to the URL of
	// its new version (css only).
	CSS map[string]string `json:"css,omitempty"`
	// Problems are what is wrong with the content now; empty when the last
	// build succeeded.
	Problems []Problem `json:"problems"`
}

// hub fans messages out to the connected event streams, and knows which
// page each stream's tab shows.
type hub struct {
	mu      sync.Mutex
	clients map[chan Message]openPage
	closed  bool
}

// openPage is what one tab shows: page is the site path its URL names,
// served the file it was sent (404.html for a missing page, empty for an
// error page). Both are empty for a stream that did not say.
type openPage struct{ page, served string }

func newHub() *hub { return &hub{clients: map[chan Message]openPage{}} }

// clientBuffer is how many messages a slow page may fall behind before it
// is dropped. A dropped page reconnects, gets a hello with the current
// version and reloads, so dropping loses nothing but a reload.
const clientBuffer = 16

func (h *hub) subscribe(open openPage) (chan Message, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	c := make(chan Message, clientBuffer)
	h.clients[c] = open
	return c, true
}

// open lists the pages the connected tabs show, each once.
func (h *hub) open() []openPage {
	h.mu.Lock()
	defer h.mu.Unlock()
	seen := map[openPage]bool{}
	var out []openPage
	for _, o := range h.clients {
		if o.page != "" && !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	return out
}

func (h *hub) unsubscribe(c chan Message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[c]; ok {
		delete(h.clients, c)
		close(c)
	}
}

func (h *hub) broadcast(m Message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- m:
		default:
			delete(h.clients, c)
			close(c)
		}
	}
}

// close ends every stream, so that http.Server.Shutdown, which waits for
// handlers to return, does not wait forever on open tabs.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for c := range h.clients {
		delete(h.clients, c)
		close(c)
	}
}

// events streams messages to one page with Server-Sent Events. The
// client names the page it shows in the query (page, served), so that a
// rebuild renders that page and tells the tab whether it changed. Only
// the preview's own pages may listen (see host.go).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if !sameOrigin(r) {
		refuseOrigin(w, r.Header.Get("Origin"))
		return
	}
	q := r.URL.Query()
	c, ok := s.hub.subscribe(openPage{page: q.Get("page"), served: q.Get("served")})
	if !ok {
		http.Error(w, "server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(c)
	// Read the state after subscribing: a build that lands in between is
	// then both in the hello and queued, and a page handles a repeat.
	st := s.state.Load()
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	// A short retry: after `dossier serve` restarts, tabs reconnect at once.
	if _, err := w.Write([]byte("retry: 500\n\n")); err != nil {
		return
	}
	problems := st.problems
	if problems == nil {
		problems = []Problem{} // "no problems", not "unknown"
	}
	if writeEvent(w, Message{Type: "hello", Version: st.version, Problems: problems}) != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-c:
			if !ok {
				return
			}
			if writeEvent(w, m) != nil || rc.Flush() != nil {
				return
			}
		case <-tick.C:
			if _, err := w.Write([]byte(": keep-alive\n\n")); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

// writeEvent writes one SSE event. JSON escapes newlines inside strings,
// so the encoded message is always one data line.
func writeEvent(w http.ResponseWriter, m Message) error {
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("data: ")
	b.Write(data)
	b.WriteString("\n\n")
	_, err = w.Write(b.Bytes())
	return err
}

// inject adds the reload client to an HTML page, just before </body> (or
// at the end when there is none), telling it which site version it shows
// and which site paths it stands for: page is the file the URL names,
// served the file actually sent (404.html for a missing page), so the page
// reloads when either changes.
func inject(doc []byte, version, page, served string) []byte {
	tag := `<script src="` + reloadJSPath + `" data-version="` + html.EscapeString(version) +
		`" data-page="` + html.EscapeString(page) + `" data-served="` + html.EscapeString(served) + `"></script>` + "\n"
	i := lastIndexFold(doc, []byte("</body>"))
	if i < 0 {
		i = len(doc)
	}
	out := make([]byte, 0, len(doc)+len(tag))
	out = append(out, doc[:i]...)
	out = append(out, tag...)
	return append(out, doc[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case, for </BODY>. The
// templates write lower case, so the exact search usually answers.
func lastIndexFold(s, sep []byte) int {
	if i := bytes.LastIndex(s, sep); i >= 0 {
		return i
	}
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
