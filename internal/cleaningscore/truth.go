// Package cleaningscore scores cleaned text against a hand-made truth: how
// well passages start where the document's paragraphs, headings, list
// items, quotes and tables start, and how much of its boilerplate and page
// furniture was removed and of its footnotes set apart.
//
// A truth file (testdata/cleaning/*/truth.txt) holds one block per line:
// a tag, a space and the block's text, with " @pN" at the end when the
// block starts on printed page N. The tags are
//
//	H1 … H6  heading of that level
//	P        paragraph
//	L        list item
//	Q        block quote
//	T        table: cells joined by " | ", rows by " || "
//	F        footnote, its text starting with its label ("F 3 See …")
//	B        boilerplate: banners, bylines, contact blocks, © lines
//	X        page furniture: running heads, page numbers
//
// Texts are compared as streams of words, so that scores do not depend on
// spacing, hyphenation, ligatures or punctuation; see Score.
package cleaningscore

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Block is one block of a truth file.
type Block struct {
	// Tag is "H1" to "H6", "P", "L", "Q", "T", "F", "B" or "X".
	Tag  string
	Text string
	// Page is the printed page the block starts on; 0 when not given.
	Page int
}

// Passage reports whether the block is one that cleaning should make a
// passage of.
func (b Block) Passage() bool {
	switch b.Tag {
	case "P", "L", "Q", "T":
		return true
	}
	return b.Heading()
}

// Heading reports whether the block is a heading.
func (b Block) Heading() bool {
	return len(b.Tag) == 2 && b.Tag[0] == 'H' && '1' <= b.Tag[1] && b.Tag[1] <= '6'
}

// Removed reports whether cleaning should remove the block: boilerplate
// or page furniture.
func (b Block) Removed() bool { return b.Tag == "B" || b.Tag == "X" }

// Footnote reports whether the block is a footnote.
func (b Block) Footnote() bool { return b.Tag == "F" }

// pageSuffix matches the page a block starts on, at the end of its line.
var pageSuffix = regexp.MustCompile(` @p(\d+)$`)

// Parse reads a truth file. Blank lines are skipped; any other line must
// start with a known tag.
func Parse(data []byte) ([]Block, error) {
	var blocks []Block
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), " \t\r")
		if line == "" {
			continue
		}
		tag, text, _ := strings.Cut(line, " ")
		b := Block{Tag: tag, Text: text}
		if !b.Passage() && !b.Removed() && !b.Footnote() {
			return nil, fmt.Errorf("truth line %d: unknown tag %q", n, tag)
		}
		if m := pageSuffix.FindStringSubmatchIndex(text); m != nil {
			b.Page, _ = strconv.Atoi(text[m[2]:m[3]])
			b.Text = text[:m[0]]
		}
		blocks = append(blocks, b)
	}
	return blocks, sc.Err()
}
