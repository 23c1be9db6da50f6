package html

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has the attribute key, whatever its value.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// is reports whether n is an element with one of the given tag names.
func is(n *html.Node, tags ...string) bool {
	if n == nil || n.Type != html.ElementNode {
		return false
	}
	for _, t := range tags {
		if n.Data == t {
			return true
		}
	}
	return false
}

// unread holds the elements whose content is never text a reader sees.
var unread = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
	"svg": true, "math": true, "canvas": true, "iframe": true, "object": true,
	"embed": true, "head": true, "title": true,
}

// textContent returns the text of n, with white space as in the source,
// leaving out the elements below n that a reader does not see.
func textContent(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && unread[n.Data]:
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	if n.Type == html.TextNode {
		return n.Data
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	return b.String()
}

// squash folds runs of white space into single spaces and trims the ends.
func squash(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// countLetters counts the characters of s that are neither space nor
// punctuation: the measure of how much text a block holds.
func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// elements calls fn for each element below n in document order; fn
// returns false to skip the element's children.
func elements(n *html.Node, fn func(*html.Node) bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && !fn(c) {
			continue
		}
		elements(c, fn)
	}
}

// find returns the first element below n with the given tag, or nil.
func find(n *html.Node, tag string) *html.Node {
	var found *html.Node
	elements(n, func(e *html.Node) bool {
		if found == nil && e.Data == tag {
			found = e
		}
		return found == nil
	})
	return found
}

// contains reports whether d is n or lies below it.
func contains(n, d *html.Node) bool {
	for ; d != nil; d = d.Parent {
		if d == n {
			return true
		}
	}
	return false
}

// detach removes n from the tree, if it is in one.
func detach(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}
