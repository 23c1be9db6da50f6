package passage

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/internal/site"
)

// A passage id depends on the passage's own text only, so that citations
// and links keep working when other parts of the source are cleaned
// differently. Paragraphs and quotes get "p-" and a hash of their folded
// text; headings get "h-" and a readable slug. Equal texts are told apart
// by "-2", "-3" in document order.

// maxSlug is the longest heading slug, in bytes.
const maxSlug = 48

// assignIDs sets the ids and ¶ numbers of the passages.
func assignIDs(ps []site.Passage) {
	seen := map[string]int{}
	number := 0
	for i := range ps {
		p := &ps[i]
		id := "p-" + hash(p.Text)
		if p.Kind == site.Heading {
			id = "h-" + slug(p.Text)
		} else {
			number++
			p.Number = number
		}
		seen[id]++
		if n := seen[id]; n > 1 {
			id += "-" + strconv.Itoa(n)
		}
		p.ID = id
	}
}

// hash is the first 8 hex digits of the SHA-256 of the folded text.
func hash(text string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.Join(strings.Fields(text), " "))))
	return hex.EncodeToString(sum[:4])
}

// slug makes a heading's text an id: lower case ASCII letters and digits
// joined by hyphens, accents dropped. A heading with no such characters is
// hashed instead.
func slug(text string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(text) {
		r = unaccent(r)
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else if r != '’' && r != '\'' {
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	if s == "" {
		return hash(text)
	}
	return s
}

// accents maps accented Latin letters to their base letter.
var accents = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a',
	'ç': 'c', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e',
	'ì': 'i', 'í': 'i', 'î': 'i', 'ï': 'i', 'ñ': 'n',
	'ò': 'o', 'ó': 'o', 'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o',
	'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ý': 'y', 'ÿ': 'y',
}

// unaccent drops the accent of a Latin letter.
func unaccent(r rune) rune {
	if b, ok := accents[r]; ok {
		return b
	}
	if r > unicode.MaxASCII {
		return ' '
	}
	return r
}
