package site

// PassageKind says how a passage reads: as body text, a heading, a
// quotation, a list item or a table.
type PassageKind int

// The kinds of passage a source is cut into.
const (
	Paragraph PassageKind = iota
	Heading
	BlockQuote
	// List is one item of a bulleted or numbered list; its Text keeps
	// the item's number or letter ("1.", "(a)") but not a bullet.
	List
	// Table is a whole table. Its Text is its rows in order, the cells
	// of a row joined by " | " and the rows by " || ".
	Table
)

// LineRange is an inclusive range of 1-based line numbers of a source body
// (the seed text, not counting front matter).
type LineRange struct {
	First, Last int
}

// Span is a half-open byte range [Start, End) of a passage's Text.
type Span struct {
	Start, End int
}

// FootnoteRef is a footnote marker in a passage: it follows the byte at
// offset At-1 of the passage's Text and refers to the footnote Label.
type FootnoteRef struct {
	At    int
	Label string
}

// Passage is one unit of cleaned source text: a paragraph, heading or block
// quote. Citations point at passages.
type Passage struct {
	// ID is derived from the text alone, so it survives edits elsewhere
	// in the source; it is unique within the source.
	ID string
	// Number is the ¶ number shown to readers, counting every passage
	// but headings from 1; headings have 0.
	Number int
	Kind   PassageKind
	// Level is the heading level (1 is the top) for headings.
	Level int
	// Text is the cleaned plain text, without markup or footnote markers.
	Text string
	// Lang is set when the passage is in another language than the
	// source (the Spanish abstract of comillas-2015: "es").
	Lang      string
	Emphasis  []Span
	Footnotes []FootnoteRef
	Lines     LineRange
	// Pages are the printed pages the passage runs over, where the
	// source says (a PDF's page markers, or page numbers in the text).
	Pages PageRange
}

// PageRange is an inclusive range of printed page numbers; the zero
// value says the pages are not known.
type PageRange struct {
	First, Last int
}

// Footnote is a numbered note collected from a source's page feet.
type Footnote struct {
	Label string
	Text  string
	// Lines runs from the footnote's first line to its last. Removed
	// lines between them (a running footer, a line a drop rule names)
	// are in Normalised.Removed, not in Text.
	Lines LineRange
}

// RemovedLine is a line of the source body that cleaning dropped, and why.
type RemovedLine struct {
	Line   int
	Text   string
	Reason string
}

// Normalised is what cleaning makes of a source body. Every non-blank body
// line ends up in a passage, a footnote or the removed list.
type Normalised struct {
	Passages  []Passage
	Footnotes []Footnote
	Removed   []RemovedLine
}

// CleaningRules let a source's front matter override the cleaning
// heuristics where they guess wrong. Line numbers are body lines.
type CleaningRules struct {
	// Format forces "pdf", "markdown" or "plain"; empty means detect.
	Format string `yaml:"format"`
	// BreakBefore lists lines that start a new passage.
	BreakBefore []int `yaml:"break_before"`
	// JoinBefore lists lines that continue the passage before them.
	JoinBefore []int `yaml:"join_before"`
	// Drop lists lines to remove.
	Drop []int `yaml:"drop"`
	// Keep lists lines to keep that the heuristics would remove.
	Keep []int `yaml:"keep"`
}
