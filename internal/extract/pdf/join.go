package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lines of a block are joined with spaces, except after a dash or slash
// set close to its word ("Prut–" and "Danube"), between lines of a script
// written without spaces (Chinese, Japanese, Thai), and where a line ends
// with a hyphen. A soft hyphen (U+00AD), or the hyphen U+2010 that typesetters
// draw where they break a word, goes unless the document writes the
// compound with a hyphen elsewhere. A plain one is judged by the
// document's own vocabulary:
//
//   - kept when the document marks its breaks with soft hyphens or
//     U+2010, which leaves a plain hyphen at a line end to the text;
//   - kept when the hyphenated form occurs elsewhere ("long-term");
//   - dropped when the joined word occurs elsewhere ("planning");
//   - kept when both parts are words of the document ("so-called"), or
//     the first is a word that starts other compounds ("first-come,
//     first-served"), or the first is capitalised and the second a word
//     ("Russian-led"), in an address
//     ("www.hco-chad.example.org"), or between digits;
//   - dropped otherwise ("entit-lement").

// vocabulary counts the words of a document, lower-cased, leaving out the
// halves of words broken at line ends.
type vocabulary struct {
	words map[string]int
	// marksBreaks is set when the document marks the words it breaks at
	// line ends with soft hyphens or U+2010: then a plain hyphen at a line
	// end is part of the text.
	marksBreaks bool
}

func newVocabulary(a *analysis) vocabulary {
	v := vocabulary{words: map[string]int{}}
	add := func(ls []line) {
		broken := false
		for _, l := range ls {
			text := plain(l.text)
			end := 0
			if t := strings.TrimRight(text, " "); hyphenated(t) && !strings.HasSuffix(t, "-") {
				v.marksBreaks = true
			}
			if hyphenated(text) {
				text = strings.TrimRight(text, " -"+breakHyphen+softHyphen)
				end = -1
			}
			words := strings.Fields(text)
			end += len(words)
			for i := 0; i < end; i++ {
				if i == 0 && broken {
					continue
				}
				w := trimWord(strings.ReplaceAll(words[i], breakHyphen, "-"))
				if w == "" {
					continue
				}
				v.words[strings.ToLower(w)]++
				if strings.Contains(w, "-") {
					parts := strings.Split(strings.ToLower(w), "-")
					for _, part := range parts {
						if part != "" {
							v.words[part]++
						}
					}
					v.words[parts[0]+"-"]++
				}
			}
			broken = hyphenated(l.text)
		}
	}
	for _, ls := range a.body {
		add(ls)
	}
	for _, ns := range a.notes {
		for _, n := range ns {
			add(n.lines)
		}
	}
	return v
}

// trimWord strips the punctuation around a word.
func trimWord(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// plain drops the superscript marks from a line's text.
func plain(s string) string {
	if !strings.Contains(s, superOpen) {
		return s
	}
	return eachSuper(s, func(string) string { return "" })
}

// eachSuper replaces each superscript span of s, markers and label, by
// what replace makes of its label.
func eachSuper(s string, replace func(label string) string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, superOpen)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		label, rest, _ := strings.Cut(s[i+len(superOpen):], superClose)
		b.WriteString(replace(label))
		s = rest
	}
}

// keepHyphen decides whether the hyphen that ends a line, after word
// head, is kept when the line is joined to the next, which starts with
// tail.
func (v vocabulary) keepHyphen(head, tail string) bool {
	h, t := trimWord(head), trimWord(tail)
	if h == "" || t == "" {
		return true
	}
	if strings.ContainsAny(head, "@/") || strings.HasPrefix(strings.ToLower(head), "www.") {
		return true
	}
	hl, tl := strings.ToLower(h), strings.ToLower(t)
	if i := strings.LastIndexAny(hl, "-"); i >= 0 {
		hl = hl[i+1:]
	}
	switch {
	case v.words[hl+"-"+tl] > 0:
		return true
	case v.words[hl+tl] > 0:
		return false
	case isDigits(hl) || isDigits(tl):
		return true
	case v.words[hl] > 0 && (v.words[tl] > 0 || v.words[hl+"-"] > 0):
		return true
	case unicode.IsUpper(firstRune(h)) && len(hl) > 2 && v.words[tl] > 0:
		return true
	}
	return false
}

// compound reports whether the document writes head and tail, which a
// line end parts, as a hyphenated compound elsewhere.
func (v vocabulary) compound(head, tail string) bool {
	return v.words[strings.ToLower(trimWord(head)+"-"+trimWord(tail))] > 0
}

func isDigits(s string) bool {
	return s != "" && strings.TrimFunc(s, unicode.IsDigit) == ""
}

// joinLines joins the texts of lines into one, mending words broken at
// line ends.
func (v vocabulary) joinLines(texts []string) string {
	var b strings.Builder
	for i, t := range texts {
		t = strings.TrimSpace(t)
		if i == 0 {
			b.WriteString(t)
			continue
		}
		cur := b.String()
		if hyphenated(cur) {
			stem := strings.TrimRight(cur, " -"+breakHyphen+softHyphen)
			mark := strings.TrimLeft(cur[len(stem):], " ")
			head := stem[strings.LastIndex(stem, " ")+1:]
			tail, _, _ := strings.Cut(plain(t), " ")
			b.Reset()
			b.WriteString(stem)
			if strings.HasPrefix(mark, "-") && (v.marksBreaks || v.keepHyphen(head, tail)) || v.compound(head, tail) {
				b.WriteByte('-')
			}
		} else if !breaksAfter(cur) && !(unspaced(lastRune(cur)) && unspaced(firstRune(t))) {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return strings.NewReplacer(softHyphen, "", breakHyphen, "-").Replace(b.String())
}

// breaksAfter reports whether a line ends with a dash or slash set close
// to the word before it, where a compound breaks without a space:
// "Prut–" and "Danube" make "Prut–Danube", "and/" and "or" "and/or".
func breaksAfter(s string) bool {
	last, n := utf8.DecodeLastRuneInString(s)
	if last != '–' && last != '—' && last != '/' {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:len(s)-n])
	return unicode.IsLetter(before) || unicode.IsDigit(before)
}

// unspaced reports whether r is of a script written without spaces
// between words, whose lines join without one.
func unspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// joinPlain joins the lines of a block without footnote marks.
func joinPlain(ls []line) string {
	texts := make([]string, len(ls))
	for i, l := range ls {
		texts[i] = plain(l.text)
	}
	return vocabulary{}.joinLines(texts)
}
