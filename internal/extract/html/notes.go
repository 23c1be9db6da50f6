package html

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

// Footnotes and endnotes are taken out of the page before the article is
// extracted: readability drops <aside> and <footer> and may leave a list of
// notes out of the article. Each reference becomes a marker in the text,
// which the converter writes "[^3]", and each note a definition
// "[^3]: text" at the end.
//
// A reference is a link into the page inside or around a <sup>, a link
// whose text is a label in brackets ("[3]"), or one marked with
// role="doc-noteref"; its note is the element it points to, or the block
// around it when that element holds only the number. A list marked
// as notes by its role or class, with plain <sup> numbers in the text,
// is read the same way.

// note is a footnote taken out of the page.
type note struct {
	label string
	text  string // inline Markdown
}

// The marker of a footnote reference in text: private-use characters
// around its label, which Read removes from the page's own text.
const (
	markOpen  = "\uE000"
	markClose = "\uE001"
)

var (
	marker     = regexp.MustCompile(markOpen + `([^` + markClose + `]*)` + markClose)
	labelStrip = regexp.MustCompile(`[^\p{L}\p{N}]+`)
	// The arrows and carets of links back from a note to its reference.
	backArrows = regexp.MustCompile(`^[\s↩↑⤴^︎️]*$`)
)

// notesMarked writes the footnote markers of s as "[^label]".
func notesMarked(s string) string {
	return marker.ReplaceAllString(s, "[^$1]")
}

// noteTaker finds the notes of a page.
type noteTaker struct {
	c      *converter
	body   *html.Node
	ids    map[string]*html.Node
	order  map[*html.Node]int // document order of elements
	notes  []note
	els    []*html.Node          // the notes' elements, in the same order
	labels map[*html.Node]string // note element -> label
	taken  map[string]bool       // labels in use
}

// takeNotes removes the notes from doc and leaves markers where they are
// referenced. It returns the blocks that end the article: the heading of
// the notes, if the page gave them one, and the notes in the order of
// first reference, each a paragraph "[^label]: text".
func takeNotes(doc *html.Node, c *converter) []block {
	t := &noteTaker{c: c, body: find(doc, "body"), ids: map[string]*html.Node{},
		order: map[*html.Node]int{}, labels: map[*html.Node]string{}, taken: map[string]bool{}}
	if t.body == nil {
		return nil
	}
	elements(t.body, func(e *html.Node) bool {
		t.order[e] = len(t.order)
		if id := attr(e, "id"); id != "" && t.ids[id] == nil {
			t.ids[id] = e
		}
		if name := attr(e, "name"); e.Data == "a" && name != "" && t.ids[name] == nil {
			t.ids[name] = e
		}
		return true
	})
	t.linked()
	t.listed()
	var parents []*html.Node
	for _, el := range t.els {
		if !slices.Contains(parents, el.Parent) {
			parents = append(parents, el.Parent)
		}
		detach(el)
	}
	var head *html.Node
	for _, p := range parents {
		if h := prune(p, t.body); head == nil {
			head = h
		}
	}
	var blocks []block
	if head != nil {
		if text := squash(c.inline(head, inlineState{br: " "})); text != "" {
			blocks = append(blocks, block{kind: heading, level: int(head.Data[1] - '0'), text: text})
		}
	}
	for _, n := range t.notes {
		blocks = append(blocks, block{kind: paragraph, text: "[^" + n.label + "]: " + n.text})
	}
	return blocks
}

