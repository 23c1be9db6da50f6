// Package corpus writes synthetic dossiers of any size for benchmarks and
// for comparing dossier with other generators: the shipped sources,
// themes and entities, plus N generated notes that cite the sources with
// verified quotes, link each other, and use headings, lists, footnotes
// and fenced code, as real notes do.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Options says what to generate.
type Options struct {
	// Shipped is the shipped content folder whose sources, themes,
	// entities and notes (for their verified quotes) are reused.
	Shipped string
	// Notes is how many notes to write.
	Notes int
	// Seed makes the corpus reproducible.
	Seed uint64
}

// Corpus is generated prose: note bodies in dossier Markdown, with the
// same notes also expressible as plain Markdown for other generators.
type Corpus struct {
	opts      Options
	quotes    []string // verified quote wikilinks from the shipped notes
	sentences []string // prose to fill notes with
	themes    []string
}

var (
	quoteLink = regexp.MustCompile(`\[\[[a-z0-9-]+#"[^"\]]+"\]\]`)
	anyLink   = regexp.MustCompile(`\[\[[^\]|]*(\|[^\]]*)?\]\]`)
)

// New reads the shipped content the corpus draws on.
func New(opts Options) (*Corpus, error) {
	c := &Corpus{opts: opts, themes: []string{"csto", "drugs", "extremism", "bases"}}
	notes, err := filepath.Glob(filepath.Join(opts.Shipped, "notes", "*.md"))
	if err != nil || len(notes) == 0 {
		return nil, fmt.Errorf("corpus: no shipped notes in %s", opts.Shipped)
	}
	seen := map[string]bool{}
	for _, n := range notes {
		data, err := os.ReadFile(n)
		if err != nil {
			return nil, err
		}
		text := string(data)
		for _, q := range quoteLink.FindAllString(text, -1) {
			if !seen[q] {
				seen[q] = true
				c.quotes = append(c.quotes, q)
			}
		}
		if i := strings.Index(text[3:], "\n---\n"); i >= 0 {
			for _, line := range strings.Split(text[i+8:], "\n") {
				// Prose keeps link labels but no links: notes link
				// to generated notes, not to the shipped ones.
				line = strings.TrimSpace(anyLink.ReplaceAllStringFunc(line, func(l string) string {
					if i := strings.LastIndexByte(l, '|'); i >= 0 {
						return l[i+1 : len(l)-2]
					}
					return "the source"
				}))
				if len(line) > 80 && !strings.ContainsAny(line[:1], "#|-*[>`") && !strings.Contains(line, "[[") {
					c.sentences = append(c.sentences, line)
				}
			}
		}
	}
	if len(c.quotes) == 0 || len(c.sentences) == 0 {
		return nil, fmt.Errorf("corpus: shipped notes in %s have no quotes or prose", opts.Shipped)
	}
	return c, nil
}

// Write writes a complete content folder to dir: the shipped dossier.yaml,
// index.md, sources, themes and entities, and the generated notes.
func (c *Corpus) Write(dir string) error {
	for _, sub := range []string{"sources", "themes", "entities"} {
		if err := copyDir(filepath.Join(c.opts.Shipped, sub), filepath.Join(dir, sub)); err != nil {
			return err
		}
	}
	for _, f := range []string{"dossier.yaml", "index.md"} {
		if err := copyFile(filepath.Join(c.opts.Shipped, f), filepath.Join(dir, f)); err != nil {
			return err
		}
	}
	notes := filepath.Join(dir, "notes")
	if err := os.MkdirAll(notes, 0o755); err != nil {
		return err
	}
	for i := range c.opts.Notes {
		if err := os.WriteFile(filepath.Join(notes, Slug(i)+".md"), []byte(c.Note(i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Slug is the slug of generated note i.
func Slug(i int) string { return fmt.Sprintf("note-%05d", i) }

// Note is the text of generated note i, front matter and all. About 600
// words: a bottom line, two sections of cited prose, a list, a footnote,
// a fenced Go block and links to 3-5 other notes.
func (c *Corpus) Note(i int) string {
	r := rand.New(rand.NewPCG(c.opts.Seed, uint64(i)))
	var b strings.Builder
	theme := c.themes[i%len(c.themes)]
	fmt.Fprintf(&b, "---\ntitle: \"Generated note %d on %s\"\ndate: 2026-%02d-%02d\nauthor: Generator\nthemes: [%s]\nconfidence: moderate\nsummary: A generated note for benchmarks.\n---\n", i, theme, 1+i%12, 1+i%28, theme)
	fmt.Fprintf(&b, "**Bottom line:** %s\n\n", c.sentence(r))
	for _, section := range []string{"What the sources say", "Assessment"} {
		fmt.Fprintf(&b, "## %s\n\n", section)
		for range 3 {
			fmt.Fprintf(&b, "%s As the source puts it, %s. %s\n\n", c.sentence(r), c.quotes[r.IntN(len(c.quotes))], c.sentence(r))
		}
	}
	b.WriteString("## Related\n\n")
	for range 3 + r.IntN(3) {
		if c.opts.Notes > 1 {
			fmt.Fprintf(&b, "- [[%s]]: %s\n", Slug(r.IntN(c.opts.Notes)), c.sentence(r))
		}
	}
	fmt.Fprintf(&b, "\nThe figures are approximate.[^1]\n\n```go\n// Sketch of the count behind note %d.\nfunc count(passages []string) int {\n\treturn len(passages)\n}\n```\n\n[^1]: %s\n", i%7, c.sentence(r))
	return b.String()
}

func (c *Corpus) sentence(r *rand.Rand) string { return c.sentences[r.IntN(len(c.sentences))] }

func copyDir(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if !e.IsDir() {
			if err := copyFile(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
