package linkcheck

import (
	"bytes"
	"regexp"
	"strings"
)

// cssURL matches url(...) and @import "..." in a stylesheet.
var cssURL = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// cssComment matches a CSS comment, whose URLs mean nothing.
var cssComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// scanCSS returns the URLs the stylesheet data refers to. The sheet is the
// file at p, or a <style> block in the page p starting at line:col.
func scanCSS(p string, data []byte, line, col int) []ref {
	// Blank out comments byte for byte, so offsets stay true.
	data = cssComment.ReplaceAllFunc(data, func(m []byte) []byte {
		return bytes.Map(func(r rune) rune {
			if r == '\n' {
				return r
			}
			return ' '
		}, m)
	})
	lines := lineStarts(data)
	var refs []ref
	for _, m := range cssURL.FindAllSubmatchIndex(data, -1) {
		var u string
		for g := 1; g <= 5; g++ {
			if m[2*g] >= 0 {
				u = string(data[m[2*g]:m[2*g+1]])
				break
			}
		}
		// url(#id) names an SVG element of the document using the
		// sheet, not a file.
		if strings.HasPrefix(strings.TrimSpace(u), "#") {
			continue
		}
		l, c := posIn(lines, m[0])
		if l == 1 {
			c += col - 1
		}
		refs = append(refs, ref{from: p, line: line + l - 1, col: c, what: "CSS url()", url: u})
	}
	return refs
}
