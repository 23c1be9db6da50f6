package resolve

import (
	"index/suffixarray"
	"slices"
	"sort"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// quoteIndex finds quoted words in a source's passages. All passages are
// folded once and joined into one text with a suffix array over it, so a
// citation costs a lookup rather than a scan of every passage.
type quoteIndex struct {
	passages []site.Passage
	text     []byte // folded passages, each followed by a 0 byte
	starts   []int  // offset of each passage in text
	offsets  [][]int32
	sa       *suffixarray.Index
}

// quoteMatch is where a quote was found: a passage and the byte range of
// its Text.
type quoteMatch struct {
	passage    int
	start, end int
}

func newQuoteIndex(src *site.Source) *quoteIndex {
	q := &quoteIndex{passages: src.Passages}
	for _, p := range src.Passages {
		folded, offsets := fold(p.Text)
		q.starts = append(q.starts, len(q.text))
		q.offsets = append(q.offsets, offsets)
		q.text = append(q.text, folded...)
		q.text = append(q.text, 0)
	}
	q.sa = suffixarray.New(q.text)
	return q
}

// find returns the matches of quote, at most one per passage, in passage
// order. A quote that folds to nothing matches nothing.
func (q *quoteIndex) find(quote string) []quoteMatch {
	folded, _ := foldTo(quote, nil)
	if len(folded) == 0 {
		return nil
	}
	hits := q.sa.Lookup(folded, -1)
	slices.Sort(hits)
	var matches []quoteMatch
	for _, at := range hits {
		i := sort.SearchInts(q.starts, at+1) - 1
		if len(matches) > 0 && matches[len(matches)-1].passage == i {
			continue
		}
		local := at - q.starts[i]
		offsets := q.offsets[i]
		matches = append(matches, quoteMatch{
			passage: i,
			start:   int(offsets[local]),
			end:     int(offsets[local+len(folded)]),
		})
	}
	return matches
}

// closest suggests the passage words nearest to a quote that was not
// found: the window of the passage, a little longer than the quote,
// sharing the most words with it, trimmed to the words it shares.
func (q *quoteIndex) closest(quote string) (text string, number int) {
	want := strings.Fields(foldString(quote))
	if len(want) == 0 {
		return "", 0
	}
	wanted := map[string]bool{}
	for _, w := range want {
		wanted[w] = true
	}
	best := 0
	for _, p := range q.passages {
		words := strings.Fields(p.Text)
		matched := make([]bool, len(words))
		for j, w := range words {
			matched[j] = wanted[foldString(w)]
		}
		size := min(len(want)+2, len(words))
		for start := 0; start+size <= len(words); start++ {
			first, last, score := -1, -1, 0
			for j := start; j < start+size; j++ {
				if matched[j] {
					score++
					if first < 0 {
						first = j
					}
					last = j
				}
			}
			if score > best {
				best = score
				text = strings.Join(words[first:last+1], " ")
				number = p.Number
			}
		}
	}
	return text, number
}
