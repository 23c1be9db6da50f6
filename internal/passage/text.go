package passage

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A passage's text is its lines joined with single spaces, except where a
// line ends with a hyphen: a word split across lines is rejoined, and the
// hyphen kept only when the word is a hyphenated compound. Sentences glued
// together by extraction ("2014).One") get their space back.

// words counts the words of a document, so that a hyphen at a line end can
// be judged by how the same word is written elsewhere in it.
type words struct {
	count map[string]int
	// compounds maps a compound written without its hyphen
	// ("crossborder") to where the hyphen goes, for compounds the
	// document writes hyphenated more often than not.
	compounds map[string]int
}

// wordRE matches a word, hyphenated or not.
var wordRE = newLazyRegexp(`\p{L}+(?:-\p{L}+)*`)

// countWords counts the lowercase words of the kept lines, leaving out
// the halves of words split at a line end.
func (d *doc) countWords() words {
	count := map[string]int{}
	split := false // the line before ended with a hyphen
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() && l.note == 0 {
			continue
		}
		ws := wordRE.FindAllString(strings.ToLower(l.text), -1)
		if split && len(ws) > 0 {
			ws = ws[1:]
		}
		split = strings.HasSuffix(l.text, "-") && !strings.HasSuffix(l.text, " -")
		if split && len(ws) > 0 {
			ws = ws[:len(ws)-1]
		}
		for _, m := range ws {
			count[m]++
		}
	}
	return newWords(count)
}

// newWords indexes word counts and the compounds they imply.
func newWords(count map[string]int) words {
	w := words{count: count, compounds: map[string]int{}}
	for word, n := range w.count {
		at := strings.IndexByte(word, '-')
		if at < 0 || strings.Count(word, "-") > 1 {
			continue
		}
		joined := word[:at] + word[at+1:]
		if n <= w.count[joined] {
			continue
		}
		if prev, ok := w.compounds[joined]; !ok || at < prev {
			w.compounds[joined] = at
		}
	}
	return w
}

// compoundPrefixes keep their hyphen before a line break.
var compoundPrefixes = map[string]bool{
	"cross": true, "self": true, "post": true, "ex": true, "non": true, "anti": true,
	"well": true, "all": true, "half": true, "quasi": true, "vice": true, "semi": true,
}

// join joins the texts of a passage's lines.
func (w words) join(texts []string) string {
	var b []byte
	for _, t := range texts {
		if t == "" {
			continue
		}
		switch {
		case len(b) == 0:
		case bytes.HasSuffix(b, []byte("-")) && !bytes.HasSuffix(b, []byte(" -")):
			if !w.keepHyphen(string(b[max(0, len(b)-100):]), t) {
				b = b[:len(b)-1]
			}
		case bytes.HasSuffix(b, []byte("—")) || bytes.HasSuffix(b, []byte("/")):
		default:
			b = append(b, ' ')
		}
		b = append(b, t...)
	}
	return string(b)
}

// keepHyphen decides whether the hyphen ending s joins a compound with the
// start of next ("cross-" "border") or splits one word ("counter-"
// "terrorist"), by the document's own vocabulary: the hyphen stays when
// the compound is written with it elsewhere more often than without, and
// goes when the joined word is written elsewhere. A compound the document
// writes nowhere else keeps its hyphen when both halves are words ("so-"
// "called", "long-" "term", "Russian-" "led"): words of the document, or
// common English words.
func (w words) keepHyphen(s, next string) bool {
	head := lastWord(strings.TrimSuffix(s, "-"))
	r, _ := utf8.DecodeRuneInString(next)
	if head == "" || !unicode.IsLetter(r) {
		return true // "1994-" "1996", "pre-" "(2014)"
	}
	if unicode.IsUpper(r) {
		return true // "anti-" "Western"
	}
	tail := strings.ToLower(wordRE.FindString(next))
	head = strings.ToLower(head)
	hyphenated, joined := w.count[head+"-"+tail], w.count[head+tail]
	switch {
	case hyphenated != joined:
		return hyphenated > joined
	case compoundPrefixes[head]:
		return true
	case strings.Contains(head, "-"): // "military-" "political-"
		return true
	}
	return w.isWord(head) && w.isWord(tail)
}

// isWord reports whether the document writes s as a word of its own, or
// s is a common English word.
func (w words) isWord(s string) bool {
	return w.count[s] > 0 || commonWords[s]
}

// lastWord returns the letters and hyphens that end s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '-' {
			break
		}
		i -= size
	}
	return strings.Trim(s[i:], "-")
}

// edit replaces del bytes at pos of a text by ins.
type edit struct {
	pos, del int
	ins      string
}

// edits are non-overlapping edits in order of position.
type edits []edit

// apply returns s with the edits made.
func (es edits) apply(s string) string {
	var b strings.Builder
	at := 0
	for _, e := range es {
		b.WriteString(s[at:e.pos])
		b.WriteString(e.ins)
		at = e.pos + e.del
	}
	b.WriteString(s[at:])
	return b.String()
}

// move maps an offset in the text before the edits to one after. An
// insertion exactly at the offset goes before it when after is set (the
// offset starts something) and after it otherwise (it ends something).
func (es edits) move(o int, after bool) int {
	d := 0
	for _, e := range es {
		switch end := e.pos + e.del; {
		case end < o || end == o && (e.del > 0 || after):
			d += len(e.ins) - e.del
		case e.pos < o:
			return e.pos + d
		default:
			return o + d
		}
	}
	return o + d
}

// gluedSentence matches a full stop with the next sentence glued to it:
// "(RIA, 2022b).Recent", "the region.This".
var gluedSentence = newLazyRegexp(`(\)|\p{Ll}{2,})\.(\p{Lu}\p{Ll}{2,})`)

// spaceSentences returns the edits that put a space between glued
// sentences, where that is safe: not in initials ("U.S."), numbers
// ("No.5"), abbreviations ("e.g.") or web addresses.
func spaceSentences(s string) edits {
	var es edits
	for _, m := range gluedSentence.FindAllStringSubmatchIndex(s, -1) {
		dot := m[3]
		if m[2] > 0 && s[m[2]-1] == '.' {
			continue // "e.g.Some": the word before is part of an abbreviation
		}
		token := s[strings.LastIndexAny(s[:dot], " \t")+1:]
		if end := strings.IndexAny(token, " \t"); end >= 0 {
			token = token[:end]
		}
		if strings.Contains(token, "://") || strings.HasPrefix(token, "www.") || strings.Contains(token, "@") {
			continue
		}
		es = append(es, edit{pos: dot + 1, ins: " "})
	}
	return es
}

// trimSpace returns the edits that remove the white space at both ends of
// s.
func trimSpace(s string) edits {
	lead := len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
	if lead == len(s) && lead > 0 {
		return edits{{del: lead}}
	}
	var es edits
	if lead > 0 {
		es = append(es, edit{del: lead})
	}
	if trail := len(s) - len(strings.TrimRightFunc(s, unicode.IsSpace)); trail > 0 {
		es = append(es, edit{pos: len(s) - trail, del: trail})
	}
	return es
}

// rehyphenate restores the hyphen of compounds that the PDF extractor
// joined where it removed a hyphen at a visual line end ("crossborder"),
// when the document writes the compound hyphenated more often elsewhere.
func (w words) rehyphenate(text string) string {
	return wordRE.ReplaceAllStringFunc(text, func(word string) string {
		lower := strings.ToLower(word)
		if len(lower) != len(word) || strings.Contains(lower, "-") {
			return word
		}
		if at, ok := w.compounds[lower]; ok {
			return word[:at] + "-" + word[at:]
		}
		return word
	})
}
