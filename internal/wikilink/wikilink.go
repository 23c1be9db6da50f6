// Package wikilink is a goldmark extension for the dossier's cross-links and
// citations: [[slug]], [[slug|label]], [[slug#"quoted words"]] and
// [[slug#"quoted words"|label]].
//
// Like goldmark's own extensions it keeps the syntax, the AST node and the
// HTML renderer together. It does not know the dossier's content: a parser
// builds Nodes as written, another package resolves them into a Links
// table (or reports an error at Node.Offset), and the renderer turns
// resolved nodes into links and citations. A parsed document is not
// written to after parsing: what differs between renderings of it (the
// links, the page's place, the print edition) is given to the renderer
// of each rendering, as goldmark's renderer options are.
//
// The grammar, in the order the scanner applies it:
//
//   - A wikilink starts at "[[" (but "[[[" does not start one, so that an
//     ordinary bracket may precede a link; "\[[" is plain text, as usual in
//     Markdown). Every other "[[" starts a wikilink, including "[[1]](url)".
//   - It cannot contain another "[[": a second "[[" before the closing "]]"
//     means the first link is missing its "]]", and the second is scanned
//     on its own. So one typo breaks one link, not the rest of the paragraph.
//   - The target runs up to the first "]]", "|" or "#". It is trimmed.
//   - "#" is followed (after optional whitespace) by a quote delimited by
//     straight " or typographic “ ” quotes. The quote ends at the first
//     closing quote followed (after optional whitespace) by "]]" or "|", so
//     it may contain "|", "]", "#" and quotes of either kind.
//   - A grade in parentheses may stand between the quote and the "]]" or
//     "|": the credibility of the information, "(1)" to "(6)". A number
//     in parentheses there outside 1-6 is an error, not part of the quote.
//   - "|" starts the label, which runs to the first "]]".
//   - Whitespace, including the line breaks of a paragraph (hard ones too),
//     is folded to single spaces in Target, Quote and Label. "\|" counts as
//     "|" everywhere, because a GFM table cell must escape its pipes:
//     [[slug\|label]]. No other escapes are processed inside a wikilink.
//
// A wikilink that starts but does not follow the grammar still becomes a Node,
// with Err set, so that the resolver reports it where it was written instead
// of the text silently staying in the page. Such a node spans up to the first
// "]]" (before any next "[["), or only the "[[" when there is none.
//
// The renderer makes Href relative to the page with Options.Root, and uses
// PrintHref instead with Options.Print. In print mode a quote citation
// becomes an endnote reference: a superscript number linking to the
// endnote with id EndnoteID(Options.Prefix, n), where n is the citation's
// place in Citations(doc); the caller writes the endnotes.
// Unresolved and malformed links render as
// written, in <span class="wikilink broken">, so that rendering never fails;
// testdata/wikilink.txt shows the markup of every case.
package wikilink

import (
	"bytes"
	"cmp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Node is a wikilink in a Markdown document.
type Node struct {
	ast.BaseInline
	// Target is the slug as written, trimmed and with whitespace folded.
	Target string
	// Quote is the quoted words, "" if none.
	Quote string
	// Label is the label after |, "" if none.
	Label string
	// Credibility grades the information a quote citation cites, 1 to 6
	// on the Admiralty scale, written after the quote: [[key#"words" (2)]].
	// 0 if not given.
	Credibility int
	// Offset is the byte offset of the opening [[ in the document source
	// (in the slice given to Scan, for a node Scan returned).
	Offset int
	// Length is the number of source bytes up to and including ]]. When a
	// link spans lines inside a container (a block quote, a list item) the
	// span includes the container's line prefixes.
	Length int
	// Err is non-empty when the link is malformed; it is a lowercase
	// message such as "malformed wikilink: unterminated quote". Target,
	// Quote and Label then hold what was scanned before the error.
	Err string
	// Embed marks a link written with a "!" before it, ![[...]]: it
	// transcludes what it names, a quoted passage or a note's summary.
	Embed bool
	// Index is the node's place among its document's wikilinks in the
	// order the parser met them, from 0: it keys Links. (Document order
	// can differ: goldmark moves footnote definitions to the end.)
	Index int

	// raw is the link as written, without container prefixes: what a
	// broken link renders.
	raw []byte
}

// KindWikilink is the NodeKind of Node.
var KindWikilink = ast.NewNodeKind("Wikilink")

// Kind implements ast.Node.Kind.
func (n *Node) Kind() ast.NodeKind { return KindWikilink }

// Dump implements ast.Node.Dump.
func (n *Node) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{
		"Target": n.Target,
		"Quote":  n.Quote,
		"Label":  n.Label,
		"Err":    n.Err,
	}, nil)
}

