package resolve

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/parallel"

	"github.com/dossier-dev/dossier/internal/site"
)

// phraseIndex finds phrases in text as whole words: entity names, case
// and all ("IS" must not match "is"), and theme terms, case-folded.
// Phrases are looked up by their first word, so a text is scanned once
// for all phrases rather than once per phrase, which matters with
// thousands of notes.
type phraseIndex struct {
	fold    bool
	byFirst map[string][]phrase
	// lengths[c] has bit n set when a phrase's first word begins with
	// byte c and is n bytes long (63 for longer), so that most words of
	// a text are passed over without a map lookup: entity names start
	// with a capital, and those that start like "in" and "is" are
	// longer.
	lengths [256]uint64
	// pairs[c] has bit d set when a phrase's first word begins with the
	// bytes c, d, and every bit when it is the one byte c: most
	// capitalised words of a note ("The", "In") pass lengths, and this
	// passes over them without reading them to their end.
	pairs [256][4]uint64
	// words is the most words a phrase has.
	words int
}

type phrase struct {
	words []string
	id    int
}

func newPhraseIndex(fold bool) *phraseIndex {
	return &phraseIndex{fold: fold, byFirst: map[string][]phrase{}}
}

// add adds a phrase that find reports as id.
func (idx *phraseIndex) add(text string, id int) {
	if idx.fold {
		text = strings.ToLower(text)
	}
	var words []string
	for _, w := range wordSpans(text) {
		words = append(words, text[w.Start:w.End])
	}
	if len(words) > 0 {
		idx.byFirst[words[0]] = append(idx.byFirst[words[0]], phrase{words: words, id: id})
		first := words[0]
		idx.lengths[first[0]] |= 1 << min(len(first), 63)
		if len(first) == 1 {
			idx.pairs[first[0]] = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
		} else {
			idx.pairs[first[0]][first[1]>>6] |= 1 << (first[1] & 63)
		}
		idx.words = max(idx.words, len(words))
	}
}

// newNameIndex indexes the titles and aliases of entities by their index.
func newNameIndex(entities []*site.Entity) *phraseIndex {
	idx := newPhraseIndex(false)
	for i, e := range entities {
		for _, n := range append([]string{e.Title}, e.Aliases...) {
			idx.add(n, i)
		}
	}
	return idx
}

// phraseMatch is a phrase found at a span of a text.
type phraseMatch struct {
	id int
	site.Span
}

// find appends to out the phrases in text, the longest where phrases of
// one id start at one word ("Islamic State" rather than "Islamic").
func (idx *phraseIndex) find(text string, out []phraseMatch) []phraseMatch {
	idx.each(text, func(m phraseMatch) { out = append(out, m) })
	return out
}

// each calls found for each phrase in text, as find lists them.
func (idx *phraseIndex) each(text string, found func(phraseMatch)) {
	if idx.fold {
		// Lower-casing keeps byte offsets for all but a few scripts;
		// where it does not, match the text as written.
		if lower := strings.ToLower(text); len(lower) == len(text) {
			text = lower
		}
	}
	var longest [8]phraseMatch
	for i := 0; i < len(text); i++ {
		lengths := idx.lengths[text[i]]
		if lengths == 0 {
			continue
		}
		if i+1 < len(text) {
			if d := text[i+1]; idx.pairs[text[i]][d>>6]&(1<<(d&63)) == 0 {
				continue
			}
		}
		if wordBefore(text, i) {
			continue
		}
		start, end := nextWord(text, i)
		switch {
		case start < 0:
			return
		case start > i:
			i = start - 1
			continue
		case lengths&(1<<min(end-start, 63)) == 0:
			i = end - 1
			continue
		}
		// One match per id, the longest, in the order of candidates.
		matches := longest[:0]
	candidate:
		for _, n := range idx.byFirst[text[start:end]] {
			last := end
			for _, nw := range n.words[1:] {
				ws, we := nextWord(text, last)
				if ws < 0 || text[ws:we] != nw {
					continue candidate
				}
				last = we
			}
			for k := 0; ; k++ {
				if k == len(matches) {
					matches = append(matches, phraseMatch{id: n.id, Span: site.Span{Start: start, End: last}})
					break
				}
				if matches[k].id == n.id {
					matches[k].End = max(matches[k].End, last)
					break
				}
			}
		}
		for _, m := range matches {
			found(m)
		}
		i = end - 1
	}
}

