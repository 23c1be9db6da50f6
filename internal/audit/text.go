package audit

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// OptOut is the comment that, written after a sentence, tells the audit
// the sentence needs no citation. The renderer drops raw HTML, so it
// never shows on the site.
const OptOut = "<!-- uncited -->"

// block is the plain text of a paragraph or list item as a reader sees
// it, with what the audit needs to know about its words.
type block struct {
	text []byte
	// anchors map offsets of text to offsets of the document's source,
	// one for each run copied.
	anchors []anchor
	links   []linkIn
	// bold are the ranges of text set in strong emphasis.
	bold [][2]int
	// optOuts are the offsets of text at which an OptOut comment stands.
	optOuts []int
	// sents is what sentences last returned, whose array it reuses.
	sents [][2]int
}

type anchor struct{ text, src int }

// linkIn is a wikilink of a block: its text, and the citation it makes,
// if it is a quote citation.
type linkIn struct {
	start, end int
	node       *wikilink.Node
	cite       *resolve.Citation
	// defers is set for a plain link to a note or theme: the sentence
	// rests on what that document cites.
	defers bool
}

// reader makes blocks from one document.
type reader struct {
	p     *resolve.Parsed
	idx   *resolve.Index
	links wikilink.Links
	// cites are the document's citations by position.
	cites map[site.Pos]*resolve.Citation
	// lineStarts are the offsets at which the source's lines start, made
	// on first use.
	lineStarts []int
	// blk is the block read returns, whose arrays each read reuses: a
	// block of its own for every paragraph was a tenth of what a build
	// allocated while rendering.
	blk block
}

func newReader(idx *resolve.Index, p *resolve.Parsed, cites []*resolve.Citation) *reader {
	r := &reader{p: p, idx: idx, links: resolve.Links(p), cites: map[site.Pos]*resolve.Citation{}}
	for _, c := range cites {
		r.cites[c.Pos] = c
	}
	return r
}

// pos is the file position of a source offset.
func (r *reader) pos(offset int) site.Pos {
	if r.lineStarts == nil {
		r.lineStarts = append(r.lineStarts, 0)
		for i, c := range r.p.Src {
			if c == '\n' {
				r.lineStarts = append(r.lineStarts, i+1)
			}
		}
	}
	offset = min(max(offset, 0), len(r.p.Src))
	line, _ := slices.BinarySearch(r.lineStarts, offset+1)
	return r.p.Doc.At(line, utf8.RuneCount(r.p.Src[r.lineStarts[line-1]:offset])+1)
}

// read makes the block of a paragraph or text block. The block is valid
// until the next read.
func (r *reader) read(n ast.Node) *block {
	// The text is about as long as the block's lines: sized for them,
	// it is not grown and copied run by run.
	size := 0
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		size += seg.Len()
	}
	b := &r.blk
	b.text = slices.Grow(b.text[:0], size)
	b.anchors, b.links, b.bold, b.optOuts = b.anchors[:0], b.links[:0], b.bold[:0], b.optOuts[:0]
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(b, c)
	}
	if len(b.anchors) == 0 && n.Lines().Len() > 0 {
		b.anchors = append(b.anchors, anchor{0, n.Lines().At(0).Start})
	}
	return b
}

func (r *reader) inline(b *block, n ast.Node) {
	switch n := n.(type) {
	case *ast.Text:
		b.anchors = append(b.anchors, anchor{len(b.text), n.Segment.Start})
		b.text = append(b.text, n.Segment.Value(r.p.Src)...)
		if n.SoftLineBreak() || n.HardLineBreak() {
			b.text = append(b.text, ' ')
		}
		return
	case *ast.String:
		// The typographer's quotes and dashes, as entities.
		b.text = append(b.text, html.UnescapeString(string(n.Value))...)
		return
	case *ast.AutoLink:
		b.text = append(b.text, n.Label(r.p.Src)...)
		return
	case *ast.RawHTML:
		var raw []byte
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			raw = append(raw, seg.Value(r.p.Src)...)
		}
		if strings.Join(strings.Fields(string(raw)), " ") == OptOut {
			b.optOuts = append(b.optOuts, len(b.text))
		}
		return
	case *east.FootnoteLink:
		return
	case *wikilink.Node:
		l := linkIn{start: len(b.text), node: n}
		b.anchors = append(b.anchors, anchor{len(b.text), n.Offset})
		switch {
		case n.Label != "":
			b.text = append(b.text, n.Label...)
		case n.Quote != "":
			b.text = append(append(append(b.text, "“"...), n.Quote...), "”"...)
		default:
			title := n.Target
			if link := r.links.Of(n); link != nil && link.Title != "" {
				title = link.Title
			}
			b.text = append(b.text, title...)
		}
		l.end = len(b.text)
		if n.Quote != "" {
			l.cite = r.cites[r.pos(n.Offset)]
		} else if t := r.idx.Target(n.Target); t != nil && (t.Kind == resolve.KindNote || t.Kind == resolve.KindTheme) {
			l.defers = true
		}
		b.links = append(b.links, l)
		return
	case *ast.Emphasis:
		start := len(b.text)
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			r.inline(b, c)
		}
		if n.Level == 2 {
			b.bold = append(b.bold, [2]int{start, len(b.text)})
		}
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		r.inline(b, c)
	}
}

