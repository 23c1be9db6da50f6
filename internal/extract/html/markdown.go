package html

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// The article's content becomes dossier Markdown, the subset that
// internal/passage reads:
//
//   - a heading is "#" to "######" and its text on one line;
//   - a paragraph is one line, paragraphs are separated by a blank line,
//     and a <br> breaks the line inside the paragraph;
//   - a list is one line per item, "- " or "1. ", a nested list indented
//     under its item;
//   - a block quote is its paragraphs each prefixed with "> ";
//   - "*emphasis*" and "**strong**", never nested;
//   - a link is "[text](url)" when its target is a web address, and its
//     text alone otherwise (an anchor in the page, a script);
//   - a table is a GFM table whose first row is the header;
//   - a figure caption is a paragraph of its own;
//   - a footnote reference is "[^3]"; the notes themselves are added at the
//     end by Read.
//
// Images, media, forms and scripts leave nothing. Text that would read as
// markup is escaped with a backslash, as CommonMark does.

// blockKind says how a block is written.
type blockKind int

const (
	paragraph blockKind = iota
	heading
	list
	table
)

// block is one block of the output before headings are levelled.
type block struct {
	kind  blockKind
	level int    // a heading's level as in the page
	text  string // its Markdown, lines separated by "\n", without quote marks
	quote bool   // inside a block quote
}

// converter collects the blocks of a piece of HTML.
type converter struct {
	base   *url.URL // resolves relative links; nil keeps only absolute ones
	blocks []block
	para   strings.Builder // the inline Markdown of the paragraph being built
	quote  bool            // inside a block quote
}

// inlineState carries what an inline element's content needs to know of
// its ancestors.
type inlineState struct {
	emphasis bool   // inside emphasis: no nested delimiters
	link     bool   // inside a link: no nested links
	br       string // what a <br> becomes: "\n" in paragraphs, " " elsewhere
}

// blockTags are the elements that end the paragraph before them.
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"header": true, "footer": true, "aside": true, "nav": true, "figure": true,
	"figcaption": true, "address": true, "details": true, "summary": true,
	"hgroup": true, "center": true, "dl": true, "dt": true, "dd": true,
	"fieldset": true, "form": true, "blockquote": true, "ul": true, "ol": true,
	"li": true, "table": true, "pre": true, "hr": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "body": true, "html": true,
}

// silent are the elements that leave no text.
var silent = map[string]bool{
	"img": true, "picture": true, "video": true, "audio": true, "source": true,
	"track": true, "button": true, "input": true, "select": true, "option": true,
	"textarea": true, "label": true, "map": true, "area": true, "dialog": true,
}

// convert appends the blocks of n's content.
func (c *converter) convert(n *html.Node) {
	c.flow(n)
	c.flush()
}

// flow converts the children of n, gathering inline content into
// paragraphs and converting block elements in turn.
func (c *converter) flow(n *html.Node) {
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && blockTags[ch.Data] {
			c.flush()
			c.block(ch)
			continue
		}
		c.para.WriteString(c.inlineNode(ch, inlineState{br: "\n"}))
	}
}

// block converts a block element.
func (c *converter) block(n *html.Node) {
	switch n.Data {
	case "h1", "h2", "h3", "h4", "h5", "h6":
		if text := squash(c.inline(n, inlineState{br: " "})); text != "" {
			c.add(block{kind: heading, level: int(n.Data[1] - '0'), text: text})
		}
	case "ul", "ol":
		if lines := c.list(n, ""); len(lines) > 0 {
			c.add(block{kind: list, text: strings.Join(lines, "\n")})
		}
	case "table":
		c.table(n)
	case "pre":
		var lines []string
		for _, l := range strings.Split(textContent(n), "\n") {
			if l = squash(notesMarked(escapeText(l))); l != "" {
				lines = append(lines, escapeLineStart(l))
			}
		}
		if len(lines) > 0 {
			c.add(block{kind: paragraph, text: strings.Join(lines, "\n")})
		}
	case "blockquote":
		outer := c.quote
		c.quote = true
		c.flow(n)
		c.flush()
		c.quote = outer
	case "hr":
	default:
		c.flow(n)
		c.flush()
	}
}

// add appends a block, in a quote if one is open.
func (c *converter) add(b block) {
	b.quote = c.quote
	c.blocks = append(c.blocks, b)
}

// flush ends the paragraph being built. An empty line in it, left by two
// <br> in a row, shows as a gap between paragraphs and is one.
func (c *converter) flush() {
	s := c.para.String()
	c.para.Reset()
	var lines []string
	for _, l := range strings.Split(s+"\n", "\n") {
		if l = squash(l); l != "" {
			lines = append(lines, escapeLineStart(l))
		} else if len(lines) > 0 {
			c.add(block{kind: paragraph, text: strings.Join(lines, "\n")})
			lines = nil
		}
	}
}

