package markdown

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// QuickLinks returns the wikilinks that Parse would find in src, in the
// order a walk of its tree meets them, without parsing src, when src is
// plain enough for a scan to be sure of them; ok is false otherwise, and
// the caller parses. dossier serve's first start resolves every note's
// links before serving, and parsing 10,000 notes only for their links
// was half of that start.
//
// The scan is sure only where nothing Markdown could do to a line moves,
// hides or reorders a link in it. So it says no to a document with any
// of:
//   - code spans, raw HTML, autolinks, bare URLs, backslash escapes,
//     tabs, carriage returns or NUL bytes, which the parser reads in ways
//     a scan of the line cannot follow;
//   - a code fence that is not at the start of its line, or a closing
//     fence that is indented;
//   - a table, or a line of hyphens that might be one;
//   - a "](", "][" or "]:" that does not end a wikilink, that is, any
//     ordinary link, image, reference link or link definition (a
//     footnote's definition, "[^1]:", is allowed);
//   - a wikilink after a footnote's definition (goldmark moves the
//     definitions to the end, and drops those nothing refers to), one
//     with four spaces among the markers (of quotes, lists and
//     definitions) and spaces before it on its line (it may be
//     indented code),
//     "[[[", or a malformed wikilink, which may run over several lines.
//
// Inside a code fence at the start of a line it skips to the closing
// fence: a dossier's notes hold fenced code, and nothing else this
// refuses. Tests compare it with Parse on the shipped dossier and by
// fuzzing.
func QuickLinks(src []byte) (links []*wikilink.Node, ok bool) {
	// A carriage return is refused everywhere, even in code: the parser
	// counts one as a space, so "```\r" closes a fence.
	if mayHoldAutolinks(src) || bytes.IndexByte(src, '\r') >= 0 {
		return nil, false
	}
	// Each pass looks for the bytes it cares about with IndexByte, which
	// skips prose many bytes at a time: the scan must cost little beside
	// the parse it saves.
	fences, ok := codeFences(src)
	if !ok {
		return nil, false
	}
	for _, c := range []byte("<\\\t\x00") {
		for i := bytes.IndexByte(src, c); i >= 0; i = indexFrom(src, []byte{c}, i+1) {
			if fences.outside(i) {
				return nil, false
			}
		}
	}
	if !noDelimiterRows(src, fences) {
		return nil, false
	}
	links, spans, ok := scanLinks(src, fences)
	if !ok {
		return nil, false
	}
	// A "](", "][" or "]:" outside the links is an ordinary link's, or a
	// definition's; a footnote's definition is the only one allowed, and
	// no link may follow it.
	for i := bytes.IndexByte(src, ']'); i >= 0 && i+1 < len(src); i = indexFrom(src, []byte("]"), i+1) {
		c := src[i+1]
		if c != '(' && c != '[' && c != ':' || !fences.outside(i) || !spans.outside(i) {
			continue
		}
		lineStart := bytes.LastIndexByte(src[:i], '\n') + 1
		if c != ':' || !footnoteDefinition(src[lineStart:i+1]) {
			return nil, false
		}
		if len(links) > 0 && links[len(links)-1].Offset > i {
			return nil, false
		}
	}
	return links, true
}

// spans are ranges of a document's bytes, in order and apart.
type spans [][2]int

// outside reports whether byte i lies in none of s: a binary search, as
// a note of many links asks once for every "]" in it.
func (s spans) outside(i int) bool {
	j, _ := slices.BinarySearchFunc(s, i, func(r [2]int, i int) int { return cmp.Compare(r[1], i+1) })
	return j == len(s) || i < s[j][0]
}

// codeFences returns the spans of src's fenced code blocks, from the
// start of each opening fence to the end of its closing one, or of src.
// ok is false if a backtick or "~~~" stands anywhere but in a fence that
// starts its line or inside one (a code span, or a fence in a list or a
// quote), or if a closing fence is indented.
func codeFences(src []byte) (fences spans, ok bool) {
	for pos := 0; pos < len(src); {
		at := bytes.IndexByte(src[pos:], '`')
		if t := bytes.Index(src[pos:], []byte("~~~")); t >= 0 && (at < 0 || t < at) {
			at = t
		}
		if at < 0 {
			break
		}
		at += pos
		if at > 0 && src[at-1] != '\n' {
			return nil, false
		}
		marker, ok := opensFence(line(src, at))
		if !ok {
			return nil, false
		}
		end := len(src)
		for l := lineAfter(src, at); l < len(src); l = lineAfter(src, l) {
			text := line(src, l)
			if closesFence(text, marker) {
				end = l + len(text)
				break
			}
			if closesFence(bytes.TrimLeft(text, " "), marker) {
				return nil, false
			}
		}
		fences = append(fences, [2]int{at, end})
		pos = end
	}
	return fences, true
}