// Text returns what the link shows before it is resolved. It is
// deprecated in ast.Node, but code that still collects a heading's text
// through it should not lose the link.
func (n *Node) Text(source []byte) []byte {
	switch {
	case n.Label != "":
		return []byte(n.Label)
	case n.Quote != "":
		return []byte(n.Quote)
	}
	return []byte(n.Target)
}

// Links is what each wikilink of one document resolved to, by Node.Index;
// nil for a link that did not resolve.
type Links []*Link

// Of returns what n resolved to, or nil.
func (l Links) Of(n *Node) *Link {
	if n.Index < 0 || n.Index >= len(l) {
		return nil
	}
	return l[n.Index]
}

// Link is what the resolver found.
type Link struct {
	// Href is the site-root-relative URL, e.g.
	// "sources/comillas-2015/#p-1a2b3c4d" or "notes/x/".
	Href string
	// PrintHref is the link inside the print edition, e.g.
	// "#src-comillas-2015-p-1a2b3c4d".
	PrintHref string
	// Title is the target's title: the default label of a plain link.
	Title string
	// Mark is the compact source mark of a quote citation, e.g.
	// "Comillas 2015 ¶38".
	Mark string
	// Excerpt is a quote citation's words in their context.
	Excerpt Excerpt
	// Grade spells out the Admiralty grade in Mark, if it has one.
	Grade string
	// Summary is a note's summary, which embedding the note shows.
	Summary string
}

// Excerpt is a citation's words as the source has them, in their
// sentence and a little context either side: what a preview shows.
type Excerpt struct {
	Before, Words, After string
}

// Error messages, after the "malformed wikilink: " prefix.
const (
	errEmptyTarget  = "empty target"
	errMissingClose = "missing ]]"
	errNoQuote      = "expected a quote after #"
	errUnterminated = "unterminated quote"
	errEmptyQuote   = "empty quote"
	errEmptyLabel   = "empty label"
	errCredibility  = "credibility must be 1 to 6"
)

var (
	openMark  = []byte("[[")
	closeMark = []byte("]]")
	// Typographic quotes as UTF-8.
	leftQuote  = []byte("\u201c")
	rightQuote = []byte("\u201d")
)

// Scan parses one wikilink at the start of b (which begins with "[["),
// returning the node and the bytes consumed; ok=false if b does not start a
// wikilink at all. A malformed link is ok, with Node.Err set.
//
// Scan works on any byte string, such as a citation written in YAML front
// matter; the node's Offset is then 0 and Length equals size. A caller that
// expects b to be exactly one link checks size == len(b).
func Scan(b []byte) (n *Node, size int, ok bool) {
	if len(b) < 2 || b[0] != '[' || b[1] != '[' || len(b) > 2 && b[2] == '[' {
		return nil, 0, false
	}
	// Nothing inside a wikilink may open another one: cut b there, so the
	// scan never reads past it and a missing ]] stays local.
	if i := bytes.Index(b[2:], openMark); i >= 0 {
		b = b[:2+i]
	}
	n = &Node{}
	size, err := scan(b, n)
	if err != "" {
		n.Err = "malformed wikilink: " + err
		size = 2
		if i := bytes.Index(b[2:], closeMark); i >= 0 {
			size = 2 + i + len(closeMark)
		}
	}
	n.Length = size
	n.raw = b[:size:size]
	return n, size, true
}

