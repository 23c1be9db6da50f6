package linkcheck

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// page is what a scan found in one HTML page.
type page struct {
	ids  map[string]bool // fragment targets: every id, and <a name>
	refs []ref
}

// element is an open element on the scanner's stack.
type element struct {
	name      string
	line, col int
	foreign   bool // inside <svg> or <math>, where XML-like rules apply
}

// Elements that never have content or an end tag.
var voidElements = set("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr")

// Elements whose end tag HTML lets a page omit: the parser closes them
// when a sibling starts or the parent ends.
var optionalEnd = set("html", "head", "body", "p", "li", "dt", "dd", "rt", "rp", "optgroup", "option", "colgroup", "caption", "thead", "tbody", "tfoot", "tr", "td", "th")

// Start tags that close an open <p>: a paragraph cannot hold them.
var closesP = set("address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "dd", "dt",
	"fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
	"li", "listing", "main", "menu", "nav", "ol", "p", "plaintext", "pre", "search", "section", "summary", "table", "ul", "xmp")

// Elements that bound the search for an open <p> ("button scope").
var pScope = set("applet", "button", "caption", "html", "marquee", "object", "table", "td", "th", "template")

// impliedEnd maps a start tag to the open elements it closes when they
// are the current element: a new <li> ends the previous <li>, and so on.
var impliedEnd = map[string]map[string]bool{
	"li":       set("li"),
	"dt":       set("dt", "dd"),
	"dd":       set("dt", "dd"),
	"tr":       set("tr", "td", "th"),
	"td":       set("td", "th"),
	"th":       set("td", "th"),
	"thead":    set("thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"),
	"tbody":    set("thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"),
	"tfoot":    set("thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup"),
	"option":   set("option"),
	"optgroup": set("option", "optgroup"),
	"rt":       set("rt", "rp"),
	"rp":       set("rt", "rp"),
	"body":     set("head"),
}