// list returns the lines of a list, each item's line starting with indent.
func (c *converter) list(n *html.Node, indent string) []string {
	var lines []string
	num := 1
	if s, err := strconv.Atoi(attr(n, "start")); err == nil {
		num = s
	}
	for li := n.FirstChild; li != nil; li = li.NextSibling {
		if is(li, "ul", "ol") { // a list nested without its item
			lines = append(lines, c.list(li, indent+"  ")...)
			continue
		}
		if !is(li, "li") {
			continue
		}
		if v, err := strconv.Atoi(attr(li, "value")); err == nil {
			num = v
		}
		marker := "- "
		if n.Data == "ol" {
			marker = strconv.Itoa(num) + ". "
		}
		num++
		var text strings.Builder
		var sub []string
		for ch := li.FirstChild; ch != nil; ch = ch.NextSibling {
			if is(ch, "ul", "ol") {
				sub = append(sub, c.list(ch, indent+strings.Repeat(" ", len(marker)))...)
				continue
			}
			text.WriteString(c.inlineNode(ch, inlineState{br: " "}))
		}
		if t := squash(text.String()); t != "" {
			lines = append(lines, indent+marker+escapeLineStart(t))
		}
		lines = append(lines, sub...)
	}
	return lines
}

// table converts a data table to a GFM table. A table used for layout,
// holding other tables or a single column, is read as the blocks of its
// cells.
func (c *converter) table(n *html.Node) {
	var rows [][]*html.Node
	layout := false
	elements(n, func(e *html.Node) bool {
		switch e.Data {
		case "table":
			layout = true
			return false
		case "caption":
			c.block(e)
			return false
		case "tr":
			var cells []*html.Node
			for td := e.FirstChild; td != nil; td = td.NextSibling {
				if is(td, "td", "th") {
					cells = append(cells, td)
				}
			}
			rows = append(rows, cells)
			return false
		}
		return true
	})
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	if layout || width < 2 {
		for _, r := range rows {
			for _, cell := range r {
				c.convert(cell)
			}
		}
		return
	}
	var lines []string
	for _, r := range rows {
		var cells []string
		empty := true
		for _, td := range r {
			text := strings.ReplaceAll(squash(c.inline(td, inlineState{br: " "})), "|", `\|`)
			empty = empty && text == ""
			cells = append(cells, text)
			span, _ := strconv.Atoi(attr(td, "colspan"))
			for k := 1; k < min(span, width); k++ {
				cells = append(cells, "")
			}
		}
		if empty {
			continue
		}
		for len(cells) < width {
			cells = append(cells, "")
		}
		lines = append(lines, "| "+strings.Join(cells[:width], " | ")+" |")
		if len(lines) == 1 {
			lines = append(lines, "|"+strings.Repeat(" --- |", width))
		}
	}
	if len(lines) > 0 {
		c.add(block{kind: table, text: strings.Join(lines, "\n")})
	}
}

// inline returns the inline Markdown of n's children.
func (c *converter) inline(n *html.Node, st inlineState) string {
	var b strings.Builder
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		b.WriteString(c.inlineNode(ch, st))
	}
	return b.String()
}

// inlineNode returns the inline Markdown of n. Block elements met inside
// inline content (a <div> in a link, a list in a table cell) are set off
// by spaces.
func (c *converter) inlineNode(n *html.Node, st inlineState) string {
	switch n.Type {
	case html.TextNode:
		return notesMarked(escapeText(spaces.ReplaceAllString(n.Data, " ")))
	case html.ElementNode:
	default:
		return ""
	}
	switch {
	case unread[n.Data] || silent[n.Data]:
		return ""
	case n.Data == "br":
		return st.br
	case n.Data == "em" || n.Data == "i":
		return c.emphasis(n, st, "*")
	case n.Data == "strong" || n.Data == "b":
		return c.emphasis(n, st, "**")
	case n.Data == "a":
		return c.link(n, st)
	case n.Data == "q":
		return "“" + c.inline(n, st) + "”"
	case blockTags[n.Data]:
		return " " + c.inline(n, inlineState{emphasis: st.emphasis, link: st.link, br: " "}) + " "
	}
	return c.inline(n, st)
}

// emphasis wraps the content of n in delimiters, keeping the spaces at
// its ends outside them.
func (c *converter) emphasis(n *html.Node, st inlineState, delim string) string {
	if st.emphasis {
		return c.inline(n, st)
	}
	st.emphasis = true
	return wrap(c.inline(n, st), delim, delim)
}

