package html

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// Page chrome is what a site puts around every article: navigation,
// share and follow buttons, related-article rails, newsletter sign-ups,
// comments, consent banners, bylines and footers. Readability removes
// much of it; what it leaves is found here by structure and attributes,
// never by the wording of particular sites:
//
//   - elements whose tag or ARIA role is chrome (<nav>, <footer>,
//     role="banner", a <header> without a heading);
//   - elements whose class, id or aria-label holds a chrome word;
//   - hidden elements;
//   - the small block around a form control: a sign-up box, a consent
//     banner with its buttons;
//   - a short block made mostly of author links and dates: a byline;
//   - in the article readability picks, blocks made mostly of links.
//
// An element that holds the article's heading or more than half of the
// page's text is never removed, whatever its attributes say: a wrapper
// with class "has-comments" is not a comment.

// chromeWords are the words of class, id and aria-label values that mark
// chrome, each also in the plural. A word matches a whole token, so
// "commentary" is not "comment".
var chromeWords = map[string]bool{
	"share": true, "sharing": true, "sharebar": true, "social": true, "follow": true,
	"related": true, "recommended": true, "recommendation": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true,
	"comment": true, "disqus": true, "replies": true, "respond": true,
	"cookie": true, "consent": true, "gdpr": true, "banner": true, "promo": true,
	"promotion": true, "advert": true, "advertisement": true, "ad": true,
	"sponsor": true, "sponsored": true, "breadcrumb": true, "nav": true,
	"navbar": true, "navigation": true, "menu": true, "footer": true,
	"sidebar": true, "widget": true, "popup": true, "modal": true, "overlay": true,
	"paywall": true, "toolbar": true, "pagination": true, "pager": true, "skip": true,
	"tag": true, "byline": true, "author": true, "bio": true, "dateline": true,
	"meta": true, "masthead": true, "logo": true, "search": true, "login": true,
	"signin": true, "donate": true, "credit": true, "visuallyhidden": true,
}

// chromePairs are two-word class names for text only screen readers get:
// "sr-only", "visually-hidden", "screen-reader-text".
var chromePairs = map[string]bool{
	"sr only": true, "visually hidden": true, "screen reader": true,
}

// chromeRoles are the ARIA roles of chrome.
var chromeRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"search": true, "dialog": true, "alertdialog": true, "menu": true, "menubar": true,
	"toolbar": true, "form": true,
}

var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

// Sizes, in letters, of the small blocks around form controls and of a
// byline.
const (
	widgetLetters = 300
	bylineLetters = 200
)

// tokens splits an attribute value into lowercase words, at punctuation
// and at camel case: "cookieBanner share_bar" is cookie, banner, share,
// bar.
func tokens(s string) []string {
	var words []string
	var w []rune
	end := func() {
		if len(w) > 0 {
			words = append(words, strings.ToLower(string(w)))
			w = w[:0]
		}
	}
	var prev rune
	for _, r := range s {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			end()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			end()
			w = append(w, r)
		default:
			w = append(w, r)
		}
		prev = r
	}
	end()
	return words
}

// chromeAttr reports whether the class, id or aria-label of n holds a
// chrome word.
func chromeAttr(n *html.Node) bool {
	for _, key := range []string{"class", "id", "aria-label"} {
		ws := tokens(attr(n, key))
		for i, w := range ws {
			if chromeWords[w] || chromeWords[strings.TrimSuffix(w, "s")] || i > 0 && chromePairs[ws[i-1]+" "+w] {
				return true
			}
		}
	}
	return chromeRoles[attr(n, "role")]
}

// chromeTag reports whether n is chrome by its tag or because it is
// hidden.
func chromeTag(n *html.Node) bool {
	switch n.Data {
	case "nav", "aside", "form", "dialog", "menu", "address", "footer":
		return true
	case "header":
		return find(n, "h1") == nil && find(n, "h2") == nil && find(n, "h3") == nil
	}
	return hasAttr(n, "hidden") || attr(n, "aria-hidden") == "true" || hiddenStyle.MatchString(attr(n, "style"))
}

// page measures the text of a page for chrome removal.
type page struct {
	letters map[*html.Node]int // letters of each element's text
	meta    map[*html.Node]int // of those, letters in author links and dates
	total   int                // letters of the body
	heading *html.Node         // the article's heading, or nil
}

// measure counts the letters of each element below root.
func measure(root *html.Node) *page {
	p := &page{}
	p.letters, p.meta, p.total = letterCounts(root, metaElement)
	return p
}

