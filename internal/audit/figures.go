package audit

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// figure is a number or name of a citing sentence, with where it starts
// in the block's text.
type figure struct {
	kind string // "number" or "name"
	text string
	at   int
}

// numberRE matches a number as written: digits, thousands separators,
// decimals, a percent sign.
var numberRE = regexp.MustCompile(`\d+(?:[.,]\d+)*%?`)

// numbers lists the numbers of text[from:to], skipping those that are part
// of a word or name ("201st", "1990s", "Rubezh-2021", "¶12", "A4"): only
// free-standing figures, dates and years are claims to check.
func numbers(text []byte, from, to int) []figure {
	var out []figure
	for _, m := range numberRE.FindAllIndex(text[from:to], -1) {
		s, e := from+m[0], from+m[1]
		if s > 0 {
			r, _ := utf8.DecodeLastRune(text[:s])
			if unicode.IsLetter(r) || r == '¶' || r == '#' || r == '.' || r == ',' {
				continue
			}
			if r == '-' || r == '–' {
				if q, _ := utf8.DecodeLastRune(text[:s-utf8.RuneLen(r)]); unicode.IsLetter(q) {
					continue
				}
			}
		}
		if r, _ := utf8.DecodeRune(text[e:]); e < len(text) && (unicode.IsLetter(r) || r == '-' && e+1 < len(text) && unicode.IsLetter(rune(text[e+1]))) {
			continue
		}
		out = append(out, figure{kind: "number", text: string(text[s:e]), at: s})
	}
	return out
}

// numberKey is how a number is compared: without thousands separators
// or a percent sign.
func numberKey(s string) string {
	return strings.ReplaceAll(strings.TrimSuffix(s, "%"), ",", "")
}

// numberSet is the set of number keys in text.
func numberSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, m := range numberRE.FindAllString(text, -1) {
		set[numberKey(m)] = true
	}
	return set
}

// joiners may stand inside a multi-word name: "Islamic State of Iraq".
var joiners = map[string]bool{"of": true, "de": true, "al": true}

// notNames are capitalised words that start no name: months and days,
// which a date puts before a name ("in September the US").
var notNames = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true, "July": true,
	"August": true, "September": true, "October": true, "November": true, "December": true,
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
}

// names lists the proper names of text[from:to] of two words or more
// (capitalised words, with joiners between them). The first word of a
// sentence is capitalised by position, so it starts no name: sentence is
// where the sentence starts.
func names(text []byte, from, to, sentence int) []figure {
	var out []figure
	var run []string
	runAt, lastCap := -1, 0
	flush := func() {
		// Joiners at the end belong to no name.
		words := run[:lastCap]
		capitals := 0
		for _, w := range words {
			if !joiners[w] {
				capitals++
			}
		}
		if capitals >= 2 {
			out = append(out, figure{kind: "name", text: strings.Join(words, " "), at: runAt})
		}
		run, runAt, lastCap = run[:0], -1, 0
	}
	i := from
	for i < to {
		for i < to && text[i] == ' ' {
			i++
		}
		j := i
		for j < to && text[j] != ' ' {
			j++
		}
		if i == j {
			break
		}
		raw := string(text[i:j])
		word := strings.TrimLeft(raw, "“‘\"'([")
		lead := len(raw) - len(word)
		trimmed := strings.TrimRight(word, ".,;:!?”’\"')]")
		trimmed = strings.TrimSuffix(strings.TrimSuffix(trimmed, "’s"), "'s")
		ends := trimmed != word || lead > 0 && len(run) > 0
		first, _ := utf8.DecodeRuneInString(trimmed)
		switch {
		case i == sentence:
			// Capitalised by position.
			flush()
		case lead > 0:
			flush()
			if unicode.IsUpper(first) {
				run, runAt, lastCap = append(run, trimmed), i+lead, 1
			}
		case notNames[trimmed]:
			flush()
		case unicode.IsUpper(first):
			if runAt < 0 {
				runAt = i
			}
			run = append(run, trimmed)
			lastCap = len(run)
		case joiners[trimmed] && len(run) > 0:
			run = append(run, trimmed)
		default:
			flush()
		}
		if ends && len(run) > 0 {
			flush()
		}
		i = j
	}
	flush()
	return out
}

// plainPunctuation makes quotes and dashes plain. It is made once: a
// Replacer builds a lookup table, and fold runs for every name a note
// states (made per call, 7 MB of garbage a build of 2,000 notes).
var plainPunctuation = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-")

// fold is text as names are compared: lower case, whitespace folded,
// quotes and dashes plain.
func fold(s string) string {
	s = plainPunctuation.Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}
