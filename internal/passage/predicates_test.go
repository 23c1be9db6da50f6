package passage

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// predicatesGolden records which of the line tests of the cleaning stages
// hold for every line of the corpora (kindCorpora) and of
// predicateEdgeLines, so that a faster way to the same answers shows no
// diff.
const predicatesGolden = "testdata/predicates.golden"

// predicates are the line tests recorded, by name: each returns "" where
// it does not hold, and otherwise what it found.
var predicates = []struct {
	name string
	of   func(string) string
}{
	{"separator", func(s string) string { return yes(separator(s)) }},
	{"noise", func(s string) string { return yes(scanNoise(s)) }},
	{"dateline", func(s string) string { return yes(dateline.MatchString(s)) }},
	{"dateline8", func(s string) string { return yes(isDateline(s)) }},
	{"metadata", func(s string) string { return yes(metadata.MatchString(s)) }},
	{"metadataField", func(s string) string { return yes(isMetadata(s)) }},
	{"numbered", func(s string) string {
		if !numbered(s) {
			return ""
		}
		return numberedHeadingRE.FindStringSubmatch(s)[1]
	}},
	{"list", func(s string) string { return yes(startsList(s)) }},
	{"shape12", func(s string) string { return yes(headingShape(s, headingWords)) }},
	{"shape24", func(s string) string { return yes(headingShape(s, titleWords)) }},
	{"heading12", func(s string) string { return yes(headingLike(s, headingWords)) }},
	{"heading24", func(s string) string { return yes(headingLike(s, multiLineWords)) }},
	// A heading starts with "#" and a comment with "<!--".
	{"mdHeading", func(s string) string { return yes(strings.HasPrefix(s, "#") && markdownLine(s)) }},
	{"comment", func(s string) string { return yes(strings.HasPrefix(s, "<!--") && markdownLine(s)) }},
	{"links", func(s string) string {
		if n := linkCount(s); n > 0 {
			return fmt.Sprint(n)
		}
		return ""
	}},
	{"page", func(s string) string {
		if m := pageNumberRE.FindStringSubmatch(s); m != nil {
			return m[1] + "/" + m[2]
		}
		return ""
	}},
}

func yes(b bool) string {
	if b {
		return "y"
	}
	return ""
}

// predicateVariants are the forms of a line the tests are run on: as
// written, and with its spaces folded as a line's text is, in capitals
// and without HTML tags.
var predicateVariants = []struct {
	name string
	of   func(string) string
}{
	{"raw", func(s string) string { return s }},
	{"text", collapseSpaces},
	{"upper", func(s string) string { return strings.ToUpper(collapseSpaces(s)) }},
	{"tagless", func(s string) string { return collapseSpaces(kindTags.ReplaceAllString(s, " ")) }},
}

// collapseSpaces folds spaces as splitLines does.
func collapseSpaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// predicateEdgeLines are lines near the edges of the tests: white space
// \s does not match (\v, no-break space), digits and capitals of other
// scripts, the limits on lengths and counts.
var predicateEdgeLines = []string{
	"", " ", "...", "..", ". . .", "--", "---", "- - -", "-\t-\t-", "-\v-\v-", "-\u00a0-\u00a0-", "***", "* * *",
	"*** ", " ***", "***x", "_=~", "…", "……", "•••", "·", "…•·", "… ", "• •", "---\f", "- -\n-",
	"a b c d e f", "| | | / . x", ". . . . . word", "ab cd . . . .", "x y z 1 2 3", "é ü ö ä ß ç",
	"١ ٢ ٣ ٤ ٥ ٦", ". , ; : ! ? a",
	"3 June 2024", "June 3, 2024", "2024-06-03", "ADDIS ABABA, 19 October 2023", "Chișinău, 14 May 2024",
	"Monday, 3 June 2024", "Mon 3 June 2024 update", "3 June 2024. Done", "3 june 2024", "3 ſept 2024",
	"Sept. 3, 2024", "١٢ June 2024", "2024-06-031", "Paris, 3 June 2024 and then some more words here",
	"On 3 June 2024 the ministry met", "Ǆ, 3 June 2024", "3 June 2024 – 4 June 2024 – five six seven",
	"Bulletin No. 6 · Data as of 5 April 2024", "a | b", "Received: 3 March 2023 | Accepted: 4 May 2023",
	"x\t|\ty 2024", "a ·b 2024", "Issue 4 • Vol 2", "report | 2024 | " + strings.Repeat("x", 61),
	"1 Introduction", "2.1 Cooperation and trade", "3. Multilateral cooperation", "12.3.4.5 Deep",
	"12.3.4.5.6 Deeper", "123 Not", "1 (Quoted", "1 “Quoted Heading", "1\tTab", "1  Two spaces",
	"١ Arabic", "Ärger Im Büro", "ÉTAT DES LIEUX", "the lower case heading", "A Heading Ending With The",
	"Heading:", "• Bullet Item", "(a) Item", "a) Item", "Iv) Item", "(iv) Item", "- Dash item", "– En dash item",
	"* Star", "10. Ten", "Ǆungla Heading", "A Very Long Heading With Many Words That Goes On And On Beyond Twelve Words",
	"# H", "###### H", "####### H", "#H", "#\tH", "<!-- x -->", "<!---->", "<!-- x", "[a](b) and [c](d)", "](",
	"[a](b c)", "]()", "](x)](y)",
	"12", "- 12 -", "Page 3 of 10", "iv", "p. 4", "PG. 7", "| 12", "xii", "0", "12345", "Page\t3",
	"a  b", " a", "a\u00a0b", "a\u2003b", "a\tb", "\u0085x", "a \u00a0 b", "\xff", "a\xffb",
}

// TestPredicatesGolden compares the tests' results on the corpora's
// lines and the edge lines with testdata/predicates.golden, split into a
// section per corpus as testdata/linekind.golden is.
func TestPredicatesGolden(t *testing.T) {
	// record writes the results for lines under a "-- where" line.
	record := func(w *bytes.Buffer, where string, lines []string) {
		for i, line := range lines {
			// The variants with the same results share a line.
			var results, names []string
			for _, v := range predicateVariants {
				s := v.of(line)
				var hits []string
				for _, p := range predicates {
					if r := p.of(s); r != "" {
						hits = append(hits, p.name+"="+r)
					}
				}
				if hits == nil {
					continue
				}
				r := strings.Join(hits, " ")
				if k := slices.Index(results, r); k >= 0 {
					names[k] += "," + v.name
				} else {
					results, names = append(results, r), append(names, v.name)
				}
			}
			if results != nil && where != "" {
				fmt.Fprintf(w, "-- %s\n", where)
				where = ""
			}
			for k, r := range results {
				fmt.Fprintf(w, "%d: %s: %s\n", i+1, names[k], r)
			}
		}
	}
	compareGolden(t, predicatesGolden, predicateEdgeLines, record)
}

// TestFoldSpaces checks foldSpaces against what it stands for on every
// line of the corpora and the edge lines.
func TestFoldSpaces(t *testing.T) {
	for _, s := range everyLine(t, predicateEdgeLines, kindEdgeLines) {
		for _, v := range []string{s, " " + s, s + " ", s + "  x", strings.ToValidUTF8(s, "\uFFFD")} {
			if got, want := foldSpaces(v), strings.Join(strings.Fields(v), " "); got != want {
				t.Errorf("foldSpaces(%q) = %q, want %q", v, got, want)
			}
		}
	}
}
