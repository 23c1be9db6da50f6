package passage

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// kindGolden records how lineKind classifies every line of the corpora
// below and of kindEdgeLines, so that a change to how it decides, such
// as a faster way to the same answers, shows up as a diff.
const kindGolden = "testdata/linekind.golden"

// kindCorpus is a tree of files whose lines lineKind is run over: its
// name in the golden file and its path from this package.
type kindCorpus struct {
	name, dir string
	// shared marks a tree outside the repository, which may be absent.
	shared bool
}

// content/ is left out: its sources are the seeds with front matter, and
// an analyst's edit to it would change the golden files without any
// change to cleaning.
var kindCorpora = []kindCorpus{
	{name: "testdata/cleaning", dir: "../../testdata/cleaning"},
	{name: "shared/seeds", dir: "../../../shared/seeds", shared: true},
}

// kindEdgeLines are lines near the edges of the kinds: mixed case,
// letters that (?i) folds onto ASCII ones (ſ, the Kelvin sign K),
// other scripts, leading and trailing spaces, the word-count limit.
var kindEdgeLines = []string{
	"",
	" ",
	"\t",
	"Accept all cookies",
	"ACCEPT ALL COOKIES",
	"aCcEpT aLl CoOkIeS",
	"  Accept all cookies",
	"Accept all cookies  ",
	"We use cookies to improve your experience",
	"We use COOKIES to IMPROVE your EXPERIENCE",
	"We use cooKies to improve your experience",
	"Cookie ſettings",
	"Privacy preferences",
	"Customise preferences",
	"Customize",
	"ſhare",
	"SHARE THIS ARTICLE ON Twitter:",
	"Share via email",
	"Follow us on Mastodon",
	"Print this page",
	"Tweet",
	"Pin it",
	"Email this",
	"Click here to download the report",
	"CLICK HERE",
	"Clickhere",
	"Home > News > Europe",
	"home > news > europe",
	"Home › Blog",
	"Accueil » Actualités",
	"Inicio / Noticias",
	"Start | Contact",
	"News > Europe > Politics",
	"a → b",
	"Read more →",
	"← Previous post: The harvest",
	"Next article: The harvest",
	"You might also be interested in:",
	"You may also like",
	"Most popular",
	"More stories from the region",
	"Related",
	"Post navigation",
	"Sign up to our newsletter",
	"Get the best stories in your inbox",
	"SUBSCRIBE",
	"Subscribe to this week's digest and hear about new reports, events and jobs from across the region every Friday morning",
	"Leave a Reply",
	"Your email address will not be published. Required fields are marked *",
	"Comments are now closed.",
	"Comment on this article is closed",
	"Log in to reply",
	"Reply",
	"Like",
	"Skip to main content",
	"Menu",
	"Search for:",
	"Advertisement",
	"Photograph: Reuters",
	"Credits: AFP",
	"You have read 3 of 5 free articles this month",
	"Privacy policy · Terms of use · Cookies · Contact us",
	"About us | Careers | FAQ",
	"Build 4f2a9c1",
	"Version 2.1.0",
	"Originally published at example.org on 3 May 2024",
	"First published by the Meridian Post",
	"© 2024 The Meridian Post",
	"(c) 2023 Ministry of Health",
	"(c) the second option",
	"Copyright 2021",
	"All rights reserved.",
	"Licensed under Creative Commons",
	"This work is licensed under CC BY-NC-SA 4.0, see the licence",
	"cc by-nc licence",
	"doi: 10.1016/j.worlddev.2023.106247",
	"https://doi.org/10.1093/ajae/aaz030",
	"ISSN 1234-567X",
	"iſſn 1234-5678",
	"Vol. 12, No. 3",
	"vol 4 issue 2",
	"pp. 123–145",
	"Received: 3 March 2023",
	"Received 3 March 2023; accepted 9 May 2023",
	"Published online: 4 June 2024",
	"Last updated:",
	"From:",
	"Date: 4 June 2024",
	"Keywords: irrigation; water rights",
	"Key words：irrigation",
	"JEL classification: Q15",
	"Tags: water",
	"Keywords",
	"PRESS RELEASE",
	"For immediate release",
	"Embargoed until 00:01 BST",
	"- ENDS -",
	"— End of press release —",
	"-30-",
	"###",
	"Ends",
	"For further information, please contact:",
	"For media enquiries:",
	"Media contacts",
	"Press office",
	"Contact:",
	"Tel: +44 20 7946 0958",
	"Telephone. 020 7946 0958",
	"E-mail: press@example.org",
	"Website: www.example.org",
	"https://www.example.org/press",
	"www.example.org",
	"P.O. Box 1234",
	"PO box 12",
	"+44 20 7946 0958",
	"Write to jane.doe@example.org for a copy",
	"The views expressed in this paper are those of the authors alone",
	"The views expressed here are those of the author and not of the Ministry, which commissioned the study of water rights in the Ebro basin",
	"How to cite this article",
	"İstanbul, 3 June 2024",
	"ıssn 1234-5678",
	"Ѕhare",
	"Ｓｈａｒｅ",
	"Москва, 3 июня 2024",
	"北京 > 新闻 > 国际",
	"\u00a0Share",
	"Share\u00a0this",
	"\xffShare",
	"Share\xff",
	"coo\xffkies policy",
	"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen Share",
	"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen subscribe",
	"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen subscribe",
	"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen cookies policy",
}

