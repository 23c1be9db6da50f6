package extract

import (
	"bytes"
	"fmt"
	"path/filepath"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-dev/dossier/internal/site"
)

// frontMatter is a source's front matter in the order an analyst reads
// it; what the document does not say is "unknown".
type frontMatter struct {
	site.SourceMeta `yaml:",inline"`
	Cleaning        *cleaning `yaml:"cleaning,omitempty"`
}

// cleaning is the one cleaning rule add writes: the format of an
// extracted text, which is Markdown whatever the document was.
type cleaning struct {
	Format string `yaml:"format"`
}

// File is the source file add writes for s under key: front matter, then
// the text. cite is the short name for citation marks, and today the
// date the source was added.
func (s *Source) File(key, cite string, today time.Time) ([]byte, error) {
	m := s.Meta
	for _, v := range []*string{&m.Title, &m.Publisher, &m.Date, &m.URL, &m.Kind, &m.Language} {
		if *v == "" {
			*v = "unknown"
		}
	}
	if len(m.Authors) == 0 {
		m.Authors = []string{"unknown"}
	}
	m.Cite = cite
	m.Note = fmt.Sprintf("Added with dossier add from %s on %s. Fields the document does not give say unknown; check them against the original.",
		filepath.Base(s.Path), today.Format("2006-01-02"))
	// The original is the document read, kept under the key; an
	// original: that a text's own front matter named stays behind.
	m.Original = ""
	if s.Original != nil {
		m.Original = key + OriginalExt(s.Format)
	}
	fm := frontMatter{SourceMeta: m}
	if s.Rules.Format != "" {
		fm.Cleaning = &cleaning{Format: s.Rules.Format}
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	b.WriteString("---\n")
	b.WriteString(s.Text)
	return b.Bytes(), nil
}

// TextExt is the extension of the source file add writes: ".md" for
// Markdown as it came, ".txt" for everything else.
func (s *Source) TextExt() string {
	if s.Format == Markdown {
		return ".md"
	}
	return ".txt"
}

// OriginalExt is the extension an original document is kept under.
func OriginalExt(format string) string {
	if format == PDF {
		return ".pdf"
	}
	return ".html"
}
