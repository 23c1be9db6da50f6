package resolve

import (
	"bytes"
	"cmp"
	"slices"
	"sync"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/smartquote"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// sentences finds the sentence of a note in which each citation stands,
// as plain text a reader sees: the wikilinks of its paragraph replaced by
// their labels (or their targets' titles), Markdown links by their text,
// footnote references and emphasis marks dropped, quotes typographic.
// It reads a paragraph once, for all the citations in it, and finds each
// one's sentence by binary search: reading the paragraph again for each
// citation took time in the square of the citations a paragraph holds.
// Asked about citations in document order, it keeps one paragraph.
type sentences struct {
	// block is the paragraph (or other leaf block) read; text its plain
	// text, reused from one paragraph to the next.
	block ast.Node
	text  []byte
	// links are the wikilinks of the block, in order.
	links []linkAt
	// breaks are the offsets in text of the spaces that follow a
	// sentence's end, in order.
	breaks []int
	// The citations of a sentence share one copy of it: the last made,
	// text[lastStart:lastEnd].
	lastStart, lastEnd int
	last               string
	// title is the title of a link target, "" for an unknown one.
	title func(target string) string
}

// docSentences finds the sentence of each quote citation of one
// document when one of them is first asked for (Citation.Sentence), not
// while resolving: only theme and source pages show them, and at 10,000
// quoting notes finding them all took a tenth of serve's start.
type docSentences struct {
	once  sync.Once
	src   []byte
	tree  *Tree
	nodes []*wikilink.Node // the quote citations, in document order
	w     *world           // for the titles of links without a label
	found []string
}

// get is the sentence of the document's i-th quote citation.
func (d *docSentences) get(i int) string {
	d.once.Do(func() {
		s := sentencesPool.Get().(*sentences)
		s.title = d.w.title
		d.found = make([]string, len(d.nodes))
		var byIndex map[int]*wikilink.Node
		for k, n := range d.nodes {
			if n.Parent() == nil {
				// A cache's node, without its paragraph: the tree's
				// own, parsed now, has the same Index.
				if byIndex == nil {
					byIndex = map[int]*wikilink.Node{}
					for _, w := range wikilinks(d.tree.Root()) {
						byIndex[w.Index] = w
					}
				}
				if w := byIndex[n.Index]; w != nil {
					n = w
				}
			}
			d.found[k] = s.of(d.src, n)
		}
		s.release()
		// The nodes hold their tree, which a one-shot build lets go
		// once its pages are made (see Parsed.ExpectReaders).
		d.src, d.tree, d.nodes, d.w = nil, nil, nil, nil
	})
	return d.found[i]
}

// sentencesPool keeps the buffers of sentences from one document to the
// next: allocated anew for each document, they were a tenth of Resolve's
// allocations at 10,000 notes.
var sentencesPool = sync.Pool{New: func() any { return new(sentences) }}

// release returns s to the pool, holding on to no document.
func (s *sentences) release() {
	s.block, s.last, s.title = nil, "", nil
	sentencesPool.Put(s)
}

// linkAt is where a wikilink starts in the note's source and in the
// plain text of its paragraph.
type linkAt struct{ src, text int }

// of returns the sentence in which the wikilink n of the note src
// stands: the whole paragraph when n is not found in it as a wikilink.
func (s *sentences) of(src []byte, n *wikilink.Node) string {
	block := n.Parent()
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	if block == nil || block.Lines().Len() == 0 {
		return ""
	}
	if block != s.block {
		s.read(src, block)
	}
	i, found := slices.BinarySearchFunc(s.links, n.Offset, func(l linkAt, offset int) int { return cmp.Compare(l.src, offset) })
	if !found {
		return s.sentence(0, len(s.text))
	}
	at := s.links[i].text
	// A sentence starts after the last break before the link's first
	// byte, and ends at the first break after it.
	start, end := 0, len(s.text)
	if j, _ := slices.BinarySearch(s.breaks, at); j > 0 {
		start = s.breaks[j-1] + 1
	}
	if j, _ := slices.BinarySearch(s.breaks, at+1); j < len(s.breaks) {
		end = s.breaks[j]
	}
	return s.sentence(start, end)
}

// read makes the plain text of block, and finds its wikilinks and its
// sentences' breaks.
func (s *sentences) read(src []byte, block ast.Node) {
	s.block, s.text, s.links, s.breaks = block, s.text[:0], s.links[:0], s.breaks[:0]
	s.lastStart, s.lastEnd, s.last = -1, -1, ""
	lines := block.Lines()
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	for i := start; i < end; {
		// Copy the run up to the next byte that is not copied as it is.
		run := i
		for run < end && !sentenceMarkup[src[run]] {
			run++
		}
		s.text = append(s.text, src[i:run]...)
		if i = run; i == end {
			break
		}
		switch c := src[i]; c {
		case '[':
			if w, size, ok := wikilink.Scan(src[i:end]); ok {
				s.links = append(s.links, linkAt{src: i, text: len(s.text)})
				s.text = s.appendLinkText(s.text, w)
				i += size
				continue
			}
			if size := footnoteRef(src[i:end]); size > 0 {
				i += size
				continue
			}
			if text, size := markdownLink(src[i:end]); size > 0 {
				s.text = append(s.text, text...)
				i += size
				continue
			}
			s.text = append(s.text, c)
		case '\n':
			s.text = append(s.text, ' ')
		}
		i++
	}
	for i := 1; i < len(s.text); i++ {
		if s.text[i] == ' ' && endsSentence(s.text[i-1]) {
			s.breaks = append(s.breaks, i)
		}
	}
}

// sentence returns text[start:end] without the spaces around it.
func (s *sentences) sentence(start, end int) string {
	if start != s.lastStart || end != s.lastEnd {
		s.lastStart, s.lastEnd, s.last = start, end, smartquote.Curl(string(bytes.TrimSpace(s.text[start:end])))
	}
	return s.last
}

// footnoteRef is the length of the footnote reference "[^label]" that b
// starts with, or 0.
func footnoteRef(b []byte) int {
	if !bytes.HasPrefix(b, []byte("[^")) {
		return 0
	}
	end := bytes.IndexByte(b, ']')
	if end < 3 || bytes.ContainsAny(b[2:end], " \t[") {
		return 0
	}
	return end + 1
}

// markdownLink is the text of the inline Markdown link "[text](url)" that
// b starts with, and its length; 0 if b starts none.
func markdownLink(b []byte) (text []byte, size int) {
	close := bytes.Index(b, []byte("]("))
	if close < 1 || bytes.IndexByte(b[1:close], '[') >= 0 {
		return nil, 0
	}
	end := bytes.IndexByte(b[close:], ')')
	if end < 0 || bytes.ContainsAny(b[close+2:close+end], " \t") && !bytes.Contains(b[close+2:close+end], []byte(` "`)) {
		return nil, 0
	}
	return b[1:close], close + end + 1
}

// sentenceMarkup marks the bytes a paragraph's plain text does not copy
// as they are: the start of a wikilink, emphasis and code marks, line
// breaks.
var sentenceMarkup = [256]bool{'[': true, '*': true, '_': true, '`': true, '\n': true}

// appendLinkText appends what a wikilink reads as in a sentence.
func (s *sentences) appendLinkText(text []byte, w *wikilink.Node) []byte {
	switch {
	case w.Label != "":
		return append(text, w.Label...)
	case w.Quote != "":
		return append(append(append(text, "“"...), w.Quote...), "”"...)
	}
	if s.title != nil {
		if title := s.title(w.Target); title != "" {
			return append(text, title...)
		}
	}
	return append(text, w.Target...)
}

func endsSentence(c byte) bool { return c == '.' || c == '!' || c == '?' }