// linked reads the notes that references link to.
func (t *noteTaker) linked() {
	var refs []*html.Node
	elements(t.body, func(e *html.Node) bool {
		if e.Data == "a" && strings.HasPrefix(attr(e, "href"), "#") && noteRef(e) {
			refs = append(refs, e)
		}
		return true
	})
	for _, a := range refs {
		id := strings.TrimPrefix(attr(a, "href"), "#")
		target := t.ids[id]
		if unescaped, err := url.PathUnescape(id); target == nil && err == nil {
			target = t.ids[unescaped]
		}
		if target == nil || a.Parent == nil {
			continue
		}
		ref := refNode(a)
		el := noteElement(target, squash(textContent(a)))
		// A note holds no heading: a link to a section is not a note's.
		if el == nil || firstHeading(el) != nil || contains(el, ref) || contains(ref, el) || t.order[el] < t.order[ref] {
			continue
		}
		t.mark(ref, el, textContent(a))
	}
}

// listed reads the lists marked as notes whose references are plain
// <sup> numbers.
func (t *noteTaker) listed() {
	items := map[string]*html.Node{}
	lowest := 0
	elements(t.body, func(e *html.Node) bool {
		if !notesList(e) {
			return true
		}
		num := 1
		if s, err := strconv.Atoi(attr(e, "start")); err == nil {
			num = s
		}
		for li := e.FirstChild; li != nil; li = li.NextSibling {
			if !is(li, "li") {
				continue
			}
			if v, err := strconv.Atoi(attr(li, "value")); err == nil {
				num = v
			}
			if _, done := t.labels[li]; !done {
				items[strconv.Itoa(num)] = li
				if lowest == 0 || num < lowest {
					lowest = num
				}
			}
			num++
		}
		return false
	})
	if len(items) == 0 {
		return
	}
	var sups []*html.Node
	elements(t.body, func(e *html.Node) bool {
		if e.Data == "sup" && find(e, "a") == nil {
			sups = append(sups, e)
		}
		return true
	})
	// A plain number is read as a reference only in sequence, so that
	// "m<sup>2</sup>" after note 2 stays a square metre.
	next := lowest
	for _, sup := range sups {
		label := labelStrip.ReplaceAllString(textContent(sup), "")
		if li := items[label]; li != nil && label == strconv.Itoa(next) && t.order[li] > t.order[sup] {
			t.mark(sup, li, label)
			next++
		}
	}
}

// mark replaces the reference ref by a marker for the note el, reading
// the note the first time it is referenced.
func (t *noteTaker) mark(ref, el *html.Node, refText string) {
	label, ok := t.labels[el]
	if !ok {
		label = labelStrip.ReplaceAllString(refText, "")
		for n := len(t.notes) + 1; label == "" || t.taken[label]; n++ {
			label = strconv.Itoa(n)
		}
		t.labels[el] = label
		t.els = append(t.els, el)
		t.taken[label] = true
		t.notes = append(t.notes, note{label: label, text: t.noteText(el, refText)})
	}
	ref.Parent.InsertBefore(&html.Node{Type: html.TextNode, Data: markOpen + label + markClose}, ref)
	detach(ref)
}

// noteText returns the inline Markdown of a note, without its links back
// to the text and without the number it starts with.
func (t *noteTaker) noteText(el *html.Node, refText string) string {
	var back []*html.Node
	elements(el, func(e *html.Node) bool {
		if e.Data == "a" && (attr(e, "role") == "doc-backlink" ||
			strings.HasPrefix(attr(e, "href"), "#") && backArrows.MatchString(textContent(e))) {
			back = append(back, e)
		}
		return true
	})
	for _, e := range back {
		detach(e)
	}
	text := squash(t.c.inline(el, inlineState{br: " "}))
	if label := strings.Trim(squash(refText), "[]()"); label != "" {
		for _, form := range []string{"[" + label + "]", "(" + label + ")", label + ".", label + ")", label + ":", label} {
			if rest, ok := strings.CutPrefix(text, form+" "); ok {
				text = rest
				break
			}
		}
	}
	return strings.TrimRight(text, " ↩↑⤴︎️")
}

// bracketed matches the text of a note reference written in brackets:
// "[3]", "[iv]".
var bracketed = regexp.MustCompile(`^\[[\p{L}\p{N}]{1,4}\]$`)

