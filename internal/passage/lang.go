package passage

import (
	"strings"
	"unicode"
)

// A source may quote or summarise itself in another language: comillas-2015
// opens with a Spanish abstract. Each passage's language is guessed from
// its commonest short words; passages whose language differs from the
// document's get Lang set.

// stopwords are frequent words that tell the languages apart.
var stopwords = map[string][]string{
	"en": {"the", "and", "of", "to", "is", "that", "for", "with", "which", "this"},
	"es": {"el", "los", "las", "del", "y", "que", "por", "con", "una", "para", "se"},
	"fr": {"le", "les", "des", "et", "est", "dans", "une", "pour", "qui", "du"},
	"de": {"der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den"},
}

// stopwordLangs maps each stopword to the languages it counts for.
var stopwordLangs = func() map[string][]string {
	m := map[string][]string{}
	for lang, ws := range stopwords {
		for _, w := range ws {
			m[w] = append(m[w], lang)
		}
	}
	return m
}()

// minLangWords is how many stopwords a passage needs for a guess.
const minLangWords = 4

// language guesses the language of text, or returns "".
func language(text string) string {
	count := map[string]int{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, lang := range stopwordLangs[w] {
			count[lang]++
		}
	}
	best, n, second := "", 0, 0
	for _, lang := range []string{"en", "es", "fr", "de"} {
		switch c := count[lang]; {
		case c > n:
			best, n, second = lang, c, n
		case c > second:
			second = c
		}
	}
	if n < minLangWords || n < 2*second {
		return ""
	}
	return best
}
