package render

import (
	"strconv"
	"strings"
)

// printHTML adapts a document's HTML to the print edition, where many
// documents share one page: headings move down shift levels, heading ids
// get the document's prefix, and in-page links go to the prefixed
// heading or, for anything else, through at.
//
// goldmark sets heading ids when it parses, and the parsed AST is shared
// with the web pages and cached between builds, so the ids are prefixed
// here, in the rendered HTML, rather than in the AST. Raw HTML is dropped
// from content and text is escaped, so every '<' starts one of
// goldmark's or the wikilink renderer's own tags, with attributes in a
// known order and no '>' inside them. That lets one pass over the tags
// do the work, rather than three regular expressions over the whole
// document (a quarter of the bytes a 10,000-note build allocated).
func printHTML(html string, shift int, prefix string, at func(string) string) string {
	headings := headingIDs(html)
	var b strings.Builder
	b.Grow(len(html) + len(html)/16)
	for {
		i := strings.IndexByte(html, '<')
		j := strings.IndexByte(html[max(i, 0):], '>')
		if i < 0 || j < 0 {
			b.WriteString(html)
			return b.String()
		}
		b.WriteString(html[:i])
		tag := html[i : i+j+1]
		html = html[i+j+1:]
		switch {
		case headingLevel(tag, 1) > 0:
			writeHeading(&b, tag, 2, shift)
			rest := tag[3:]
			if attrs, ok := strings.CutPrefix(rest, ` id="`); ok {
				if k := strings.IndexByte(attrs, '"'); k >= 0 {
					b.WriteString(` id="` + prefix + attrs[:k] + `"`)
					rest = attrs[k+1:]
				}
			}
			b.WriteString(rest)
		case strings.HasPrefix(tag, "</") && headingLevel(tag, 2) > 0:
			writeHeading(&b, tag, 3, shift)
			b.WriteString(tag[4:])
		default:
			writeHrefs(&b, tag, func(id string) string {
				if headings[id] {
					return "#" + prefix + id
				}
				return at("#" + id)
			})
		}
	}
}

// headingLevel is the level of the h1-h6 tag whose name starts at tag[at]
// ("<h2 ..." with at 1, "</h2>" with at 2), or 0 if it is another tag.
func headingLevel(tag string, at int) int {
	if len(tag) < at+3 || tag[at] != 'h' || tag[at+1] < '1' || tag[at+1] > '6' {
		return 0
	}
	if c := tag[at+2]; c != ' ' && c != '>' {
		return 0
	}
	return int(tag[at+1] - '0')
}

// writeHeading writes a heading tag's opening ("<h" or "</h") and its
// level moved down by shift, up to h6. digit is where the level is.
func writeHeading(b *strings.Builder, tag string, digit, shift int) {
	b.WriteString(tag[:digit])
	b.WriteString(strconv.Itoa(min(int(tag[digit]-'0')+shift, 6)))
}

// writeHrefs writes a tag with each in-page href="#id" mapped through to.
func writeHrefs(b *strings.Builder, tag string, to func(id string) string) {
	const open = `href="#`
	for {
		i := strings.Index(tag, open)
		if i < 0 {
			b.WriteString(tag)
			return
		}
		end := strings.IndexByte(tag[i+len(open):], '"')
		if end < 0 {
			b.WriteString(tag)
			return
		}
		b.WriteString(tag[:i])
		b.WriteString(`href="` + to(tag[i+len(open):i+len(open)+end]) + `"`)
		tag = tag[i+len(open)+end+1:]
	}
}

// headingIDs collects the ids of a document's headings, to tell links to
// them from links to other anchors.
func headingIDs(html string) map[string]bool {
	ids := map[string]bool{}
	for {
		i := strings.Index(html, "<h")
		if i < 0 {
			return ids
		}
		html = html[i:]
		if headingLevel(html, 1) > 0 {
			if rest, ok := strings.CutPrefix(html[3:], ` id="`); ok {
				if k := strings.IndexByte(rest, '"'); k >= 0 {
					ids[rest[:k]] = true
				}
			}
		}
		html = html[2:]
	}
}