// src is the source offset of an offset of the block's text.
func (b *block) src(at int) int {
	best := anchor{}
	for _, a := range b.anchors {
		if a.text > at {
			break
		}
		best = a
	}
	return best.src + at - best.text
}

// sentences splits the block's text into sentences, each a range of
// text without the spaces around it. A sentence ends at a full stop,
// question or exclamation mark (and any closing quotes or brackets after
// it) followed by a space and a word that does not start in lower case;
// a full stop after a single letter or inside an abbreviation ("U.S.",
// "e.g.") ends none. The ranges are valid until the next call.
func (b *block) sentences() [][2]int {
	out := b.sents[:0]
	t := b.text
	start := 0
	emit := func(from, to int) {
		for from < to && t[from] == ' ' {
			from++
		}
		for to > from && t[to-1] == ' ' {
			to--
		}
		if from < to {
			out = append(out, [2]int{from, to})
		}
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		end := i + 1
		for end < len(t) {
			r, size := utf8.DecodeRune(t[end:])
			if !strings.ContainsRune(`"')]”’`, r) {
				break
			}
			end += size
		}
		if end >= len(t) || t[end] != ' ' {
			continue
		}
		next := end
		for next < len(t) && t[next] == ' ' {
			next++
		}
		if r, _ := utf8.DecodeRune(t[next:]); next < len(t) && unicode.IsLower(r) {
			continue
		}
		if c == '.' && abbreviation(t[start:i]) {
			continue
		}
		emit(start, end)
		start = end
		i = end - 1
	}
	emit(start, len(t))
	b.sents = out
	return out
}

// abbreviation reports whether the word that text ends with, before a
// full stop, is a single letter or holds a full stop itself.
func abbreviation(text []byte) bool {
	word := text[bytes.LastIndexAny(text, " (“\"")+1:]
	return utf8.RuneCount(word) == 1 || bytes.IndexByte(word, '.') >= 0
}

// allBold reports whether every letter of text[from:to] is in strong
// emphasis.
func (b *block) allBold(from, to int) bool {
	for i := from; i < to; {
		r, size := utf8.DecodeRune(b.text[i:to])
		at := i
		i += size
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		in := false
		for _, s := range b.bold {
			if at >= s[0] && at < s[1] {
				in = true
				break
			}
		}
		if !in {
			return false
		}
	}
	return true
}

// optedOut reports whether an OptOut comment follows the sentence
// text[from:to], among sentences: the comment belongs to the sentence
// whose last character comes before it, or to the first.
func (b *block) optedOut(sentences [][2]int, k int) bool {
	for _, m := range b.optOuts {
		j := m - 1
		for j >= 0 && b.text[j] == ' ' {
			j--
		}
		owner := 0
		for i, s := range sentences {
			if j >= s[0] {
				owner = i
			}
		}
		if owner == k {
			return true
		}
	}
	return false
}

// linksIn lists the links that overlap text[from:to].
func (b *block) linksIn(from, to int) []linkIn {
	var out []linkIn
	for _, l := range b.links {
		if l.start < to && l.end > from {
			out = append(out, l)
		}
	}
	return out
}

// excerpt shortens a sentence for a message, at a space before its 60th
// character.
func excerpt(s string) string {
	const most = 60
	n, cut := 0, -1
	for i := range s {
		if n == most {
			cut = i
			break
		}
		n++
	}
	if cut < 0 {
		return s
	}
	if space := strings.LastIndexByte(s[:cut], ' '); space > cut/2 {
		cut = space
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}
