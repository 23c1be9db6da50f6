// Package csstest reads CSS as a browser does, for tests of what pages
// write into stylesheets.
package csstest

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Unquote reads a double-quoted CSS string as a browser does (CSS
// Syntax Level 3, 4.3.5 and 4.3.7), and fails where the string would end
// before its last byte or be a bad string.
func Unquote(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return "", errors.New("not a double-quoted string")
	}
	s = s[1 : len(s)-1]
	var b strings.Builder
	for i := 0; i < len(s); {
		switch c := s[i]; c {
		case '"':
			return "", errors.New("a quote ends the string early")
		case '\n', '\r', '\f':
			return "", errors.New("a line break makes a bad string")
		case '\\':
			i++
			if i == len(s) {
				return "", errors.New("an escape at the end escapes the closing quote")
			}
			hex := i
			for i < len(s) && i-hex < 6 && strings.IndexByte("0123456789abcdefABCDEF", s[i]) >= 0 {
				i++
			}
			if hex == i {
				r, size := utf8.DecodeRuneInString(s[i:])
				if r == '\n' || r == '\r' || r == '\f' {
					return "", errors.New("an escaped line break")
				}
				b.WriteRune(r)
				i += size
				continue
			}
			n, _ := strconv.ParseUint(s[hex:i], 16, 32)
			r := rune(n)
			if n == 0 || n > utf8.MaxRune || 0xd800 <= n && n <= 0xdfff {
				r = utf8.RuneError
			}
			b.WriteRune(r)
			if strings.HasPrefix(s[i:], "\r\n") {
				i += 2
			} else if i < len(s) && strings.IndexByte(" \t\n\r\f", s[i]) >= 0 {
				i++
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), nil
}
