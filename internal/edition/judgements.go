package edition

import (
	"bytes"
	"html"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/evidence"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// judgements are the key judgements of the summary, in the blocks
// evidence.Judgements finds: its first list's items, or its paragraphs
// before its first heading. The shipped summary writes
// each judgement as a numbered item with a bold headline, and a section
// under a heading for the scope, which is no judgement.
func judgements(p *resolve.Parsed, idx *resolve.Index) []Judgement {
	if p.AST() == nil {
		return []Judgement{}
	}
	blocks := evidence.Judgements(p.AST())
	out := make([]Judgement, 0, len(blocks))
	for _, b := range blocks {
		w := &textWriter{src: p.Src, links: resolve.Links(p), idx: idx, start: -1}
		w.walk(b)
		text := strings.Join(strings.Fields(w.b.String()), " ")
		if text == "" {
			continue
		}
		headline := strings.Join(strings.Fields(w.bold), " ")
		if headline == "" {
			headline = firstSentence(text)
		}
		first, last := lineOf(p.Src, w.start), lineOf(p.Src, max(w.end-1, w.start))
		out = append(out, Judgement{
			Number:     len(out) + 1,
			Headline:   headline,
			Text:       text,
			SHA256:     Hash(text),
			Confidence: ConfidenceWords(text),
			Lines:      [2]int{p.Doc.BodyLine + first - 1, p.Doc.BodyLine + last - 1},
		})
	}
	return out
}

// textWriter gathers a block's plain text, the bold text it starts with,
// and the range of source bytes it was written on.
type textWriter struct {
	src        []byte
	links      wikilink.Links
	idx        *resolve.Index
	b          strings.Builder
	bold       string
	start, end int
}

func (w *textWriter) span(from, to int) {
	if w.start < 0 || from < w.start {
		w.start = from
	}
	w.end = max(w.end, to)
}

func (w *textWriter) walk(n ast.Node) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			w.b.WriteByte(' ')
			if lines := n.Lines(); entering && lines.Len() > 0 {
				w.span(lines.At(0).Start, lines.At(lines.Len()-1).Stop)
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Emphasis:
			// The bold lead-in: strong emphasis that opens the block's
			// first paragraph.
			if n.Level == 2 && w.bold == "" && strings.TrimSpace(w.b.String()) == "" {
				inner := &textWriter{src: w.src, links: w.links, idx: w.idx, start: -1}
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					inner.walk(c)
				}
				w.bold = inner.b.String()
			}
		case *ast.Text:
			w.span(n.Segment.Start, n.Segment.Stop)
			w.b.Write(n.Segment.Value(w.src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				w.b.WriteByte(' ')
			}
		case *ast.String:
			w.b.WriteString(html.UnescapeString(string(n.Value)))
		case *ast.AutoLink:
			w.b.Write(n.Label(w.src))
		case *wikilink.Node:
			w.span(n.Offset, n.Offset+n.Length)
			w.b.WriteString(w.linkText(n))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// linkText is what a wikilink reads as: its label, the quoted words, or
// the title of what it links to.
func (w *textWriter) linkText(n *wikilink.Node) string {
	switch {
	case n.Label != "":
		return n.Label
	case n.Quote != "":
		return "“" + n.Quote + "”"
	}
	if link := w.links.Of(n); link != nil && link.Title != "" {
		return link.Title
	}
	if t := w.idx.Target(n.Target); t != nil {
		return t.Title
	}
	return n.Target
}

// lineOf is the 1-based line of byte offset off of src.
func lineOf(src []byte, off int) int {
	off = min(max(off, 0), len(src))
	return bytes.Count(src[:off], []byte("\n")) + 1
}

// firstSentence is text up to the end of its first sentence: a full
// stop, question or exclamation mark followed by a space.
func firstSentence(text string) string {
	for i := 0; i+1 < len(text); i++ {
		if strings.IndexByte(".!?", text[i]) >= 0 && text[i+1] == ' ' {
			return text[:i+1]
		}
	}
	return text
}

// confidencePhrases are the estimative words and confidence levels of
// analytic writing (the UK's probability yardstick and the US ICD 203
// terms), longest first so that "highly unlikely" is not read as
// "unlikely".
var confidencePhrases = [][]string{
	{"almost", "no", "chance"},
	{"roughly", "even", "chance"},
	{"realistic", "possibility"},
	{"almost", "certainly"},
	{"highly", "likely"},
	{"highly", "unlikely"},
	{"very", "likely"},
	{"very", "unlikely"},
	{"remote", "chance"},
	{"even", "chance"},
	{"high", "confidence"},
	{"moderate", "confidence"},
	{"medium", "confidence"},
	{"low", "confidence"},
	{"likely"},
	{"unlikely"},
	{"probably"},
	{"improbable"},
	{"probable"},
}

// ConfidenceWords lists the estimative phrases of text ("almost
// certainly", "likely", "high confidence") in the order they first
// appear, each once, lower-cased. Words match whole and regardless of
// case; at each word the longest phrase wins.
func ConfidenceWords(text string) []string {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	var out []string
	for i := 0; i < len(words); i++ {
		for _, phrase := range confidencePhrases {
			if i+len(phrase) > len(words) || !equalWords(words[i:i+len(phrase)], phrase) {
				continue
			}
			found := strings.Join(phrase, " ")
			if !contains(out, found) {
				out = append(out, found)
			}
			i += len(phrase) - 1
			break
		}
	}
	return out
}

func equalWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
