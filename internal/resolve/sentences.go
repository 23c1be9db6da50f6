package resolve

import (
	"bytes"
	"cmp"
	"slices"
	"sync"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// sentences finds the sentence of a note in which each citation stands,
// as plain text: the wikilinks of its paragraph replaced by their labels.
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
}

// sentencesPool keeps the buffers of sentences from one document to the
// next: allocated anew for each document, they were a tenth of Resolve's
// allocations at 10,000 notes.
var sentencesPool = sync.Pool{New: func() any { return new(sentences) }}

// release returns s to the pool, holding on to no document.
func (s *sentences) release() {
	s.block, s.last = nil, ""
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
				s.text = appendLinkText(s.text, w)
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
		s.lastStart, s.lastEnd, s.last = start, end, string(bytes.TrimSpace(s.text[start:end]))
	}
	return s.last
}

// sentenceMarkup marks the bytes a paragraph's plain text does not copy
// as they are: the start of a wikilink, emphasis and code marks, line
// breaks.
var sentenceMarkup = [256]bool{'[': true, '*': true, '_': true, '`': true, '\n': true}

// appendLinkText appends what a wikilink reads as in a sentence.
func appendLinkText(text []byte, w *wikilink.Node) []byte {
	switch {
	case w.Label != "":
		return append(text, w.Label...)
	case w.Quote != "":
		return append(append(append(text, "“"...), w.Quote...), "”"...)
	}
	return append(text, w.Target...)
}

func endsSentence(c byte) bool { return c == '.' || c == '!' || c == '?' }