// letterCounts counts the letters of each element below root and, of
// those, the letters inside an element that within selects (a byline, a
// link); it returns the total too.
func letterCounts(root *html.Node, within func(*html.Node) bool) (letters, inside map[*html.Node]int, total int) {
	letters, inside = map[*html.Node]int{}, map[*html.Node]int{}
	var walk func(n *html.Node, in bool) (int, int)
	walk = func(n *html.Node, in bool) (int, int) {
		if n.Type == html.TextNode {
			l := countLetters(n.Data)
			if in {
				return l, l
			}
			return l, 0
		}
		if n.Type == html.ElementNode && unread[n.Data] {
			return 0, 0
		}
		in = in || n.Type == html.ElementNode && within(n)
		var l, m int
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			cl, cm := walk(c, in)
			l += cl
			m += cm
		}
		letters[n], inside[n] = l, m
		return l, m
	}
	total, _ = walk(root, false)
	return letters, inside, total
}

// metaElement reports whether n holds an author's name or a date.
func metaElement(n *html.Node) bool {
	prop := attr(n, "itemprop")
	return n.Data == "time" || attr(n, "rel") == "author" ||
		strings.Contains(prop, "author") || strings.Contains(prop, "date")
}

// protected reports whether n must stay: it holds the article's heading
// or most of the page's text.
func (p *page) protected(n *html.Node) bool {
	return is(n, "body", "html") || p.heading != nil && contains(n, p.heading) || 2*p.letters[n] > p.total
}

// removeChrome removes the page chrome from doc. title, if known, picks
// out the article's heading among the page's headings.
func removeChrome(doc *html.Node, title string) {
	body := find(doc, "body")
	if body == nil {
		return
	}
	p := measure(body)
	p.heading = articleHeading(body, title)

	// Widgets first: the tag rule would take their forms and leave
	// their text.
	var drop []*html.Node
	elements(body, func(e *html.Node) bool {
		if is(e, "button", "input", "select", "textarea") {
			drop = append(drop, p.widget(e))
		}
		return true
	})
	for _, e := range drop {
		detach(e)
	}

	drop = drop[:0]
	elements(body, func(e *html.Node) bool {
		if p.protected(e) {
			return true
		}
		// A quotation is the author's, attribution included: its
		// footer or its "quote-author" line is not the page's.
		if e.Data == "blockquote" {
			return false
		}
		if chromeTag(e) || chromeAttr(e) || p.byline(e) {
			drop = append(drop, e)
			return false
		}
		return true
	})
	for _, e := range drop {
		detach(e)
	}
}

// articleHeading returns the <h1> or <h2> that reads as the title, or
// the first <h1>.
func articleHeading(body *html.Node, title string) *html.Node {
	var first, match *html.Node
	elements(body, func(e *html.Node) bool {
		if is(e, "h1", "h2") && match == nil {
			t := fold(textContent(e))
			if t != "" && title != "" && strings.Contains(fold(title), t) {
				match = e
			}
			if first == nil && e.Data == "h1" {
				first = e
			}
		}
		return match == nil
	})
	if match != nil {
		return match
	}
	return first
}

// byline reports whether e is a short block made mostly of author links
// and dates.
func (p *page) byline(e *html.Node) bool {
	if !blockTags[e.Data] {
		return false
	}
	l := p.letters[e]
	return l > 0 && l <= bylineLetters && 2*p.meta[e] >= l
}

// widget returns the largest block around the form control e that stays
// small, or e itself.
func (p *page) widget(e *html.Node) *html.Node {
	w := e
	for a := e.Parent; a != nil && !p.protected(a) && p.letters[a] < widgetLetters; a = a.Parent {
		w = a
	}
	return w
}

// Link density above which a block in the article is taken for a list of
// links, and the letters of text outside links below which a paragraph
// is.
const (
	linkDensity   = 0.5
	linkParagraph = 20
)

// removeLinkDense removes from the article root the blocks made mostly of
// links: related articles, tag lists, share bars, breadcrumbs.
func removeLinkDense(root *html.Node) {
	letters, linked, total := letterCounts(root, func(n *html.Node) bool { return is(n, "a") })
	var drop []*html.Node
	elements(root, func(e *html.Node) bool {
		if !is(e, "ul", "ol", "dl", "div", "section", "p", "nav", "table") {
			return true
		}
		l, k := letters[e], linked[e]
		if l == 0 || 2*l > total {
			return true
		}
		if float64(k)/float64(l) > linkDensity && (e.Data != "p" || l-k < linkParagraph) {
			drop = append(drop, e)
			return false
		}
		return true
	})
	for _, e := range drop {
		detach(e)
	}
}