// kindTags matches an HTML tag, so that a page's lines are also judged
// by their text.
var kindTags = regexp.MustCompile(`<[^>]*>`)

// kindVariants are the forms of a line lineKind is run on.
var kindVariants = []struct {
	name string
	of   func(string) string
}{
	{"raw", func(s string) string { return s }},
	{"trimmed", strings.TrimSpace},
	{"upper", func(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }},
	{"text", func(s string) string { return strings.TrimSpace(kindTags.ReplaceAllString(s, " ")) }},
}

// classify writes, for each variant of each line that lineKind gives a
// reason, where the line is, the variant, the reason and the line's start.
func classify(w *bytes.Buffer, where string, lines []string) {
	for i, line := range lines {
		for _, v := range kindVariants {
			if reason := lineKind(v.of(line)); reason != "" {
				fmt.Fprintf(w, "%s:%d: %s: %s %.60q\n", where, i+1, v.name, reason, line)
			}
		}
	}
}

// corpusLines returns the lines of every file under dir, by the file's
// path from dir.
func corpusLines(t *testing.T, dir string) (paths []string, lines map[string][]string) {
	t.Helper()
	lines = map[string][]string{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 16<<20)
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		paths = append(paths, rel)
		for sc.Scan() {
			lines[rel] = append(lines[rel], sc.Text())
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	return paths, lines
}

// TestLineKindGolden compares lineKind's reasons for the corpora's lines
// and the edge lines with testdata/linekind.golden, which is split into
// one section per corpus. A shared corpus that is absent is left out of
// the comparison, and then -update refuses to drop its section.
func TestLineKindGolden(t *testing.T) {
	compareGolden(t, kindGolden, kindEdgeLines, classify)
}

// everyLine is the lines given and every line of the corpora of
// kindCorpora that are here.
func everyLine(t *testing.T, lines ...[]string) []string {
	t.Helper()
	out := slices.Concat(lines...)
	for _, c := range kindCorpora {
		if _, err := os.Stat(c.dir); c.shared && os.IsNotExist(err) {
			continue
		}
		_, files := corpusLines(t, c.dir)
		for _, f := range files {
			out = append(out, f...)
		}
	}
	return out
}

// compareGolden records, with write, the lines of every corpus of
// kindCorpora and the edge lines, one section per corpus, and compares
// them with the golden file, or rewrites it with -update. A shared corpus
// that is absent is left out of the comparison, and then -update refuses
// to drop its section.
func compareGolden(t *testing.T, golden string, edge []string, write func(w *bytes.Buffer, where string, lines []string)) {
	t.Helper()
	sections := map[string]string{}
	var order []string
	for _, c := range kindCorpora {
		if _, err := os.Stat(c.dir); c.shared && os.IsNotExist(err) {
			t.Logf("%s is absent: its section is not compared", c.dir)
			continue
		}
		paths, lines := corpusLines(t, c.dir)
		if len(paths) == 0 {
			t.Fatalf("no files under %s", c.dir)
		}
		var b bytes.Buffer
		for _, p := range paths {
			write(&b, c.name+"/"+p, lines[p])
		}
		sections[c.name] = b.String()
		order = append(order, c.name)
	}
	var b bytes.Buffer
	write(&b, "edge", edge)
	sections["edge"] = b.String()
	order = append(order, "edge")

	if *update {
		if len(order) != len(kindCorpora)+1 {
			t.Fatal("a corpus is absent: not rewriting " + golden)
		}
		var out bytes.Buffer
		for _, name := range order {
			fmt.Fprintf(&out, "== %s\n%s", name, sections[name])
		}
		if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	data, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	want := goldenSections(string(data))
	for _, name := range order {
		if got, ok := want[name]; !ok {
			t.Errorf("%s: no section %q", golden, name)
		} else if got != sections[name] {
			t.Errorf("section %s differs from %s:\n%s", name, golden, lineDiff(got, sections[name]))
		}
	}
}

// goldenSections splits the golden file at its "== name" lines.
func goldenSections(s string) map[string]string {
	sections := map[string]string{}
	name := ""
	for line := range strings.SplitAfterSeq(s, "\n") {
		if n, ok := strings.CutPrefix(line, "== "); ok {
			name = strings.TrimSuffix(n, "\n")
			sections[name] = ""
			continue
		}
		sections[name] += line
	}
	return sections
}

// lineDiff lists the lines only want has and those only got has.
func lineDiff(want, got string) string {
	count := map[string]int{}
	for l := range strings.Lines(want) {
		count[l]++
	}
	for l := range strings.Lines(got) {
		count[l]--
	}
	var b strings.Builder
	for _, l := range slices.Sorted(maps.Keys(count)) {
		switch n := count[l]; {
		case n > 0:
			fmt.Fprintf(&b, "- %s", l)
		case n < 0:
			fmt.Fprintf(&b, "+ %s", l)
		}
	}
	return b.String()
}

// TestKindMayMatch checks that mayMatch passes each line a kind's
// pattern matches, and lineKind runs it on, so that lineKind, which
// passes over a line mayMatch rejects, misses no line: every line of the
// corpora, the edge lines and lines made from the patterns.
func TestKindMayMatch(t *testing.T) {
	check := func(s string) {
		short := len(strings.Fields(s)) <= shortWords
		for _, k := range kinds {
			if (short || k.long) && k.re.MatchString(s) && !k.mayMatch(foldCase(s)) {
				t.Errorf("%q matches %s but mayMatch rejects it", s, k.re)
			}
		}
	}
	for _, line := range everyLine(t, kindEdgeLines) {
		check(line)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, k := range kinds {
		re, err := syntax.Parse(k.re.String(), syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		made := 0
		for range 5000 {
			var b strings.Builder
			makeMatch(&b, re, rng)
			if s := b.String(); k.re.MatchString(s) {
				made++
				check(s)
			}
		}
		if made < 1000 {
			t.Errorf("only %d lines made match %s", made, k.re)
		}
	}
}

// makeMatch writes to b a string that re matches, but for its anchors
// and word boundaries, with letters in any case (?i) allows.
func makeMatch(b *strings.Builder, re *syntax.Regexp, rng *rand.Rand) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			if re.Flags&syntax.FoldCase != 0 {
				orbit := []rune{r}
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					orbit = append(orbit, f)
				}
				r = orbit[rng.IntN(len(orbit))]
			}
			b.WriteRune(r)
		}
	case syntax.OpCharClass:
		i := 2 * rng.IntN(len(re.Rune)/2)
		lo, hi := re.Rune[i], re.Rune[i+1]
		if hi-lo > 200 {
			hi = lo + 200
		}
		b.WriteRune(lo + rng.Int32N(hi-lo+1))
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		const pool = "aZ 09.:-/|>·→©@+#é\u212a\u017f"
		b.WriteRune([]rune(pool)[rng.IntN(len([]rune(pool)))])
	case syntax.OpCapture:
		makeMatch(b, re.Sub[0], rng)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := 0, 1
		switch re.Op {
		case syntax.OpStar:
			hi = 3
		case syntax.OpPlus:
			lo, hi = 1, 4
		case syntax.OpRepeat:
			lo, hi = re.Min, re.Max
			if hi < 0 || hi > lo+3 {
				hi = lo + 3
			}
		}
		for range lo + rng.IntN(hi-lo+1) {
			makeMatch(b, re.Sub[0], rng)
		}
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			makeMatch(b, sub, rng)
		}
	case syntax.OpAlternate:
		makeMatch(b, re.Sub[rng.IntN(len(re.Sub))], rng)
	}
}
