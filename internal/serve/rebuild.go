package serve

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/output"
)

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
		// A template error fails every page that uses the template, with
		// the same position and message: one report is enough. Sorted
		// diagnostics put the copies side by side.
		diags.Sort()
		diags = slices.Compact(diags)
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
	if css := d.stylesheets(version); css != nil && old.problems == nil && old.files != nil && s.stylesheetsOnly(changed) {
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
			other := len(d.added) + len(d.removed) + len(d.changed)
			fmt.Fprintf(s.stdout, "rebuilt in %s: %d %s and %d other %s changed\n", took,
				len(d.pages), plural(len(d.pages), "page", "pages"), other, plural(other, "file", "files"))
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

// siteDiff is how one build differs from the previous.
type siteDiff struct {
	pages []string // HTML files changed, added or removed
	// Other files, by what happened to them.
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

// stylesheets maps each changed stylesheet's site path to the URL that
// fetches the new version, when changed stylesheets are all that changed;
// otherwise nil, and the pages must reload. Serve builds with stable
// asset names, so a stylesheet edit changes that file and no page.
func (d siteDiff) stylesheets(version string) map[string]string {
	if len(d.pages)+len(d.added)+len(d.removed) > 0 || len(d.changed) == 0 {
		return nil
	}
	css := map[string]string{}
	for _, p := range d.changed {
		if !strings.HasSuffix(p, ".css") {
			return nil
		}
		css[p] = p + "?v=" + version
	}
	return css
}
