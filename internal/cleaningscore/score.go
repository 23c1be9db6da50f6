package cleaningscore

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dossier-dev/dossier/internal/site"
)

// Result counts what cleaning got right in one document, or in several
// (see Add). Ratios of zero to zero are 1: there was nothing to find.
type Result struct {
	// Boundaries are the starts of the truth's passage blocks (P, L, Q, T
	// and headings), Starts the starts of the cleaned passages, Matched
	// the starts that fall on a truth block start.
	Boundaries, Starts, Matched int
	// Headings are the truth's headings; HeadingsFound of them start a
	// passage of kind heading.
	Headings, HeadingsFound int
	// Boilerplate counts the B and X blocks, BoilerplateRemoved those
	// that no passage holds.
	Boilerplate, BoilerplateRemoved int
	// Footnotes counts the F blocks, FootnotesFound those that are in
	// the footnotes and not in a passage.
	Footnotes, FootnotesFound int
	// Pages counts the passage blocks the truth gives a page for,
	// PagesRight those whose passage's page range holds that page.
	Pages, PagesRight int
	// Lost counts the non-blank lines that are in no passage, footnote
	// or removed list (see Lost); it is set by the caller, which has the
	// body.
	Lost int
	// Misses describe what went wrong, a line each, for a test log.
	Misses []string
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Precision is the share of passage starts that are truth block starts.
func (r Result) Precision() float64 { return ratio(r.Matched, r.Starts) }

// Recall is the share of truth block starts that start a passage.
func (r Result) Recall() float64 { return ratio(r.Matched, r.Boundaries) }

// F1 is the harmonic mean of Precision and Recall.
func (r Result) F1() float64 {
	p, q := r.Precision(), r.Recall()
	if p+q == 0 {
		return 0
	}
	return 2 * p * q / (p + q)
}

// HeadingRecall is the share of truth headings found as headings.
func (r Result) HeadingRecall() float64 { return ratio(r.HeadingsFound, r.Headings) }

// BoilerplateRecall is the share of boilerplate and furniture removed.
func (r Result) BoilerplateRecall() float64 { return ratio(r.BoilerplateRemoved, r.Boilerplate) }

// FootnoteRecall is the share of footnotes found and kept out of the
// passages.
func (r Result) FootnoteRecall() float64 { return ratio(r.FootnotesFound, r.Footnotes) }

// PageAccuracy is the share of passage blocks with a truth page whose
// passage gives that page.
func (r Result) PageAccuracy() float64 { return ratio(r.PagesRight, r.Pages) }

// Add returns the counts of r and o summed, for an overall score; the
// misses are left out.
func (r Result) Add(o Result) Result {
	return Result{
		Boundaries: r.Boundaries + o.Boundaries, Starts: r.Starts + o.Starts, Matched: r.Matched + o.Matched,
		Headings: r.Headings + o.Headings, HeadingsFound: r.HeadingsFound + o.HeadingsFound,
		Boilerplate: r.Boilerplate + o.Boilerplate, BoilerplateRemoved: r.BoilerplateRemoved + o.BoilerplateRemoved,
		Footnotes: r.Footnotes + o.Footnotes, FootnotesFound: r.FootnotesFound + o.FootnotesFound,
		Pages: r.Pages + o.Pages, PagesRight: r.PagesRight + o.PagesRight,
		Lost: r.Lost + o.Lost,
	}
}

// stream is a text as a sequence of words, each knowing the block or
// passage it came from.
type stream struct {
	words []string
	owner []int
	first []int // first word of each block or passage; -1 when it has none
}

func (s *stream) add(owner int, text string) {
	s.first = append(s.first, len(s.words))
	ws := Words(text)
	if len(ws) == 0 {
		s.first[owner] = -1
	}
	for _, w := range ws {
		s.words = append(s.words, w)
		s.owner = append(s.owner, owner)
	}
}

// Words splits text into the words it is compared by: compatibility
// forms made plain (ligatures, full-width letters), then each run of
// non-space characters reduced to its letters and digits in lower case,
// so that "Russian-led", "Russianled" and "ﬁnal." compare as
// "russianled" and "final". A text with no letter or digit, such as
// "###", keeps its runs as they are.
func Words(text string) []string {
	fields := strings.Fields(norm.NFKC.String(text))
	var ws []string
	for _, f := range fields {
		w := strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, f)
		if w != "" {
			ws = append(ws, w)
		}
	}
	if len(ws) == 0 {
		return fields
	}
	return ws
}

