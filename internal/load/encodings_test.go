package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// A byte-order mark and any of the three line endings are read alike,
// with positions that count lines as an editor shows them.
func TestEncodings(t *testing.T) {
	const bom = "\uFEFF"
	tests := []struct {
		name  string
		file  string
		data  string
		title string // the title loaded, for a note
		body  string // the body loaded, with its first line
		line  int
		want  []string
	}{
		{"LF", "notes/n.md", "---\ntitle: T\n---\nBody\nmore\n", "T", "Body\nmore\n", 4, nil},
		{"CRLF", "notes/n.md", "---\r\ntitle: T\r\n---\r\nBody\r\nmore\r\n", "T", "Body\nmore\n", 4, nil},
		{"CR alone", "notes/n.md", "---\rtitle: T\r---\rBody\rmore\r", "T", "Body\nmore\n", 4, nil},
		{"byte-order mark", "notes/n.md", bom + "---\ntitle: T\n---\nBody\n", "T", "Body\n", 4, nil},
		{"byte-order mark and CRLF", "notes/n.md", bom + "---\r\ntitle: T\r\n---\r\nBody\r\n", "T", "Body\n", 4, nil},
		{"byte-order mark and CR alone", "notes/n.md", bom + "---\rtitle: T\r---\r\rBody\r", "T", "\nBody\n", 4, nil},
		{"mixed endings", "notes/n.md", "---\ntitle: T\r\n---\rBody\r\r\nmore", "T", "Body\n\nmore", 4, nil},
		{"CR alone, position of a bad date", "notes/n.md", "---\rtitle: T\rdate: 2023-02-31\r---\r", "T", "", 5,
			[]string{`c/notes/n.md:3:7: invalid date "2023-02-31": 2023-02 has 28 days`}},
		{"byte-order mark, position on the first line", "dossier.yaml", bom + "title: [T\n", "", "", 0,
			[]string{`c/dossier.yaml:1:9: invalid front matter: did not find expected ',' or ']'`}},
		{"CR alone, position of a byte that is not UTF-8", "notes/n.md", "---\rtitle: T\r---\rna\xefve\r", "", "", 0,
			[]string{`c/notes/n.md:4:3: file is not valid UTF-8`}},
		{"UTF-16", "notes/n.md", "\xFF\xFE-\x00-\x00-\x00\n\x00", "", "", 0,
			[]string{`c/notes/n.md:1:1: file is UTF-16, not UTF-8: save it as UTF-8`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, diags := Load(withConfig(fstest.MapFS{tt.file: {Data: []byte(tt.data)}}), "c")
			if got := diagStrings(diags); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.title == "" {
				return
			}
			if len(c.Notes) != 1 {
				t.Fatalf("%d notes, want 1", len(c.Notes))
			}
			n := c.Notes[0]
			if n.Title != tt.title || n.Body != tt.body || n.BodyLine != tt.line {
				t.Errorf("title %q, body %q from line %d; want %q, %q from line %d", n.Title, n.Body, n.BodyLine, tt.title, tt.body, tt.line)
			}
		})
	}
}
