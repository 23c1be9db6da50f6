package tmplexec

// The escapers below are html/template's, copied from Go 1.26
// (src/html/template, BSD licence in LICENSE-GO) so that they can be
// called directly. html/template decides which of them guard an action;
// this file only runs them. Those used rarely, and the case of typed
// HTML stripped of its tags for an attribute, go through html/template
// itself (probe.go) instead of being copied.

import (
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// contentType is html/template's: what a value says it is safe as.
type contentType uint8

const (
	contentTypePlain contentType = iota
	contentTypeCSS
	contentTypeHTML
	contentTypeHTMLAttr
	contentTypeJS
	contentTypeJSStr
	contentTypeURL
	contentTypeSrcset
)

// escaper turns a value, already made a string, into the text it stands
// for in one context.
type escaper func(s string, t contentType) string

// filterFailsafe is what html/template writes in place of a rejected value.
const filterFailsafe = "ZgotmplZ"

var (
	stringType = reflect.TypeFor[string]()
	intType    = reflect.TypeFor[int]()
	// typed are the types that say a value is safe content of a kind.
	typed = map[reflect.Type]contentType{
		reflect.TypeFor[template.CSS]():      contentTypeCSS,
		reflect.TypeFor[template.HTML]():     contentTypeHTML,
		reflect.TypeFor[template.HTMLAttr](): contentTypeHTMLAttr,
		reflect.TypeFor[template.JS]():       contentTypeJS,
		reflect.TypeFor[template.JSStr]():    contentTypeJSStr,
		reflect.TypeFor[template.URL]():      contentTypeURL,
		reflect.TypeFor[template.Srcset]():   contentTypeSrcset,
	}
)

// stringify is html/template's stringify for the one argument an
// escaper is given: the value piped into it. Plain strings and ints, the
// common cases, are read without boxing them.
func stringify(v reflect.Value) (string, contentType) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() {
		return "", contentTypePlain // html/template skips a nil argument
	}
	switch v.Type() {
	case stringType:
		return v.String(), contentTypePlain
	case intType:
		return strconv.FormatInt(v.Int(), 10), contentTypePlain
	}
	a := v.Interface()
	if d := derefAll(v); d.IsValid() {
		if t, ok := typed[d.Type()]; ok {
			return d.String(), t
		}
		if d.Type() == stringType {
			return d.String(), contentTypePlain
		}
	}
	return fmt.Sprint(indirectToStringerOrError(a)), contentTypePlain
}

// derefAll follows pointers while they are not nil.
func derefAll(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v
}

var (
	errorType       = reflect.TypeFor[error]()
	fmtStringerType = reflect.TypeFor[fmt.Stringer]()
)

func indirectToStringerOrError(a any) any {
	v := reflect.ValueOf(a)
	for !v.Type().Implements(fmtStringerType) && !v.Type().Implements(errorType) && v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	return v.Interface()
}

// natives are the escapers run here, by the name html/template gives
// them in an escaped template.
var natives = map[string]escaper{
	"_html_template_htmlescaper": func(s string, t contentType) string {
		if t == contentTypeHTML {
			return s
		}
		return htmlReplaceASCII(s, htmlReplacementTable)
	},
	"_html_template_attrescaper": func(s string, t contentType) string {
		if t == contentTypeHTML {
			return stripTagsProbe.run(s, t)
		}
		return htmlReplaceASCII(s, htmlReplacementTable)
	},
	"_html_template_nospaceescaper": func(s string, t contentType) string {
		if s == "" {
			return filterFailsafe
		}
		if t == contentTypeHTML {
			return stripTagsNospaceProbe.run(s, t)
		}
		return htmlNospaceReplacer(s)
	},
	"_html_template_rcdataescaper": func(s string, t contentType) string {
		if t == contentTypeHTML {
			return htmlReplaceASCII(s, htmlNormReplacementTable)
		}
		return htmlReplaceASCII(s, htmlReplacementTable)
	},
	"_html_template_urlfilter": func(s string, t contentType) string {
		if t == contentTypeURL || isSafeURL(s) {
			return s
		}
		return "#" + filterFailsafe
	},
	"_html_template_urlnormalizer": func(s string, t contentType) string { return urlProcessor(true, s, t) },
	"_html_template_urlescaper":    func(s string, t contentType) string { return urlProcessor(false, s, t) },
	"_html_template_cssescaper":    func(s string, _ contentType) string { return cssEscaper(s) },
}

var htmlReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNormReplacementTable = []string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

var htmlNospaceReplacementTable = []string{
	0:    "&#xfffd;",
	'\t': "&#9;",
	'\n': "&#10;",
	'\v': "&#11;",
	'\f': "&#12;",
	'\r': "&#13;",
	' ':  "&#32;",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'=':  "&#61;",
	'>':  "&gt;",
	'`':  "&#96;",
}

// htmlNospaceReplacer is html/template's htmlReplacer for an unquoted
// attribute value, where runes past ASCII may be replaced too.
func htmlNospaceReplacer(s string) string {
	written, b := 0, new(strings.Builder)
	r, w := rune(0), 0
	for i := 0; i < len(s); i += w {
		// Not "for range s": a decoding error's width must be kept.
		r, w = utf8.DecodeRuneInString(s[i:])
		if int(r) < len(htmlNospaceReplacementTable) {
			if repl := htmlNospaceReplacementTable[r]; len(repl) != 0 {
				if written == 0 {
					b.Grow(len(s))
				}
				b.WriteString(s[written:i])
				b.WriteString(repl)
				written = i + w
			}
		} else if 0xfdd0 <= r && r <= 0xfdef || 0xfff0 <= r && r <= 0xffff {
			if written == 0 {
				b.Grow(len(s))
			}
			fmt.Fprintf(b, "%s&#x%x;", s[written:i], r)
			written = i + w
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// htmlReplaceASCII is html/template's htmlReplacer with badRunes, where
// every rune past the table, hence past ASCII, is kept: the bytes of
// those runes and of invalid UTF-8 are never replaced, so the string is
// read a byte at a time, and copied only if a byte is replaced. Every
// page escapes hundreds of strings this way.
func htmlReplaceASCII(s string, table []string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if int(c) >= len(table) || table[c] == "" {
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(table[c])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return false
		}
	}
	return true
}

func urlProcessor(norm bool, s string, t contentType) string {
	if t == contentTypeURL {
		norm = true
	}
	// Most URLs need no escaping: say so without building a copy.
	i := 0
	for i < len(s) && urlKeeps(s, i, norm) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	processURLOnto(s, norm, &b)
	return b.String()
}

func processURLOnto(s string, norm bool, b *strings.Builder) {
	b.Grow(len(s) + 16)
	written := 0
	for i := range len(s) {
		if urlKeeps(s, i, norm) {
			continue
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(b, "%%%02x", s[i])
		written = i + 1
	}
	b.WriteString(s[written:])
}

// urlKeeps reports whether the URL escaper leaves the byte at i of s as
// it is.
func urlKeeps(s string, i int, norm bool) bool {
	c := s[i]
	switch c {
	case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
		return norm
	case '-', '.', '_', '~':
		return true
	case '%':
		return norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
	}
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isCSSSpace(b byte) bool {
	switch b {
	case '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func cssEscaper(s string) string {
	var b strings.Builder
	r, w, written := rune(0), 0, 0
	for i := 0; i < len(s); i += w {
		r, w = utf8.DecodeRuneInString(s[i:])
		var repl string
		switch {
		case int(r) < len(cssReplacementTable) && cssReplacementTable[r] != "":
			repl = cssReplacementTable[r]
		default:
			continue
		}
		if written == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + w
		if repl != `\\` && (written == len(s) || isHex(s[written]) || isCSSSpace(s[written])) {
			b.WriteByte(' ')
		}
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

var cssReplacementTable = []string{
	0:    `\0`,
	'\t': `\9`,
	'\n': `\a`,
	'\f': `\c`,
	'\r': `\d`,
	'"':  `\22`,
	'&':  `\26`,
	'\'': `\27`,
	'(':  `\28`,
	')':  `\29`,
	'+':  `\2b`,
	'/':  `\2f`,
	':':  `\3a`,
	';':  `\3b`,
	'<':  `\3c`,
	'>':  `\3e`,
	'\\': `\\`,
	'{':  `\7b`,
	'}':  `\7d`,
}