// footnoteLabel drops the label that starts a footnote block's text.
func footnoteLabel(text string) string {
	label, rest, ok := strings.Cut(text, " ")
	if !ok || strings.ContainsFunc(label, unicode.IsLetter) && len([]rune(label)) > 1 {
		return text
	}
	return rest
}

// Score compares the passages and footnotes of a cleaned document with
// its truth blocks.
//
// The truth's blocks, in order, and the passages, in order, are each read
// as one stream of words (see Words), and the two streams are aligned
// (a longest common subsequence). A passage starts where its first
// aligned word falls; it is right when that word starts a passage block
// of the truth. A heading is found when a heading passage starts on it. A
// boilerplate or furniture block is removed when fewer than a fifth of
// its words are aligned with passage words. A footnote is found when
// fewer than a fifth of its words are in passages and at least four
// fifths are aligned with the words of the footnotes, read as a stream of
// their own; its label is not counted.
func Score(truth []Block, n site.Normalised) Result {
	var r Result
	var ts, ps stream
	for i, b := range truth {
		text := b.Text
		if b.Footnote() {
			text = footnoteLabel(text)
		}
		ts.add(i, text)
	}
	for i, p := range n.Passages {
		ps.add(i, p.Text)
	}
	// Where the words of a heading also stand in the running head above
	// it, they are aligned with the heading: a match with a passage
	// block outweighs one with boilerplate.
	weights := make([]int, len(ts.words))
	for j, o := range ts.owner {
		weights[j] = 1
		if truth[o].Passage() {
			weights[j] = 2
		}
	}
	toPassage, toTruth := align(ts.words, ps.words, weights)

	starts := map[int]int{} // truth word -> passage starting there
	for i, first := range ps.first {
		r.Starts++
		at := -1
		if first >= 0 {
			for j := first; j < len(ps.words) && ps.owner[j] == i; j++ {
				if toTruth[j] >= 0 {
					at = toTruth[j]
					break
				}
			}
		}
		if at < 0 {
			r.Misses = append(r.Misses, fmt.Sprintf("passage not in the truth: %s", clip(n.Passages[i].Text)))
			continue
		}
		starts[at] = i
		if b := truth[ts.owner[at]]; !b.Passage() || ts.first[ts.owner[at]] != at {
			r.Misses = append(r.Misses, fmt.Sprintf("false start before %q", context(ts.words, at)))
		}
	}

	inPassages := func(i int) (aligned, total int) {
		for j := ts.first[i]; j >= 0 && j < len(ts.words) && ts.owner[j] == i; j++ {
			total++
			if toPassage[j] >= 0 {
				aligned++
			}
		}
		return aligned, total
	}
	var fs stream
	var notes []int // truth blocks of the footnote stream
	for i, b := range truth {
		if b.Footnote() {
			notes = append(notes, i)
			fs.add(len(notes)-1, footnoteLabel(b.Text))
		}
	}
	var ns stream
	for i, f := range n.Footnotes {
		ns.add(i, f.Text)
	}
	toNote, _ := align(fs.words, ns.words, nil)
	inNotes := func(k int) (aligned int) {
		for j := fs.first[k]; j >= 0 && j < len(fs.words) && fs.owner[j] == k; j++ {
			if toNote[j] >= 0 {
				aligned++
			}
		}
		return aligned
	}

	for i, b := range truth {
		first := ts.first[i]
		if first < 0 {
			continue
		}
		switch {
		case b.Passage():
			r.Boundaries++
			p, ok := starts[first]
			if ok {
				r.Matched++
			} else {
				r.Misses = append(r.Misses, fmt.Sprintf("missed start of %s %s", b.Tag, clip(b.Text)))
			}
			if b.Heading() {
				r.Headings++
				if ok && n.Passages[p].Kind == site.Heading {
					r.HeadingsFound++
				} else {
					r.Misses = append(r.Misses, fmt.Sprintf("heading not found: %s", clip(b.Text)))
				}
			}
			if b.Page > 0 {
				r.Pages++
				if j := firstAligned(toPassage, first, ts.owner, i); j >= 0 {
					pg := n.Passages[ps.owner[j]].Pages
					if pg.First <= b.Page && b.Page <= pg.Last {
						r.PagesRight++
						continue
					}
					r.Misses = append(r.Misses, fmt.Sprintf("page %d, passage says %d-%d: %s", b.Page, pg.First, pg.Last, clip(b.Text)))
				}
			}
		case b.Removed():
			r.Boilerplate++
			if aligned, total := inPassages(i); aligned*5 < total {
				r.BoilerplateRemoved++
			} else {
				r.Misses = append(r.Misses, fmt.Sprintf("kept %s %s", b.Tag, clip(b.Text)))
			}
		case b.Footnote():
			r.Footnotes++
			k := indexOf(notes, i)
			aligned, total := inPassages(i)
			switch {
			case aligned*5 >= total:
				r.Misses = append(r.Misses, fmt.Sprintf("footnote in a passage: %s", clip(b.Text)))
			case inNotes(k)*5 < total*4:
				r.Misses = append(r.Misses, fmt.Sprintf("footnote not found: %s", clip(b.Text)))
			default:
				r.FootnotesFound++
			}
		}
	}
	return r
}

