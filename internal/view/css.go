package view

import (
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
)

// CSSString quotes s as a CSS string, for a template to write where CSS
// takes a value: content: {{.}}.
//
// Templates cannot quote such text themselves: html/template takes a
// value inside a quoted CSS string for a URL, and writes "#ZgotmplZ" for
// one with a colon, such as the marking "TLP:AMBER". A template.CSS in a
// value position is written as it is, so cssString writes every character
// but ASCII letters, digits, the space and a few marks as a hexadecimal
// escape: whatever s holds, no quote, backslash or line break ends the
// string early, and no "<" closes the <style> element around it. A CSS
// reader gives back s, but for a NUL or invalid UTF-8, which it reads as
// U+FFFD.
func CSSString(s string) template.CSS {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	escaped := false
	for _, r := range s {
		if r < utf8.RuneSelf && cssStringSafe[r] {
			// An escape takes up to six hex digits and one white space
			// after it: a space ends it before one that is text.
			if escaped && (r == ' ' || strings.ContainsRune("0123456789abcdefABCDEF", r)) {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			escaped = false
			continue
		}
		if r == 0 {
			r = utf8.RuneError
		}
		b.WriteByte('\\')
		b.WriteString(strconv.FormatInt(int64(r), 16))
		escaped = true
	}
	b.WriteByte('"')
	return template.CSS(b.String())
}

// cssStringSafe marks the ASCII characters cssString writes as they are:
// none of them means anything inside a CSS string or a <style> element.
// "/" is escaped, as html/template escapes it, so that a marking such as
// "UNCLASSIFIED // TEST" is written as it was before cssString.
var cssStringSafe = func() (safe [utf8.RuneSelf]bool) {
	for _, r := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,!?#%=@" {
		safe[r] = true
	}
	return safe
}()