// link writes a link as "[text](url)" when its target is a web address.
func (c *converter) link(n *html.Node, st inlineState) string {
	if st.link {
		return c.inline(n, st)
	}
	st.link = true
	st.br = " "
	text := c.inline(n, st)
	href := c.resolve(attr(n, "href"))
	if href == "" {
		return text
	}
	return wrap(text, "[", "]("+href+")")
}

// resolve returns the web address a link points to, with the characters
// that would end a Markdown link target escaped, or "" when it points
// elsewhere: into the page, to a script, to an address the page's URL
// cannot complete.
func (c *converter) resolve(href string) string {
	href = strings.TrimSpace(href)
	if href == "" || strings.HasPrefix(href, "#") {
		return ""
	}
	u, err := url.Parse(href)
	if err != nil {
		return ""
	}
	if c.base != nil {
		u = c.base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E").Replace(u.String())
}

// wrap puts open and close around the text of s, leaving the white space
// at its ends outside; an s that is all space stays as it is.
func wrap(s, open, close string) string {
	core := strings.TrimSpace(s)
	if core == "" {
		return s
	}
	start := strings.Index(s, core)
	return s[:start] + open + core + close + s[start+len(core):]
}

var (
	spaces = regexp.MustCompile(`[ \t\n\r\f]+`)
	// A "[" whose "]" is followed by "(" would read as a link.
	linkLike = regexp.MustCompile(`\[[^\]]*\]\(`)
	// What opens a block at the start of a line: an ATX heading, a
	// quote, a bullet, an ordered item, a thematic break or setext
	// underline, an HTML block.
	lineStart = regexp.MustCompile(`^(?:#{1,6}(?:\s|$)|>|[-+](?:\s|$)|\d{1,9}[.)](?:\s|$)|(?:[-=_]\s*){3,}$)`)
)

// escapeText escapes the characters of page text that Markdown would read
// as inline markup: emphasis, a link's brackets, an HTML tag, and a
// backslash that would escape them.
func escapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; {
		case ch == '\\' && i+1 < len(s) && isPunct(s[i+1]):
			b.WriteString(`\\`)
		case ch == '*':
			b.WriteString(`\*`)
		case ch == '[' && linkLike.MatchString(s[i:]):
			b.WriteString(`\[`)
		case ch == '<' && i+1 < len(s) && (isASCIILetter(s[i+1]) || strings.IndexByte("/!?", s[i+1]) >= 0):
			b.WriteString(`\<`)
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// escapeLineStart escapes what would open a block at the start of a line.
func escapeLineStart(line string) string {
	m := lineStart.FindString(line)
	switch {
	case m == "":
		return line
	case m[0] >= '0' && m[0] <= '9':
		i := strings.IndexAny(m, ".)")
		return line[:i] + `\` + line[i:]
	}
	return `\` + line
}

func isPunct(ch byte) bool { return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", ch) >= 0 }

func isASCIILetter(ch byte) bool { return 'a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' }

// render writes the blocks as Markdown, each line ended. The first
// heading is dropped when it repeats the title, and so is a heading left
// with nothing under it, whose section was page chrome. Headings are
// shifted so that the highest in the article is "##" under a title and
// "#" without one.
func render(blocks []block, title string) string {
	for i, b := range blocks {
		if b.kind == heading {
			if sameText(b.text, title) {
				blocks = append(blocks[:i:i], blocks[i+1:]...)
			}
			break
		}
	}
	var kept []block // in reverse order
	for i := len(blocks) - 1; i >= 0; i-- {
		b := blocks[i]
		next := len(kept) - 1
		if b.kind == heading && (next < 0 || kept[next].kind == heading && kept[next].level <= b.level) {
			continue
		}
		kept = append(kept, b)
	}
	slices.Reverse(kept)
	top := 7
	for _, b := range kept {
		if b.kind == heading {
			top = min(top, b.level)
		}
	}
	shift := 1 - top
	var out []string
	if title != "" {
		out = append(out, "# "+escapeText(squash(title)))
		shift++
	}
	for _, b := range kept {
		text := b.text
		if b.kind == heading {
			text = strings.Repeat("#", min(b.level+shift, 6)) + " " + text
		}
		if b.quote {
			text = "> " + strings.ReplaceAll(text, "\n", "\n> ")
		}
		out = append(out, text)
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n\n") + "\n"
}

// sameText reports whether two texts read the same, ignoring case,
// markup and punctuation.
func sameText(a, b string) bool {
	return fold(a) != "" && fold(a) == fold(b)
}

// fold keeps the lowercase letters and digits of s.
func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if countLetters(string(r)) > 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}
