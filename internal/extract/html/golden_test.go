package html

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/pages")

// TestPages reads each page in testdata/pages and compares its metadata
// and text with NAME.golden beside it. Pages that carry a URL to read
// them under name it in a first-line comment: <!-- url: https://... -->.
func TestPages(t *testing.T) {
	pages, err := filepath.Glob("testdata/pages/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			pageURL := ""
			if line, _, _ := bytes.Cut(raw, []byte("\n")); bytes.HasPrefix(line, []byte("<!-- url: ")) {
				pageURL = strings.TrimSuffix(strings.TrimPrefix(string(line), "<!-- url: "), " -->")
			}
			doc, err := Read(bytes.NewReader(raw), pageURL)
			if err != nil {
				t.Fatal(err)
			}
			got := golden(doc)
			file := strings.TrimSuffix(page, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs; got:\n%s", file, got)
			}
		})
	}
}

// golden writes a document as its golden file: the metadata, less the
// extractor's version, then the text.
func golden(d *Document) string {
	m := d.Meta
	var b strings.Builder
	for _, f := range []struct{ k, v string }{
		{"title", m.Title}, {"authors", strings.Join(m.Authors, "; ")}, {"date", m.Date},
		{"publisher", m.Publisher}, {"url", m.URL}, {"language", m.Language},
		{"description", m.Description}, {"kind", m.Kind},
	} {
		fmt.Fprintf(&b, "%s: %s\n", f.k, f.v)
	}
	b.WriteString("---\n")
	b.WriteString(d.Text)
	return b.String()
}

func TestReadEmpty(t *testing.T) {
	for _, page := range []string{"", "<html>", "<p>Just a line.</p>", "\xff\xfe<\x00p\x00>\x00"} {
		if _, err := Read(strings.NewReader(page), "not a url"); err != nil {
			t.Errorf("Read(%q): %v", page, err)
		}
	}
}

func TestDecode(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"declared legacy", "<meta charset=\"iso-8859-2\"><p>\xb9la\xa0</p>", "<meta charset=\"iso-8859-2\"><p>šla\u00a0</p>"},
		{"undeclared legacy", "<p>caf\xe9</p>", "<p>café</p>"},
		{"declared legacy, saved as UTF-8", "<meta charset=\"windows-1252\"><p>café</p>", "<meta charset=\"windows-1252\"><p>café</p>"},
		{"byte order mark", "\xef\xbb\xbf<p>x</p>", "<p>x</p>"},
		{"composed, soft hyphens and markers removed", "<p>cafe\u0301 co\u00adop\u200b\uE000x\uE001</p>", "<p>café coopx</p>"},
	} {
		if got := decode([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