// scan fills n from the link at the start of b, which holds no "[[" after
// the opening one, and returns its length or an error message.
func scan(b []byte, n *Node) (int, string) {
	i := 2
	for ; i < len(b); i++ {
		if b[i] == ']' && i+1 < len(b) && b[i+1] == ']' || b[i] == '|' || b[i] == '#' ||
			b[i] == '\\' && i+1 < len(b) && b[i+1] == '|' {
			break
		}
	}
	if i == len(b) {
		return 0, errMissingClose
	}
	n.Target = fold(b[2:i])
	if n.Target == "" {
		return 0, errEmptyTarget
	}
	switch b[i] {
	case ']':
		return i + 2, ""
	case '|', '\\':
		return scanLabel(b, pipeEnd(b, i), n)
	}

	// A quote: skip whitespace after '#', so a soft line break may fall
	// between the slug and the quoted words.
	i++
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	switch {
	case i < len(b) && b[i] == '"':
		i++
	case bytes.HasPrefix(b[i:], leftQuote):
		i += len(leftQuote)
	default:
		return 0, errNoQuote
	}
	start := i
	for ; i < len(b); i++ {
		var after int
		switch {
		case b[i] == '"':
			after = i + 1
		case bytes.HasPrefix(b[i:], rightQuote):
			after = i + len(rightQuote)
		default:
			continue
		}
		// Whitespace may separate the closing quote from ]] or |, as it
		// may the other parts.
		for after < len(b) && isSpace(b[after]) {
			after++
		}
		grade, size := scanCredibility(b[after:])
		if size > 0 {
			if grade < 1 || grade > 6 {
				return 0, errCredibility
			}
			n.Credibility = grade
			after += size
		}
		rest := b[after:]
		if !bytes.HasPrefix(rest, closeMark) && !isPipe(rest) {
			// A quote inside the quoted words.
			continue
		}
		n.Quote = fold(b[start:i])
		if n.Quote == "" {
			return 0, errEmptyQuote
		}
		if bytes.HasPrefix(rest, closeMark) {
			return after + 2, ""
		}
		return scanLabel(b, pipeEnd(b, after), n)
	}
	return 0, errUnterminated
}

// scanCredibility reads the credibility grade that b starts with, "(2)",
// with the whitespace after it, when ]] or | follows: the grade and the
// bytes read, or size 0 when b starts with no grade. Any number is read,
// for the caller to refuse one outside 1-6 where it was written rather
// than take it for part of the quote.
func scanCredibility(b []byte) (grade, size int) {
	if len(b) < 3 || b[0] != '(' {
		return 0, 0
	}
	i := 1
	for i < len(b) && b[i] >= '0' && b[i] <= '9' && i < 4 {
		grade = grade*10 + int(b[i]-'0')
		i++
	}
	if i == 1 || i >= len(b) || b[i] != ')' {
		return 0, 0
	}
	i++
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if !bytes.HasPrefix(b[i:], closeMark) && !isPipe(b[i:]) {
		return 0, 0
	}
	return grade, i
}

// scanLabel reads the label starting at b[i] up to the closing ]].
func scanLabel(b []byte, i int, n *Node) (int, string) {
	j := bytes.Index(b[i:], closeMark)
	if j < 0 {
		return 0, errMissingClose
	}
	n.Label = fold(b[i : i+j])
	if n.Label == "" {
		return 0, errEmptyLabel
	}
	return i + j + 2, ""
}

// isPipe reports whether b starts with a label separator: | or, in a GFM
// table cell, \|.
func isPipe(b []byte) bool {
	return len(b) > 0 && b[0] == '|' || len(b) > 1 && b[0] == '\\' && b[1] == '|'
}