// URL attributes by element. "*" applies to every element.
var urlAttrs = map[string][]string{
	"a":          {"href"},
	"area":       {"href"},
	"link":       {"href"},
	"base":       {}, // handled apart: it changes how the others resolve
	"script":     {"src"},
	"img":        {"src", "srcset"},
	"source":     {"src", "srcset"},
	"iframe":     {"src"},
	"embed":      {"src"},
	"audio":      {"src"},
	"video":      {"src", "poster"},
	"track":      {"src"},
	"input":      {"src", "formaction"},
	"button":     {"formaction"},
	"form":       {"action"},
	"object":     {"data"},
	"blockquote": {"cite"},
	"q":          {"cite"},
	"ins":        {"cite"},
	"del":        {"cite"},
	"use":        {"href", "xlink:href"},
	"image":      {"href", "xlink:href"},
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// scanner walks one page's tokens, tracking positions and open elements.
type scanner struct {
	c     *checker
	path  string
	data  []byte
	lines []int // byte offset at which each line starts
	page  *page
	stack []element
	idPos map[string][2]int // where each id was first seen
	base  string            // the first <base href>

	// Where the last <p> closed without its end tag was opened and what
	// closed it, to explain a stray </p> that follows.
	impliedP *struct {
		pLine, byLine int
		by            string
	}
}

// scanPage checks the structure of the page at p and collects its anchors
// and URLs.
func (c *checker) scanPage(p string, data []byte) *page {
	s := &scanner{c: c, path: p, data: data, lines: lineStarts(data), page: &page{ids: map[string]bool{}}, idPos: map[string][2]int{}}
	s.run()
	for i := range s.page.refs {
		s.page.refs[i].base = s.base
	}
	return s.page
}

// lineStarts returns the offset of the start of every line of data.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos turns a byte offset into a 1-based line and column.
func (s *scanner) pos(off int) (line, col int) { return posIn(s.lines, off) }

// posIn turns a byte offset into a 1-based line and column, given the
// offsets at which lines start.
func posIn(lines []int, off int) (line, col int) {
	i, found := slices.BinarySearch(lines, off)
	if !found {
		i--
	}
	return i + 1, off - lines[i] + 1
}

func (s *scanner) add(off int, format string, args ...any) {
	line, col := s.pos(off)
	s.c.add(s.path, line, col, format, args...)
}

func (s *scanner) run() {
	z := html.NewTokenizer(bytes.NewReader(s.data))
	var (
		off         int  // offset of the current token: the tokens' raw bytes partition the input
		sawDoctype  bool // a doctype came first
		sawContent  bool // something other than blank text or a comment came
		sawHTMLLang bool
		titles      int
		titleText   strings.Builder
		inTitle     bool // the next text token is the <title>'s
		inStyle     bool // the next text token is a <style> block
	)
	for {
		tt := z.Next()
		raw := z.Raw()
		start := off
		off += len(raw)
		if tt == html.ErrorToken {
			if err := z.Err(); err != io.EOF {
				s.add(start, "cannot tokenize: %v", err)
			}
			break
		}
		if tt != html.DoctypeToken && tt != html.CommentToken && !(tt == html.TextToken && isBlank(raw)) && !sawContent {
			sawContent = true
			if !sawDoctype {
				s.c.add(s.path, 1, 1, "missing <!DOCTYPE html> at the start: browsers render the page in quirks mode")
			}
		}
		switch tt {
		case html.DoctypeToken:
			if sawContent || sawDoctype {
				s.add(start, "<!DOCTYPE> after the start of the page is ignored")
				continue
			}
			sawDoctype = true
			if d := strings.TrimSpace(string(z.Text())); !strings.EqualFold(d, "html") {
				s.add(start, "doctype %q: use <!DOCTYPE html>", d)
			}
		case html.TextToken:
			switch {
			case inTitle:
				titleText.Write(z.Text())
			case inStyle:
				line, col := s.pos(start)
				s.page.refs = append(s.page.refs, scanCSS(s.path, raw, line, col)...)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := s.tag(z, start, raw)
			foreign := s.inForeign()
			inTitle, inStyle = false, false
			if !foreign {
				s.implyEnds(name, start)
			}
			switch {
			case name == "html" && !foreign:
				lang, ok := attrs["lang"]
				sawHTMLLang = ok && strings.TrimSpace(lang.val) != ""
			case name == "title" && !foreign:
				titles++
				if titles > 1 {
					s.add(start, "more than one <title>")
				}
				inTitle = tt == html.StartTagToken
			case name == "style" && !foreign:
				inStyle = tt == html.StartTagToken
			}
			if name == "a" && !foreign {
				s.nestedLink(start)
			}
			if voidElements[name] && !foreign {
				continue
			}
			if tt == html.SelfClosingTagToken {
				if foreign || name == "svg" || name == "math" {
					continue // XML rules: <path/> is complete
				}
				s.add(start, "<%s/>: HTML ignores the slash on a non-void element, so it stays open: write <%s></%s>", name, name, name)
				continue
			}
			line, col := s.pos(start)
			parentForeign := foreign && s.top().name != "foreignobject"
			s.stack = append(s.stack, element{name: name, line: line, col: col, foreign: parentForeign || name == "svg" || name == "math"})
		case html.EndTagToken:
			inTitle, inStyle = false, false
			n, _ := z.TagName()
			s.end(string(n), start)
		}
	}
	if !sawHTMLLang {
		s.c.add(s.path, 1, 0, "missing <html lang=\"...\">: screen readers and hyphenation need the page's language")
	}
	switch {
	case titles == 0:
		s.c.add(s.path, 1, 0, "missing <title>")
	case strings.TrimSpace(titleText.String()) == "":
		s.c.add(s.path, 1, 0, "empty <title>")
	}
	for _, e := range s.stack {
		if !optionalEnd[e.name] || e.foreign {
			s.c.add(s.path, e.line, e.col, "<%s> is never closed", e.name)
		}
	}
}

func isBlank(b []byte) bool {
	return len(bytes.TrimSpace(bytes.TrimPrefix(b, []byte("\ufeff")))) == 0
}

func (s *scanner) top() element {
	if len(s.stack) == 0 {
		return element{}
	}
	return s.stack[len(s.stack)-1]
}

func (s *scanner) inForeign() bool {
	t := s.top()
	return t.foreign && t.name != "foreignobject"
}

// attr is one attribute of a tag and where its name starts.
type attr struct {
	val string
	off int
}

// tag reads the current start tag's attributes, records its anchors and
// URLs, and returns its name and attributes.
func (s *scanner) tag(z *html.Tokenizer, start int, raw []byte) (string, map[string]attr) {
	n, more := z.TagName()
	name := string(n)
	// Positions come from the raw tag; a name seen before there is a
	// duplicate, which the tokenizer has already dropped.
	offs := map[string]int{}
	for _, ra := range rawAttrs(raw) {
		if _, dup := offs[ra.name]; dup {
			s.add(start+ra.off, "duplicate attribute %s on <%s>: browsers keep the first", ra.name, name)
			continue
		}
		offs[ra.name] = start + ra.off
	}
	attrs := map[string]attr{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		off, ok := offs[string(k)]
		if !ok {
			off = start
		}
		attrs[string(k)] = attr{val: string(v), off: off}
	}

	if a, ok := attrs["id"]; ok {
		s.anchor(a, "id")
	}
	if a, ok := attrs["name"]; ok && name == "a" {
		s.anchor(a, "name")
	}
	if name == "base" {
		if a, ok := attrs["href"]; ok && s.base == "" {
			s.base = a.val
			if strings.HasPrefix(strings.TrimSpace(a.val), "/") && !is404(s.path) {
				s.add(a.off, "root-absolute <base href> %q breaks when the site is published under a sub-path or opened from disk", a.val)
			}
		}
	}
	for _, key := range urlAttrs[name] {
		a, ok := attrs[key]
		if !ok {
			continue
		}
		if key == "srcset" {
			for _, u := range srcset(a.val) {
				s.ref(a, name, key, u, false)
			}
			continue
		}
		// An empty href or action is the page itself, a valid way to
		// write it; an empty src makes the browser fetch the page as
		// an image or script.
		emptyOK := key == "href" || key == "action" || key == "formaction" || key == "cite"
		s.ref(a, name, key, a.val, emptyOK)
	}
	if name == "meta" && strings.EqualFold(attrs["http-equiv"].val, "refresh") {
		if u, ok := refreshURL(attrs["content"].val); ok {
			s.ref(attrs["content"], name, "content", u, false)
		}
	}
	return name, attrs
}

func (s *scanner) ref(a attr, tag, key, u string, emptyOK bool) {
	line, col := s.pos(a.off)
	s.page.refs = append(s.page.refs, ref{from: s.path, line: line, col: col, what: fmt.Sprintf("<%s %s>", tag, key), url: u, emptyOK: emptyOK})
}

// rawAttr is an attribute name as written in a tag and its offset there.
type rawAttr struct {
	name string
	off  int
}

// rawAttrs lists the attribute names of the raw start tag, duplicates
// included, with their offsets. The tokenizer drops duplicate attributes
// and keeps no positions, so this re-reads the tag with the same rules.
func rawAttrs(raw []byte) []rawAttr {
	var out []rawAttr
	i := 1 // after "<"
	for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' {
		i++
	}
	for i < len(raw) {
		for i < len(raw) && (isSpace(raw[i]) || raw[i] == '/') {
			i++
		}
		if i >= len(raw) || raw[i] == '>' {
			break
		}
		start := i
		i++ // a name may start with "="
		for i < len(raw) && !isSpace(raw[i]) && raw[i] != '/' && raw[i] != '>' && raw[i] != '=' {
			i++
		}
		out = append(out, rawAttr{name: string(bytes.ToLower(raw[start:i])), off: start})
		j := i
		for j < len(raw) && isSpace(raw[j]) {
			j++
		}
		if j >= len(raw) || raw[j] != '=' {
			continue
		}
		j++
		for j < len(raw) && isSpace(raw[j]) {
			j++
		}
		if j < len(raw) && (raw[j] == '"' || raw[j] == '\'') {
			q := raw[j]
			j++
			for j < len(raw) && raw[j] != q {
				j++
			}
			j++
		} else {
			for j < len(raw) && !isSpace(raw[j]) && raw[j] != '>' {
				j++
			}
		}
		i = j
	}
	return out
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f'
}

// anchor records an id or <a name>.
func (s *scanner) anchor(a attr, kind string) {
	line, col := s.pos(a.off)
	switch {
	case a.val == "":
		s.add(a.off, "empty %s attribute", kind)
		return
	case kind == "id" && strings.ContainsAny(a.val, " \t\n\r\f"):
		s.add(a.off, "id %q contains white space", a.val)
	}
	if first, dup := s.idPos[a.val]; dup {
		s.add(a.off, "duplicate %s %q (first at %d:%d): links to #%s reach only the first", kind, a.val, first[0], first[1], a.val)
		return
	}
	s.idPos[a.val] = [2]int{line, col}
	s.page.ids[a.val] = true
}

// implyEnds closes the elements that the start tag name ends without an
// end tag, as the HTML parser does, and reports a block element that
// splits a paragraph it cannot end cleanly.
func (s *scanner) implyEnds(name string, off int) {
	for len(s.stack) > 0 {
		t := s.top()
		if t.foreign {
			return
		}
		if closesP[name] && t.name == "p" {
			s.closeP(t, name, off)
			s.stack = s.stack[:len(s.stack)-1]
			continue
		}
		if impliedEnd[name][t.name] {
			s.stack = s.stack[:len(s.stack)-1]
			continue
		}
		break
	}
	if !closesP[name] {
		return
	}
	// A <p> still open further down: the parser closes it here too,
	// and whatever is open inside it with it.
	for i := len(s.stack) - 1; i >= 0; i-- {
		e := s.stack[i]
		if pScope[e.name] || e.foreign {
			return
		}
		if e.name == "p" {
			inner := s.stack[len(s.stack)-1]
			s.add(off, "<%s> inside <p> (opened at %d:%d) closes the paragraph before <%s> (opened at %d:%d) ends: the browser splits the markup here", name, e.line, e.col, inner.name, inner.line, inner.col)
			s.closeP(e, name, off)
			s.stack = s.stack[:i]
			return
		}
	}
}

// nestedLink reports a link started inside another, which browsers end
// before the new one starts, and takes the outer link off the stack as
// they do.
func (s *scanner) nestedLink(off int) {
	for i := len(s.stack) - 1; i >= 0; i-- {
		e := s.stack[i]
		if e.foreign || pScope[e.name] {
			return
		}
		if e.name == "a" {
			s.add(off, "<a> inside <a> (opened at %d:%d): a browser ends the outer link here", e.line, e.col)
			s.stack = slices.Delete(s.stack, i, i+1)
			return
		}
	}
}

func (s *scanner) closeP(p element, by string, off int) {
	line, _ := s.pos(off)
	s.impliedP = &struct {
		pLine, byLine int
		by            string
	}{p.line, line, by}
}

// end handles the end tag name at offset off.
func (s *scanner) end(name string, off int) {
	if voidElements[name] && !s.inForeign() {
		s.add(off, "</%s>: <%s> is a void element and has no end tag", name, name)
		return
	}
	i := len(s.stack) - 1
	for ; i >= 0; i-- {
		if s.stack[i].name == name {
			break
		}
	}
	if i < 0 {
		if name == "p" && s.impliedP != nil {
			ip := s.impliedP
			s.add(off, "stray </p>: the <p> opened on line %d was already closed by <%s> on line %d, so the browser adds an empty paragraph here", ip.pLine, ip.by, ip.byLine)
			return
		}
		s.add(off, "stray </%s>: no <%s> is open", name, name)
		return
	}
	for j := len(s.stack) - 1; j > i; j-- {
		e := s.stack[j]
		if !optionalEnd[e.name] || e.foreign {
			s.add(off, "</%s> closes <%s> (opened at %d:%d) before its <%s> (opened at %d:%d) is closed", name, name, s.stack[i].line, s.stack[i].col, e.name, e.line, e.col)
		}
	}
	s.stack = s.stack[:i]
}

// srcset returns the URLs of a srcset attribute: comma-separated
// candidates, each a URL and an optional descriptor.
func srcset(v string) []string {
	var urls []string
	for _, cand := range strings.Split(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			urls = append(urls, f[0])
		}
	}
	return urls
}

// refreshURL returns the URL of a <meta http-equiv=refresh> content such
// as "0; url=next.html".
func refreshURL(content string) (string, bool) {
	_, rest, ok := strings.Cut(content, ";")
	if !ok {
		_, rest, ok = strings.Cut(content, ",")
	}
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if len(rest) >= 4 && strings.EqualFold(rest[:3], "url") {
		rest = strings.TrimSpace(rest[3:])
		rest, ok = strings.CutPrefix(rest, "=")
		if !ok {
			return "", false
		}
	}
	return strings.Trim(strings.TrimSpace(rest), `'"`), true
}
