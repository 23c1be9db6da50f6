package extract

import (
	"cmp"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/slug"
)

// Key suggests a source's key and its short name for citation marks from
// what the document says: the first author's surname and the year
// ("kucera-2012", "Kucera 2012"), an organisation's initials ("who-2024",
// "WHO 2024"), else the publisher or the first words of the title, and
// "nd" (no date) without a year. taken reports the slugs the dossier
// already uses; a letter after the year keeps the key unique
// ("kucera-2012b").
func Key(m site.SourceMeta, fallback string, taken func(string) bool) (key, cite string) {
	name := ""
	for _, candidate := range []string{first(m.Authors), m.Publisher} {
		if name = shortName(candidate); name != "" {
			break
		}
	}
	if name == "" {
		name = titleWords(m.Title)
	}
	if name == "" {
		name = titleWords(fallback)
	}
	if name == "" {
		name = "Source"
	}
	year, yearCite := "nd", "n.d."
	if y := yearRE.FindString(m.Date); y != "" {
		year, yearCite = y, y
	}
	base := cmp.Or(slug.Make(name, 40), "source") + "-" + year
	key, cite = base, name+" "+yearCite
	for c := 'b'; taken(key) && c <= 'z'; c++ {
		key, cite = base+string(c), name+" "+yearCite+string(c)
	}
	for n := 27; taken(key); n++ {
		key, cite = fmt.Sprintf("%s-%d", base, n), fmt.Sprintf("%s %s-%d", name, yearCite, n)
	}
	return key, cite
}

var yearRE = regexp.MustCompile(`\b(1[5-9]|20)\d\d\b`)

func first(names []string) string {
	for _, n := range names {
		if n = strings.TrimSpace(n); n != "" && n != "unknown" {
			return n
		}
	}
	return ""
}

// organisationWords mark a name as an organisation's, cited by its
// initials: "World Health Organization" is WHO, not "Organization".
var organisationWords = regexp.MustCompile(`(?i)\b(institute|institut|ministry|organi[sz]ation|agency|office|department|council|committee|commission|bank|fund|programme|program|university|centre|center|group|association|court|parliament|government|service|foundation|news|press|times|review|journal|network|union|nations|bureau|authority|forum)\b`)

// shortName is how a citation names a person or an organisation: a
// person by surname ("Smith, Jane" and "Jane Smith" are both Smith), an
// organisation by its initials, or by its name when that is one or two
// words.
func shortName(name string) string {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, "unknown") {
		return ""
	}
	if surname, _, ok := strings.Cut(name, ","); ok && !organisationWords.MatchString(name) {
		return strings.TrimSpace(surname)
	}
	words := strings.Fields(name)
	if organisationWords.MatchString(name) || len(words) > 4 {
		if len(words) <= 2 {
			return name
		}
		var initials []rune
		for _, w := range words {
			r := []rune(w)
			if unicode.IsUpper(r[0]) {
				initials = append(initials, r[0])
			}
		}
		if len(initials) >= 2 {
			return string(initials)
		}
		return words[0]
	}
	return words[len(words)-1]
}

// titleWords names a source by the first two words of its title that are
// not small words.
func titleWords(title string) string {
	var kept []string
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(kept) == 2 {
			break
		}
		if !smallWords[strings.ToLower(w)] {
			kept = append(kept, w)
		}
	}
	return strings.Join(kept, " ")
}

var smallWords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "on": true, "in": true, "and": true, "for": true, "to": true, "at": true, "by": true}
