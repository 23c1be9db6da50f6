package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// base_url goes into the 404 page, the feed, the sitemap and robots.txt:
// it must be an absolute http or https URL, or the page loads its
// scripts from wherever the URL says.
func TestBaseURL(t *testing.T) {
	const msg = " is not an absolute http or https URL such as https://example.org/dossier"
	tests := []struct {
		yaml string // the base_url line of dossier.yaml
		want string // the loaded base URL
		diag string // the diagnostic, if any
	}{
		{"base_url: https://example.org/dossier", "https://example.org/dossier", ""},
		{"base_url: https://example.org/dossier/", "https://example.org/dossier", ""},
		{"base_url: http://localhost:8080", "http://localhost:8080", ""},
		{"base_url: HTTPS://Example.org", "HTTPS://Example.org", ""},
		{"base_url: http://[::1]:8080/d", "http://[::1]:8080/d", ""},
		{"base_url: //evil.example", "", `c/dossier.yaml:2:11: base_url "//evil.example"` + msg},
		{"base_url: 'javascript:alert(1)'", "", `c/dossier.yaml:2:11: base_url "javascript:alert(1)"` + msg},
		{"base_url: javascript://evil.example/%0aalert(1)", "", `c/dossier.yaml:2:11: base_url "javascript://evil.example/%0aalert(1)"` + msg},
		{"base_url: data:text/html,x", "", `c/dossier.yaml:2:11: base_url "data:text/html,x"` + msg},
		{"base_url: ftp://example.org", "", `c/dossier.yaml:2:11: base_url "ftp://example.org"` + msg},
		{"base_url: example.org/dossier", "", `c/dossier.yaml:2:11: base_url "example.org/dossier"` + msg},
		{"base_url: /dossier", "", `c/dossier.yaml:2:11: base_url "/dossier"` + msg},
		{"base_url: https:///dossier", "", `c/dossier.yaml:2:11: base_url "https:///dossier"` + msg},
		{"base_url: https:example.org", "", `c/dossier.yaml:2:11: base_url "https:example.org"` + msg},
		{"base_url: https://user:pw@example.org", "", `c/dossier.yaml:2:11: base_url "https://user:pw@example.org"` + msg},
		{"base_url: https://example.org/?a=b", "", `c/dossier.yaml:2:11: base_url "https://example.org/?a=b"` + msg},
		{"base_url: https://example.org/#top", "", `c/dossier.yaml:2:11: base_url "https://example.org/#top"` + msg},
		{`base_url: "https://example.org/\"><script>"`, "", `c/dossier.yaml:2:11: base_url "https://example.org/\"><script>"` + msg},
		{`base_url: "https://example.org/a b"`, "", `c/dossier.yaml:2:11: base_url "https://example.org/a b"` + msg},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			c, diags := Load(fstest.MapFS{"dossier.yaml": {Data: []byte("title: T\n" + tt.yaml + "\n")}}, "c")
			var want []string
			if tt.diag != "" {
				want = []string{tt.diag}
			}
			if got := diagStrings(diags); !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.diag)
			}
			if c.Config.BaseURL != tt.want {
				t.Errorf("base URL %q, want %q", c.Config.BaseURL, tt.want)
			}
		})
	}
}

// print_notes takes full or summaries; anything else is an error at the
// value, and the edition then chooses by the number of notes.
func TestPrintNotes(t *testing.T) {
	for _, tt := range []struct{ yaml, want, diag string }{
		{"print_notes: full", "full", ""},
		{"print_notes: summaries", "summaries", ""},
		{"print_notes: abstracts", "", `c/dossier.yaml:2:14: print_notes "abstracts": say full or summaries`},
	} {
		c, diags := Load(fstest.MapFS{"dossier.yaml": {Data: []byte("title: T\n" + tt.yaml + "\n")}}, "c")
		var want []string
		if tt.diag != "" {
			want = []string{tt.diag}
		}
		if got := diagStrings(diags); !slices.Equal(got, want) || c.Config.PrintNotes != tt.want {
			t.Errorf("%s: %q, diagnostics %q; want %q, %q", tt.yaml, c.Config.PrintNotes, got, tt.want, want)
		}
	}
}
