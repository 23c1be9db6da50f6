// Package extract turns a document an analyst brings (a PDF, a saved web
// page, Markdown or plain text) into a dossier source: the text that
// becomes content/sources/<key>.txt, the front matter filled from what
// the document says about itself, and the original kept beside it as the
// record. The PDF and web page readers are the sub-packages pdf and html.
package extract

import (
	"bytes"
	"cmp"
	"context"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-dev/dossier/internal/extract/html"
	"github.com/dossier-dev/dossier/internal/extract/pdf"
	"github.com/dossier-dev/dossier/internal/site"
)

// The formats a document can come in.
const (
	PDF      = "pdf"
	HTML     = "html"
	Markdown = "markdown"
	Plain    = "plain"
)

// Source is a document read for the dossier.
type Source struct {
	// Path is the document's file, and Format what it is.
	Path, Format string
	// Meta is what the document says about itself; what it does not say
	// is empty here and "unknown" in the front matter.
	Meta site.SourceMeta
	// Rules are the cleaning rules to write: the format the text is in,
	// when it is not for cleaning to detect.
	Rules site.CleaningRules
	// Text is the source's text: for a PDF or a web page, the Markdown
	// extracted from it; for Markdown and text, the document's own,
	// byte for byte after any front matter it had.
	Text string
	// Original is the document itself, kept beside the text when the
	// text was extracted from it; nil for Markdown and plain text, which
	// are their own record.
	Original []byte
	// TextLine is the line of the document where Text starts: after its
	// own front matter, for Markdown and text; 1 for the others.
	TextLine int
}

// Read reads the document at path, extracting its text and metadata.
func Read(ctx context.Context, path string) (*Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s := &Source{Path: path, Format: Format(path, data), TextLine: 1}
	switch s.Format {
	case PDF:
		doc, err := pdf.Read(ctx, path)
		if err != nil {
			return nil, err
		}
		m := doc.Meta
		s.Meta = site.SourceMeta{Title: m.Title, Authors: m.Authors, Date: m.Date, Publisher: m.Publisher,
			Language: m.Language, Description: m.Subject, Kind: "report", Extractor: m.Extractor}
		s.Text, s.Original = doc.Text, data
		s.Rules.Format = Markdown
	case HTML:
		doc, err := html.Read(bytes.NewReader(data), "")
		if err != nil {
			return nil, err
		}
		m := doc.Meta
		s.Meta = site.SourceMeta{Title: m.Title, Authors: m.Authors, Date: m.Date, Publisher: m.Publisher, URL: m.URL,
			Language: m.Language, Description: m.Description, Kind: m.Kind, Extractor: m.Extractor}
		s.Text, s.Original = doc.Text, data
		s.Rules.Format = Markdown
	default:
		s.Meta, s.Rules, s.Text = ownFrontMatter(string(data))
		s.TextLine += strings.Count(string(data[:len(data)-len(s.Text)]), "\n")
		if s.Meta.Title == "" {
			s.Meta.Title = firstLineTitle(s.Text, s.Format)
		}
	}
	s.Text = strings.TrimPrefix(s.Text, "\uFEFF")
	return s, nil
}

// Format tells what a document is, by its first bytes where they say
// and else by its name.
func Format(path string, data []byte) string {
	head := strings.ToLower(string(bytes.TrimLeft(data[:min(len(data), 512)], "\ufeff \t\r\n")))
	switch {
	case strings.HasPrefix(head, "%pdf-"):
		return PDF
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"):
		return HTML
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pdf":
		return PDF
	case ".html", ".htm", ".xhtml":
		return HTML
	case ".md", ".markdown":
		return Markdown
	}
	return Plain
}

// ownFrontMatter splits the YAML front matter a Markdown or text file may
// already have (notes apps write title, author and date there; a dossier
// source has its own) from its text, and takes what it can from it,
// cleaning rules included, turned from file lines into text lines.
func ownFrontMatter(doc string) (site.SourceMeta, site.CleaningRules, string) {
	var fields struct {
		site.SourceMeta `yaml:",inline"`
		Author          string             `yaml:"author"`
		Source          string             `yaml:"source"`
		Cleaning        site.CleaningRules `yaml:"cleaning"`
	}
	rest, ok := strings.CutPrefix(doc, "---\n")
	if !ok {
		return fields.SourceMeta, fields.Cleaning, doc
	}
	front, body, ok := strings.Cut(rest, "\n---\n")
	if !ok || yaml.Unmarshal([]byte(front), &fields) != nil {
		return site.SourceMeta{}, site.CleaningRules{}, doc
	}
	m, rules := fields.SourceMeta, fields.Cleaning
	if fields.Author != "" {
		m.Authors = append([]string{fields.Author}, m.Authors...)
	}
	m.URL = cmp.Or(m.URL, fields.Source)
	offset := strings.Count(front, "\n") + 3 // with both "---" lines
	for _, lines := range []*[]int{&rules.BreakBefore, &rules.JoinBefore, &rules.Drop, &rules.Keep} {
		for i := range *lines {
			(*lines)[i] -= offset
		}
	}
	return m, rules, body
}

// firstLineTitle is a document's title when its first line reads as one:
// a Markdown heading, or one short line that does not end a sentence.
func firstLineTitle(text, format string) string {
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if format == Markdown {
			if t, ok := strings.CutPrefix(line, "# "); ok {
				return strings.TrimSpace(t)
			}
			return ""
		}
		if len([]rune(line)) <= 150 && !strings.ContainsAny(line[len(line)-1:], ".,;:!?") {
			return line
		}
		return ""
	}
	return ""
}