// firstAligned returns the passage word aligned with the first aligned
// word of truth block i, which starts at word first, or -1.
func firstAligned(toPassage []int, first int, owner []int, i int) int {
	for j := first; j < len(toPassage) && owner[j] == i; j++ {
		if toPassage[j] >= 0 {
			return toPassage[j]
		}
	}
	return -1
}

func indexOf(xs []int, x int) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

// clip shortens a text for a miss.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// context returns the words around word i.
func context(ws []string, i int) string {
	return strings.Join(ws[max(0, i-4):i], " ") + " | " + strings.Join(ws[i:min(len(ws), i+4)], " ")
}

// align returns a heaviest common subsequence of a and b as two maps:
// inB[i] is the index in b of a's word i, or -1; inA likewise. A match
// of a's word i weighs weights[i], or 1 when weights is nil. Without
// weights, equal prefixes and suffixes are matched first; the rest is the classic
// dynamic programme, with a table of len(a)×len(b) bytes left in the
// middle, which documents of some thousands of words afford.
func align(a, b []string, weights []int) (inB, inA []int) {
	inB, inA = make([]int, len(a)), make([]int, len(b))
	for i := range inB {
		inB[i] = -1
	}
	for j := range inA {
		inA[j] = -1
	}
	lo := 0
	for weights == nil && lo < len(a) && lo < len(b) && a[lo] == b[lo] {
		inB[lo], inA[lo] = lo, lo
		lo++
	}
	ha, hb := len(a), len(b)
	for weights == nil && ha > lo && hb > lo && a[ha-1] == b[hb-1] {
		ha--
		hb--
		inB[ha], inA[hb] = hb, ha
	}
	n, m := ha-lo, hb-lo
	if n == 0 || m == 0 {
		return inB, inA
	}
	weight := func(i int) int {
		if weights == nil {
			return 1
		}
		return weights[i]
	}
	// score[j] is the best weight of a[lo+i:ha] against b[lo+j:hb] for
	// the row i being filled; move records the step each cell took.
	const (
		diag = iota + 1
		down
		right
	)
	move := make([]byte, n*m)
	next, score := make([]int, m+1), make([]int, m+1)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			score[j], move[i*m+j] = next[j], down
			if score[j+1] > score[j] {
				score[j], move[i*m+j] = score[j+1], right
			}
			if a[lo+i] == b[lo+j] && next[j+1]+weight(lo+i) >= score[j] {
				score[j], move[i*m+j] = next[j+1]+weight(lo+i), diag
			}
		}
		next, score = score, next
	}
	for i, j := 0, 0; i < n && j < m; {
		switch move[i*m+j] {
		case diag:
			inB[lo+i], inA[lo+j] = lo+j, lo+i
			i++
			j++
		case down:
			i++
		default:
			j++
		}
	}
	return inB, inA
}

// Lost counts the non-blank lines of body that no passage's or footnote's
// line range covers and that are not in the removed list. Lines count as
// cleaning counts them: split at "\n", a "\r" before it dropped.
func Lost(body string, n site.Normalised) int {
	lines := strings.Split(body, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	covered := make([]bool, len(lines)+2)
	cover := func(r site.LineRange) {
		for ln := max(r.First, 1); ln <= min(r.Last, len(lines)); ln++ {
			covered[ln] = true
		}
	}
	for _, p := range n.Passages {
		cover(p.Lines)
	}
	for _, f := range n.Footnotes {
		cover(f.Lines)
	}
	for _, rm := range n.Removed {
		cover(site.LineRange{First: rm.Line, Last: rm.Line})
	}
	lost := 0
	for i, l := range lines {
		if strings.TrimSpace(strings.TrimSuffix(l, "\r")) != "" && !covered[i+1] {
			lost++
		}
	}
	return lost
}