// wordBefore reports whether a letter or digit ends text[:i], so that a
// word does not start at i. Every byte a phrase can start with begins a
// character however the text is read, so reading back from it finds the
// character that reading forward does.
func wordBefore(text string, i int) bool {
	if i == 0 {
		return false
	}
	if c := text[i-1]; c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// nextWord returns the first word, a run of letters and digits, of text
// at or after byte i; start is -1 when there is none. Finding phrases
// word by word spares listing the words of a whole note.
func nextWord(text string, i int) (start, end int) {
	start = -1
	for i < len(text) {
		c, size := text[i], 1
		var word bool
		if c < utf8.RuneSelf {
			word = asciiWord[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			return start, i
		}
		i += size
	}
	return start, len(text)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (w [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		w[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return w
}()

// wordSpans splits text into words.
func wordSpans(text string) []site.Span {
	var spans []site.Span
	for start, end := nextWord(text, 0); start >= 0; start, end = nextWord(text, end) {
		spans = append(spans, site.Span{Start: start, End: end})
	}
	return spans
}

// findMentions finds where each entity is named in the sources and notes.
func (r *resolver) findMentions() {
	c := r.idx.Content
	var key strings.Builder
	for _, e := range c.Entities {
		fmt.Fprintf(&key, "%s %q %q\n", e.Slug, e.Title, e.Aliases)
	}
	var names *phraseIndex
	index := func() *phraseIndex {
		if names == nil {
			names = newNameIndex(c.Entities)
		}
		return names
	}
	for _, s := range c.Sources {
		found := r.cache.mentionsIn(s, key.String(), func() [][]phraseMatch {
			found := make([][]phraseMatch, len(s.Passages))
			for i, p := range s.Passages {
				found[i] = index().find(p.Text, nil)
			}
			return found
		})
		for i, matches := range found {
			for _, m := range matches {
				slug := c.Entities[m.id].Slug
				r.idx.mentions[slug] = append(r.idx.mentions[slug], Mention{Source: s, Passage: i, Span: m.Span})
			}
		}
	}
	named := make([][]int, len(c.Notes))
	cached := make([]*cachedNames, len(c.Notes))
	var todo []int
	for i, n := range c.Notes {
		e := r.cache.names(i, n.Path)
		if e != nil && e.known && e.body == n.Body && e.title == n.Title && e.names == key.String() {
			named[i] = e.found
			continue
		}
		cached[i] = e
		todo = append(todo, i)
	}
	if len(todo) > 0 {
		index()
	}
	parallel.For(len(todo), func(k int) {
		named[todo[k]] = noteNames(names, c.Notes[todo[k]], len(c.Entities))
	})
	for _, i := range todo {
		if n := c.Notes[i]; cached[i] != nil {
			*cached[i] = cachedNames{title: n.Title, body: n.Body, names: key.String(), found: named[i], known: true}
		}
	}
	// Lay the lists out by counting first: they are long, and growing
	// them would copy each several times.
	count := make([]int, len(c.Entities))
	for _, ids := range named {
		for _, e := range ids {
			count[e]++
		}
	}
	byEntity := make([][]*site.Note, len(c.Entities))
	total := 0
	for e, n := range count {
		if n > 0 {
			byEntity[e] = make([]*site.Note, 0, n)
			total += n
		}
	}
	// The same lists the other way, what each note names, in one array.
	all := make([]*site.Entity, 0, total)
	r.idx.namedBy = make(map[*site.Note][]*site.Entity, len(c.Notes))
	for i, n := range c.Notes {
		start := len(all)
		for _, e := range named[i] {
			byEntity[e] = append(byEntity[e], n)
			all = append(all, c.Entities[e])
		}
		if len(all) > start {
			r.idx.namedBy[n] = all[start:len(all):len(all)]
		}
	}
	for e, notes := range byEntity {
		if notes == nil {
			continue
		}
		if slug := c.Entities[e].Slug; r.idx.noteMentions[slug] == nil {
			r.idx.noteMentions[slug] = notes
		} else {
			r.idx.noteMentions[slug] = append(r.idx.noteMentions[slug], notes...)
		}
	}
}

// noteNames lists the entities (by index, in order) named in a note's
// title and body, read as one text with a line break between them.
// Rather than join them, it reads the body, and the title with as much
// of the body as a phrase begun in the title can reach.
func noteNames(names *phraseIndex, n *site.Note, entities int) []int {
	named := make([]bool, entities)
	mark := func(m phraseMatch) { named[m.id] = true }
	reach := 0
	for range names.words - 1 {
		if start, end := nextWord(n.Body, reach); start >= 0 {
			reach = end
		}
	}
	names.each(n.Title+"\n"+n.Body[:reach], mark)
	names.each(n.Body, mark)
	var ids []int
	for id, ok := range named {
		if ok {
			ids = append(ids, id)
		}
	}
	return ids
}
