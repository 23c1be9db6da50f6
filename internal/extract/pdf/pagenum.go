package pdf

import (
	"regexp"
	"strconv"
	"strings"
)

// A pageNumber is a page number as printed on a page.
type pageNumber struct {
	value int
	// label is the number as it should be cited: digits, or the roman
	// numeral as printed.
	label string
	roman bool
	// explicit is set for forms that cannot be anything else ("Page 3",
	// "- 3 -", "3 of 12"), as against a bare number.
	explicit bool
}

var (
	// pageWords are the words that introduce a page number.
	pageWords = `(?:page|pages|pg\.?|pp?\.|seite|s\.|página|pagina|pag\.|p)`
	// numberForm matches a page number with its usual decorations:
	// "12", "- 12 -", "– 12 –", "[12]", "| 12", "Page 12", "Page 12 of 30",
	// "p. 12", "12/30", "xii".
	numberForm = regexp.MustCompile(`(?i)^` + pageWords + `?\s*(\d{1,4}|[ivxlcdm]{1,8})(?:\s*(?:of|/|de|von|sur)\s*\d{1,4})?$`)
	// decorations are the marks printed around a page number.
	decorations = "-–—|·•()[]<>{} "
	// dashed matches a number between dashes, "- 12 -", a form only page
	// numbers take; a number in brackets may be a list's or a reference's.
	dashed = regexp.MustCompile(`^[-–—]\s*\S+\s*[-–—]$`)
)

// parsePageNumber reads s as a page number in one of its usual forms.
func parsePageNumber(s string) (pageNumber, bool) {
	s = strings.TrimSpace(s)
	bare := strings.Trim(s, decorations)
	m := numberForm.FindStringSubmatch(bare)
	if m == nil {
		return pageNumber{}, false
	}
	n := pageNumber{label: m[1], explicit: bare != m[1] || dashed.MatchString(s)}
	if v, err := strconv.Atoi(m[1]); err == nil {
		if v == 0 {
			return pageNumber{}, false
		}
		n.value = v
		return n, true
	}
	v, ok := romanValue(m[1])
	if !ok {
		return pageNumber{}, false
	}
	n.value, n.roman = v, true
	return n, true
}

// romanValue reads a roman numeral, in one case, in its canonical form
// ("iv" but not "iiii" or "IiI") and no greater than the pages of front
// matter run to, so that words like "mix" (1009) are not taken for
// numbers.
func romanValue(s string) (int, bool) {
	lower := strings.ToLower(s)
	if s != lower && s != strings.ToUpper(s) {
		return 0, false
	}
	digits := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}
	total := 0
	for i := 0; i < len(lower); i++ {
		v := digits[lower[i]]
		if i+1 < len(lower) && digits[lower[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total > 200 || toRoman(total) != lower {
		return 0, false
	}
	return total, true
}

func toRoman(v int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for v >= p.v {
			b.WriteString(p.s)
			v -= p.v
		}
	}
	return b.String()
}