// pipeEnd returns the index after the separator that starts at b[i].
func pipeEnd(b []byte, i int) int {
	if b[i] == '\\' {
		return i + 2
	}
	return i + 1
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// fold trims b, folds whitespace runs (line breaks, hard ones included) to
// one space and unescapes \|, so that a link reads the same however it was
// wrapped.
func fold(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	space := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if isSpace(c) {
			space = sb.Len() > 0
			continue
		}
		if space {
			sb.WriteByte(' ')
			space = false
		}
		if c == '\\' && i+1 < len(b) && b[i+1] == '|' {
			i++
			c = '|'
		}
		if c == '\\' && (bytes.HasPrefix(b[i+1:], []byte("\n")) || bytes.HasPrefix(b[i+1:], []byte("\r\n"))) {
			// A backslash hard line break: only a line break here.
			space = sb.Len() > 0
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// LineCol returns the 1-based line and column of the byte at offset in
// source, e.g. of Node.Offset in the Markdown body it was parsed from.
// Columns count characters (runes), as editors show them.
func LineCol(source []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(source))
	before := source[:offset]
	line = bytes.Count(before, []byte{'\n'}) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// wikilinkParser is the goldmark inline parser for wikilinks.
type wikilinkParser struct{}

// NewParser returns an inline parser that turns wikilinks into Nodes.
func NewParser() parser.InlineParser { return wikilinkParser{} }

// Trigger implements parser.InlineParser.Trigger: "[" starts a link, and
// "!" an embed.
func (wikilinkParser) Trigger() []byte { return []byte{'[', '!'} }

// Parse implements parser.InlineParser.Parse.
func (p wikilinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if seg.Padding != 0 {
		return nil
	}
	embed := len(line) > 0 && line[0] == '!'
	if embed {
		if !bytes.HasPrefix(line, []byte("![[")) || bytes.HasPrefix(line, []byte("![[[")) {
			return nil
		}
		block.Advance(1)
		line, seg = block.PeekLine()
	}
	n := p.parseLink(block, line, seg)
	if n == nil {
		return nil
	}
	n.place(embed, nextIndex(pc))
	return n
}

// place makes n, scanned from the "[[" at n.Offset, the embed that a "!"
// before it opened, if embed, and numbers it index.
func (n *Node) place(embed bool, index int) {
	if embed {
		n.Embed = true
		n.Offset--
		n.Length++
		n.SetPos(n.Offset)
	}
	n.Index = index
}

// ScanAt returns the wikilink that opens at src[at] with "[[", or "![["
// for an embed, as the parser makes it when it is the index-th of its
// document, provided that it is well-formed and ends before end (the end
// of its line, or any earlier point after the link's own end). Otherwise
// it returns nil: a malformed link may go on over the following lines,
// which only the parser can tell.
func ScanAt(src []byte, at, end, index int) *Node {
	embed := src[at] == '!'
	start := at
	if embed {
		start++
	}
	n, _, ok := Scan(src[start:end])
	if !ok || n.Err != "" {
		return nil
	}
	n.Offset = start
	n.SetPos(start)
	n.place(embed, index)
	return n
}

// parseLink parses the wikilink at the start of line, the rest of the
// block's current line, or returns nil if line starts none.
func (p wikilinkParser) parseLink(block text.Reader, line []byte, seg text.Segment) *Node {
	n, size, ok := Scan(line)
	if !ok {
		return nil
	}
	if n.Err != "" {
		// The link may continue on the paragraph's next lines.
		return p.parseLines(block)
	}
	// A well-formed link found in a prefix of the paragraph is the link:
	// reading further lines could not change where it ends.
	l, _ := block.Position()
	n.Offset = seg.Start
	n.SetPos(seg.Start)
	advanceTo(block, l, seg, seg.Start+size)
	return n
}

// indexKey counts the wikilinks parsed so far in a document.
var indexKey = parser.NewContextKey()

// nextIndex returns the Index of the next wikilink of the document pc
// parses.
func nextIndex(pc parser.Context) int {
	i, _ := pc.Get(indexKey).(int)
	pc.Set(indexKey, i+1)
	return i
}

// advanceTo moves the reader to source offset end on line l, whose
// remaining segment is seg. A link that spans lines was scanned in a copy
// without the container prefixes, so its end is known as a source offset,
// not as a number of bytes to Advance.
func advanceTo(block text.Reader, l int, seg text.Segment, end int) {
	block.SetPosition(l, text.NewSegment(end, seg.Stop))
	if end >= seg.Stop {
		block.AdvanceLine()
	}
}

// piece is one line of a block copied into a contiguous buffer: bytes
// buf[at:] came from seg of the block's line line.
type piece struct {
	at, line int
	seg      text.Segment
}

// parseLines scans a wikilink that may span the block's lines. The lines'
// segments leave out container prefixes ("> ", list indentation), so they
// are copied into one buffer for Scan, and its result is mapped back.
func (wikilinkParser) parseLines(block text.Reader) *Node {
	source := block.Source()
	var buf []byte
	var pieces []piece
	for {
		l, seg := block.Position()
		// Padding is leading whitespace from a tab; whitespace is folded,
		// so the source bytes alone will do.
		pieces = append(pieces, piece{at: len(buf), line: l, seg: seg})
		from := max(len(buf)-1, 2)
		buf = append(buf, source[seg.Start:seg.Stop]...)
		// Scan stops at the next [[: no need to read beyond it.
		if bytes.Contains(buf[min(from, len(buf)):], openMark) {
			break
		}
		block.AdvanceLine()
		if next, _ := block.PeekLine(); next == nil {
			break
		}
	}
	n, size, _ := Scan(buf)
	last := pieces[0]
	for _, pc := range pieces {
		if pc.at < size {
			last = pc
		}
	}
	end := last.seg.Start + size - last.at
	n.Offset = pieces[0].seg.Start
	n.Length = end - n.Offset
	n.SetPos(n.Offset)
	advanceTo(block, last.line, last.seg, end)
	return n
}

// Citations lists the well-formed quote citations of doc in document
// order. In print mode the renderer numbers citations by their place in
// this list, from 1, so a caller that builds the endnotes of a document
// walks the same list and gets the same numbers. The numbering depends on
// the AST alone, not on what resolved, so it stays stable while an edit
// elsewhere breaks or mends a link.
func Citations(doc ast.Node) []*Node {
	var out []*Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*Node); ok && entering && w.Err == "" && w.Quote != "" {
			out = append(out, w)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// EndnoteID is the id of the endnote for the n-th citation (from 1) of a
// document whose ids start with prefix.
func EndnoteID(prefix string, n int) string { return prefix + "en-" + strconv.Itoa(n) }

// EndnoteRefID is the id of the reference to the n-th endnote in the text,
// which an endnote links back to.
func EndnoteRefID(prefix string, n int) string { return prefix + "enref-" + strconv.Itoa(n) }

// Options are what one rendering of a document tells the renderer.
type Options struct {
	// Links are what the document's wikilinks resolved to.
	Links Links
	// Root is the prefix that turns a site-root-relative Href into one
	// relative to the page, e.g. "../../" for a page two folders down.
	Root string
	// Print makes links use Link.PrintHref and citations endnote
	// references: the document is rendered into the print edition.
	Print bool
	// Prefix starts the ids of the document's endnotes, unique when many
	// documents share a page, as in the print edition.
	Prefix string
	// At, if set, maps a PrintHref to where the page has the anchor: a
	// page that prints part of the edition links to the site for the rest.
	At func(href string) string
}

// HTMLRenderer renders the Nodes of one rendering at a time.
type HTMLRenderer struct {
	o Options
	// numbers are the print edition's citation numbers, counted on the
	// first citation rather than by a walk of the document for each.
	numbers map[*Node]int
}

// NewHTMLRenderer returns a renderer for the Nodes of a rendering with
// options o. testdata/wikilink.txt shows the markup for each kind of link.
func NewHTMLRenderer(o Options) *HTMLRenderer { return &HTMLRenderer{o: o} }

// SetOptions readies r for another rendering, with options o.
func (r *HTMLRenderer) SetOptions(o Options) { r.o, r.numbers = o, nil }

// RegisterFuncs implements renderer.NodeRenderer.RegisterFuncs.
func (r *HTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindWikilink, r.render)
	reg.Register(KindEmbed, r.renderEmbed)
}

func (r *HTMLRenderer) render(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Node)
	link := r.o.Links.Of(n)
	if n.Err != "" || link == nil {
		// The build fails on these anyway; showing them as written keeps
		// rendering total, e.g. for the development server.
		_, _ = w.WriteString(`<span class="wikilink broken"`)
		if n.Err != "" {
			writeAttr(w, "title", n.Err)
		}
		_ = w.WriteByte('>')
		_, _ = w.Write(util.EscapeHTML(n.written(source)))
		_, _ = w.WriteString("</span>")
		return ast.WalkSkipChildren, nil
	}

	if n.Quote != "" && r.o.Print {
		r.renderEndnoteRef(w, n, link)
		return ast.WalkSkipChildren, nil
	}
	href := r.hrefOf(n, link)
	if n.Quote == "" {
		writeAnchor(w, "wikilink", href, nil, cmp.Or(n.Label, link.Title, n.Target))
		return ast.WalkSkipChildren, nil
	}
	// A label is the analyst's paraphrase, and is marked as such; the
	// preview shows the source's words.
	if n.Label != "" {
		_, _ = w.WriteString(`<span class="citation paraphrase">`)
	} else {
		_, _ = w.WriteString(`<span class="citation">`)
	}
	writeCitationLabel(w, n)
	// A no-break space binds the mark to the word before it: a mark
	// alone at the start of a line reads as belonging to what follows.
	_, _ = w.WriteString("\u00a0")
	writeAnchor(w, "cite-mark", href, previewAttrs(link), cmp.Or(link.Mark, link.Title, n.Target))
	_, _ = w.WriteString("</span>")
	return ast.WalkSkipChildren, nil
}

// previewAttrs are the attributes of a citation mark that a preview
// shows: the cited words in their context as a title, which the page's
// script turns into a preview with the words marked, the words alone and
// the source's title.
func previewAttrs(link *Link) [][2]string {
	e := link.Excerpt
	if e.Words == "" {
		return nil
	}
	attrs := [][2]string{
		{"title", e.Before + "“" + e.Words + "”" + e.After},
		{"data-words", e.Words},
		{"data-source", link.Title},
	}
	if link.Grade != "" {
		attrs = append(attrs, [2]string{"data-grade", link.Grade})
	}
	return attrs
}

// writeCitationLabel writes a citation's label, or its quoted words in
// <q>, which lets the stylesheet supply quotation marks in the page's
// language rather than the ones the analyst typed.
func writeCitationLabel(w util.BufWriter, n *Node) {
	if n.Label != "" {
		writeText(w, n.Label)
		return
	}
	_, _ = w.WriteString("<q>")
	writeText(w, n.Quote)
	_, _ = w.WriteString("</q>")
}

// renderEndnoteRef renders a citation in print mode: the label (or the
// quoted words) and a superscript number that links to the endnote giving
// the source and ¶. Print has no hover previews and no room for inline
// marks in running text, so the mark moves to the endnote.
func (r *HTMLRenderer) renderEndnoteRef(w util.BufWriter, n *Node, link *Link) {
	_, _ = w.WriteString(`<span class="citation">`)
	writeCitationLabel(w, n)
	r.writeEndnoteNumber(w, n, link)
	_, _ = w.WriteString("</span>")
}

// writeEndnoteNumber writes the superscript number of citation n that
// links to its endnote.
func (r *HTMLRenderer) writeEndnoteNumber(w util.BufWriter, n *Node, link *Link) {
	number := r.citationNumber(n)
	_, _ = w.WriteString(`<sup class="endnote-ref"`)
	writeAttr(w, "id", EndnoteRefID(r.o.Prefix, number))
	_ = w.WriteByte('>')
	label := strconv.Itoa(number)
	if insideLink(n) {
		// HTML does not nest anchors: the number stays, unlinked.
		writeText(w, label)
	} else {
		writeAnchor(w, "endnote-link", "#"+EndnoteID(r.o.Prefix, number), [][2]string{{"title", cmp.Or(link.Mark, link.Title, n.Target)}}, label)
	}
	_, _ = w.WriteString("</sup>")
}

// citationNumber is the number of citation n in its document, from 1.
func (r *HTMLRenderer) citationNumber(n *Node) int {
	if r.numbers == nil {
		r.numbers = map[*Node]int{}
		if doc := n.OwnerDocument(); doc != nil {
			for i, c := range Citations(doc) {
				r.numbers[c] = i + 1
			}
		}
	}
	return r.numbers[n]
}

// insideLink reports whether n is inside a Markdown link.
func insideLink(n *Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

// written returns the link as the analyst wrote it.
func (n *Node) written(source []byte) []byte {
	if n.raw != nil && n.Embed {
		return append([]byte("!"), n.raw...)
	}
	if n.raw != nil {
		return n.raw
	}
	if n.Offset >= 0 && n.Length >= 0 && n.Offset+n.Length <= len(source) {
		return source[n.Offset : n.Offset+n.Length]
	}
	return []byte(n.Target)
}

// hrefOf returns the URL the link points to on the page being rendered,
// or "" when the target has none there (e.g. not in the print edition) or
// when the wikilink is inside a Markdown link, as HTML forbids an <a> in
// another.
func (r *HTMLRenderer) hrefOf(n *Node, link *Link) string {
	switch {
	case insideLink(n):
		return ""
	case r.o.Print && r.o.At != nil && link.PrintHref != "":
		return r.o.At(link.PrintHref)
	case r.o.Print:
		return link.PrintHref
	case link.Href == "":
		return ""
	}
	return r.o.Root + link.Href
}

// writeAnchor writes <a class=class href=href attrs...>text</a>, or a
// span with the class when there is no href: a link to nowhere would be
// worse than plain text.
func writeAnchor(w util.BufWriter, class, href string, attrs [][2]string, text string) {
	if href == "" {
		_, _ = w.WriteString(`<span class="` + class + `"`)
	} else {
		_, _ = w.WriteString(`<a class="` + class + `"`)
		_, _ = w.WriteString(` href="`)
		_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), false)))
		_ = w.WriteByte('"')
	}
	for _, a := range attrs {
		writeAttr(w, a[0], a[1])
	}
	_ = w.WriteByte('>')
	writeText(w, text)
	if href == "" {
		_, _ = w.WriteString("</span>")
	} else {
		_, _ = w.WriteString("</a>")
	}
}

func writeAttr(w util.BufWriter, name, value string) {
	_, _ = w.WriteString(" " + name + `="`)
	writeText(w, value)
	_ = w.WriteByte('"')
}

func writeText(w util.BufWriter, s string) {
	_, _ = w.Write(util.EscapeHTML([]byte(s)))
}

type extender struct{}

// Extension adds the wikilink parser to goldmark. Rendering needs what the
// links resolved to, which the parsed document does not hold: each
// rendering adds NewHTMLRenderer with its Options to its renderer.
var Extension goldmark.Extender = extender{}

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(
			// Before the link parser (200), which would take the first [
			// as the opener of an ordinary link.
			util.Prioritized(NewParser(), 199),
		),
		parser.WithASTTransformers(util.Prioritized(embedBlocks{}, 100)),
	)
}