// noteRef reports whether the link a reads as a note reference: marked
// as one, or a short label raised or in brackets.
func noteRef(a *html.Node) bool {
	if attr(a, "role") == "doc-noteref" || strings.Contains(attr(a, "epub:type"), "noteref") {
		return true
	}
	text := squash(textContent(a))
	if runesIn(strings.Trim(text, "[]()")) > 4 {
		return false
	}
	return is(a.Parent, "sup") || find(a, "sup") != nil || bracketed.MatchString(text)
}

// refNode returns what a note reference replaces in the text: the <sup>
// around the link when it holds nothing else, or the link.
func refNode(a *html.Node) *html.Node {
	if p := a.Parent; is(p, "sup") && squash(textContent(p)) == squash(textContent(a)) {
		return p
	}
	return a
}

// noteElement returns the element holding the note that a reference
// with text ref points to: target itself, or when target holds no more
// than the number (an anchor at the note's start), the block around it.
func noteElement(target *html.Node, ref string) *html.Node {
	label := func(n *html.Node) bool {
		t := fold(textContent(n))
		return t == "" || t == fold(ref)
	}
	if !label(target) {
		return target
	}
	for p := target.Parent; p != nil; p = p.Parent {
		if is(p, "li", "p", "div", "aside", "dd", "section", "footer", "body") {
			if is(p, "body") || label(p) {
				return nil
			}
			return p
		}
	}
	return nil
}

// notesList reports whether e is a list marked as notes, by its role or
// the words of its class and id, or those of the element around it.
func notesList(e *html.Node) bool {
	if !is(e, "ol", "ul") {
		return false
	}
	for n := e; n != nil && n != e.Parent.Parent; n = n.Parent {
		role := attr(n, "role") + " " + attr(n, "epub:type")
		if strings.Contains(role, "endnotes") || strings.Contains(role, "footnotes") {
			return true
		}
		for _, w := range tokens(attr(n, "class") + " " + attr(n, "id")) {
			switch w {
			case "footnotes", "endnotes", "footnote", "endnote", "notes":
				return true
			}
		}
	}
	return false
}

// prune removes n, from which a note was taken, and its ancestors below
// stop while they hold no text but headings: the list and section that
// held the notes. It returns the heading of the notes: one in what it
// removed, or else one that the notes' removal left last in what
// remains, with nothing after it.
func prune(n, stop *html.Node) *html.Node {
	var head *html.Node
	for n != nil && n != stop && n.Parent != nil && bodyLetters(n) == 0 {
		if head == nil {
			head = firstHeading(n)
		}
		empty := n
		n = n.Parent
		n.RemoveChild(empty)
	}
	if head != nil || n == nil {
		return head
	}
	var before *html.Node
	for c := n.LastChild; c != nil; c = c.PrevSibling {
		if c.Type != html.ElementNode {
			if countLetters(textContent(c)) > 0 {
				return nil
			}
			continue
		}
		if !isHeading(c) && countLetters(textContent(c)) > 0 {
			return nil
		}
		if isHeading(c) {
			before = c
			break
		}
	}
	if before != nil {
		detach(before)
	}
	return before
}

// firstHeading returns the first heading in n, n itself included.
func firstHeading(n *html.Node) *html.Node {
	if isHeading(n) {
		return n
	}
	var h *html.Node
	elements(n, func(e *html.Node) bool {
		if h == nil && isHeading(e) {
			h = e
		}
		return h == nil
	})
	return h
}

func isHeading(n *html.Node) bool { return is(n, "h1", "h2", "h3", "h4", "h5", "h6") }

// bodyLetters counts the letters of n outside headings.
func bodyLetters(n *html.Node) int {
	total := countLetters(textContent(n))
	elements(n, func(e *html.Node) bool {
		if isHeading(e) {
			total -= countLetters(textContent(e))
			return false
		}
		return true
	})
	return total
}

// runesIn counts the characters of s.
func runesIn(s string) int { return len([]rune(s)) }