// line is the line of src that starts at i, without its newline.
func line(src []byte, i int) []byte {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return src[i : i+j]
	}
	return src[i:]
}

// lineAfter is the start of the line after the one at i: len(src) if
// there is none.
func lineAfter(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j + 1
	}
	return len(src)
}

// noDelimiterRows reports whether no line of src outside fences could be
// a table's delimiter row.
func noDelimiterRows(src []byte, fences spans) bool {
	for l := 0; l < len(src); l = lineAfter(src, l) {
		if c := src[l]; (c == '-' || c == '|' || c == ':' || c == ' ' || c == '>') && fences.outside(l) && delimiterRow(line(src, l)) {
			return false
		}
	}
	return true
}

// scanLinks finds the wikilinks of src outside fences, and the spans they
// take. ok is false if one is malformed, follows "[[" with a third "[",
// or starts a line that may be indented code.
func scanLinks(src []byte, fences spans) (links []*wikilink.Node, taken spans, ok bool) {
	open := []byte("[[")
	lineEnd := -1 // the end of the line being read
	for at := bytes.Index(src, open); at >= 0; {
		if !fences.outside(at) {
			at = indexFrom(src, open, at+2)
			continue
		}
		if at > lineEnd {
			l := line(src, bytes.LastIndexByte(src[:at], '\n')+1)
			if indented(l) {
				return nil, nil, false
			}
			lineEnd = at + len(line(src, at))
		}
		// A link stops short of the next "[[" (Scan cuts it there), so
		// Scan need not read beyond that: one long paragraph of many
		// links is read once, not once a link.
		next := indexFrom(src, open, at+2)
		end := lineEnd
		if next >= 0 && next < end {
			end = next
		}
		start := at
		if at > 0 && src[at-1] == '!' {
			start--
		}
		n := wikilink.ScanAt(src, start, end, len(links))
		if n == nil {
			return nil, nil, false
		}
		links = append(links, n)
		taken = append(taken, [2]int{start, start + n.Length})
		at = next
	}
	return links, taken, true
}

// indented reports whether four spaces stand among the quote, list and
// definition markers and spaces that start line: what follows may be
// indented code (a definition's ":" takes at most five columns of the
// spaces after it, and leaves the rest to its text). Four spaces further
// on are inside a paragraph, and harmless.
func indented(line []byte) bool {
	n := 0
	for n < len(line) && bytes.IndexByte([]byte(" >-*+.):0123456789"), line[n]) >= 0 {
		n++
	}
	return bytes.Contains(line[:n], []byte("    "))
}

// indexFrom is the index in src of the first sep at or after i, or -1.
func indexFrom(src, sep []byte, i int) int {
	j := bytes.Index(src[i:], sep)
	if j < 0 {
		return -1
	}
	return i + j
}

// opensFence reports whether line opens a code fence at its start, and
// returns the fence's marker: the run of backticks or tildes. A line of
// backticks whose info string holds a backtick is not a fence.
func opensFence(line []byte) ([]byte, bool) {
	if len(line) < 3 || line[0] != '`' && line[0] != '~' {
		return nil, false
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n < 3 || line[0] == '`' && bytes.IndexByte(line[n:], '`') >= 0 {
		return nil, false
	}
	return line[:n], true
}

// closesFence reports whether line closes the fence opened by marker: at
// least as many of its characters, then nothing but spaces and tabs.
func closesFence(line, marker []byte) bool {
	n := 0
	for n < len(line) && line[n] == marker[0] {
		n++
	}
	return n >= len(marker) && len(bytes.Trim(line[n:], " \t")) == 0
}

// delimiterRow reports whether line could be a table's delimiter row:
// nothing but pipes, hyphens, colons and spaces after any quote markers,
// with a hyphen. That takes in thematic breaks and headings' underlines
// too: the parser makes "--" a table's delimiter row under a quote's
// lazy line, and "---:" one under a paragraph, with no pipe in sight.
func delimiterRow(line []byte) bool {
	rest := bytes.TrimLeft(line, " >")
	return len(bytes.Trim(rest, "|-: ")) == 0 && bytes.IndexByte(rest, '-') >= 0
}

// footnoteDefinition reports whether head, the start of a line up to a
// "]" before a ":", opens a footnote's definition: "[^label]" after
// spaces and quote markers.
func footnoteDefinition(head []byte) bool {
	label, ok := bytes.CutPrefix(bytes.TrimLeft(head, " >"), []byte("[^"))
	label = label[:max(len(label)-1, 0)]
	return ok && len(label) > 0 && !bytes.ContainsAny(label, " []")
}
