package html

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Document is a web page read for dossier: its article as Markdown and
// what the page says about itself.
type Document struct {
	// Text is the article in dossier Markdown: the title as a "#"
	// heading, the body, and the footnotes as "[^n]: text" at the end.
	Text string
	Meta Meta
}

// Read reads a saved web page. pageURL, which may be empty, is the
// address the page was saved from: it completes relative links and is
// the URL when the page names none.
func Read(r io.Reader, pageURL string) (*Document, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read page: %w", err)
	}
	doc, err := html.Parse(strings.NewReader(decode(raw)))
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	meta := readMeta(doc, pageURL)
	base, _ := url.Parse(meta.URL)
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
		base = u
	}

	c := &converter{base: base}
	notes := takeNotes(doc, c)
	removeChrome(doc, meta.Title)
	index := number(doc)

	parser := readability.NewParser()
	article, err := parser.ParseDocument(doc, base)
	if err != nil {
		return nil, fmt.Errorf("find article: %w", err)
	}
	fillMeta(&meta, article)

	content := article.Node
	if content == nil || countLetters(textContent(content)) == 0 {
		// Too little text for readability to score: the page is its own
		// article, less the chrome already removed. Parsing gives every
		// page a body.
		content = first3(find(doc, "article"), find(doc, "main"), find(doc, "body"))
	} else {
		c.blocks = leadBlocks(lead(content, index), base)
	}
	removeLinkDense(content)
	c.convert(content)
	c.blocks = dropLabels(c.blocks)

	return &Document{Text: render(append(c.blocks, notes...), meta.Title), Meta: meta}, nil
}

// numberAttr numbers the page's elements before readability copies them,
// so that what it keeps can be found in the page.
const numberAttr = "data-dossier-n"

// number numbers the elements of doc's body in document order and
// returns them by number.
func number(doc *html.Node) []*html.Node {
	var index []*html.Node
	if body := find(doc, "body"); body != nil {
		elements(body, func(e *html.Node) bool {
			e.Attr = append(e.Attr, html.Attribute{Key: numberAttr, Val: strconv.Itoa(len(index))})
			index = append(index, e)
			return true
		})
	}
	return index
}

// leadLetters bounds the text lead may add.
const leadLetters = 1000

// lead returns what readability left out at the start of the article
// it found: the standfirst and the lead picture's caption, which sit in
// the article's header beside its title rather than in its body. They
// are the elements of the page's <article> or <main> around the content
// that come before the content's first element, provided they are
// short.
func lead(content *html.Node, index []*html.Node) []*html.Node {
	var kept []*html.Node
	if n, err := strconv.Atoi(attr(content, numberAttr)); err == nil && n < len(index) {
		kept = append(kept, index[n])
	}
	elements(content, func(e *html.Node) bool {
		if n, err := strconv.Atoi(attr(e, numberAttr)); err == nil && n < len(index) {
			kept = append(kept, index[n])
		}
		return true
	})
	if len(kept) == 0 {
		return nil
	}
	start := kept[0]
	common := start
	for _, k := range kept[1:] {
		for !contains(common, k) {
			common = common.Parent
		}
	}
	container := common
	for container != nil && !is(container, "article", "main") {
		container = container.Parent
	}
	var out []*html.Node
	letters := 0
	for path := start; container != nil && path != container; path = path.Parent {
		var before []*html.Node
		for s := path.PrevSibling; s != nil; s = s.PrevSibling {
			before = append([]*html.Node{s}, before...)
			letters += countLetters(textContent(s))
		}
		out = append(before, out...)
	}
	if letters > leadLetters {
		return nil
	}
	return out
}

// leadWords is the fewest words a paragraph of the lead has: shorter
// ones are labels (a kicker, a series number, "Press release").
const leadWords = 6

// leadBlocks converts the lead of an article, keeping the paragraphs that
// read as text, lists and tables. Its headings are the title and the
// labels above it.
func leadBlocks(lead []*html.Node, base *url.URL) []block {
	c := &converter{base: base}
	for _, n := range lead {
		removeLinkDense(n)
		c.convert(n)
	}
	var kept []block
	for _, b := range c.blocks {
		if b.kind == heading || b.kind == paragraph && len(strings.Fields(b.text)) < leadWords {
			continue
		}
		kept = append(kept, b)
	}
	return kept
}

// dropLabels drops the short lines that open an article above or beside
// its title, a kicker, a series number, "Press release": paragraphs of
// fewer than leadWords words that do not end like a sentence.
func dropLabels(blocks []block) []block {
	for len(blocks) > 0 {
		b := blocks[0]
		if b.kind != paragraph || b.quote || len(strings.Fields(b.text)) >= leadWords ||
			strings.ContainsAny(lastChar(b.text), ".!?:…") {
			break
		}
		blocks = blocks[1:]
	}
	return blocks
}

// lastChar returns the last character of s, or "".
func lastChar(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

// fillMeta completes the metadata with what readability found, where the
// page's own metadata said nothing.
func fillMeta(m *Meta, a readability.Article) {
	if m.Title == "" {
		m.Title = squash(a.Title())
	}
	if len(m.Authors) == 0 {
		m.Authors = bylineNames(a.Byline())
	}
	if m.Publisher == "" {
		m.Publisher = squash(a.SiteName())
	}
	if m.Date == "" {
		if t, err := a.PublishedTime(); err == nil {
			m.Date = t.Format("2006-01-02")
		}
	}
	if m.Language == "" {
		m.Language = language(a.Language())
	}
}

// decode returns the page as UTF-8 text. The encoding is the one a byte
// order mark or <meta charset> declares; a page declared in a legacy
// encoding whose bytes are valid UTF-8 beyond ASCII was saved as UTF-8
// without its declaration being updated, and is read as UTF-8. With no
// declaration, a page that is not UTF-8 is taken for windows-1252, as
// browsers do.
//
// Soft hyphens and zero-width spaces, which only hint where a line may
// break, are removed, and the text is put in Unicode normal form C so
// that quotations match however the page composed its accents. The
// private-use characters that mark footnote references are removed from
// the page's own text.
func decode(raw []byte) string {
	enc, name, _ := charset.DetermineEncoding(raw, "")
	if name != "utf-8" && utf8.Valid(raw) && !ascii(raw) {
		enc = unicode.UTF8
	}
	text, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		text = raw
	}
	s := strings.TrimPrefix(strings.ToValidUTF8(string(text), "\uFFFD"), "\uFEFF")
	s = strings.NewReplacer("\u00AD", "", "\u200B", "", markOpen, "", markClose, "").Replace(s)
	return norm.NFC.String(s)
}

// ascii reports whether b is all ASCII.
func ascii(b []byte) bool {
	return !bytes.ContainsFunc(b, func(r rune) bool { return r >= utf8.RuneSelf })
}

// first3 returns the first of its arguments that is not nil.
func first3(ns ...*html.Node) *html.Node {
	for _, n := range ns {
		if n != nil {
			return n
		}
	}
	return nil
}
