package audit_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/audit"
	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/resolve"
)

// sources are the small dossier's sources: a-2020 and c-2021 are one line
// of reporting (one publisher), b-2021 and d-2021 are graded E and F.
var sources = map[string]string{
	"a-2020.txt": "---\ntitle: Alpha report\nauthors: [Ann Alpha]\npublisher: Alpha Press\ndate: 2020\nreliability: B\n---\n" +
		"The army sent 2,000 troops to the border in March 2019, 12.5% of its strength.\n\n" +
		"General Ivan Petrov commanded the Northern Group.\n",
	"b-2021.txt": "---\ntitle: Beta news\nauthors: [Bob Beta]\npublisher: Beta News\ndate: 2021\nreliability: E\n---\n" +
		"Refugees crossed the river at night.\n",
	"c-2021.txt": "---\ntitle: Gamma\nauthors: [Carl Gamma]\npublisher: Alpha Press\ndate: 2021\nreliability: C\n---\n" +
		"The border stayed closed all winter.\n",
	"d-2021.txt": "---\ntitle: Delta\nauthors: [unknown]\npublisher: unknown\ndate: 2021\nreliability: F\n---\n" +
		"Smugglers used the mountain passes.\n",
}

// run audits a dossier of the sources above, a summary and the notes
// given (by slug), each under front matter of four lines, so that their
// bodies start on line 5.
func run(t *testing.T, summary string, notes map[string]string) *audit.Report {
	t.Helper()
	return audit.Run(resolveDossier(t, summary, notes), audit.Options{})
}

// resolveDossier resolves the dossier run audits.
func resolveDossier(t *testing.T, summary string, notes map[string]string) *resolve.Index {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"dossier.yaml":   "title: Test\nthemes: [t]\n",
		"index.md":       summary,
		"themes/t.md":    "---\ntitle: T\n---\nThe theme.\n",
		"notes/other.md": "---\ntitle: Other\nthemes: [t]\n---\nThe border [[c-2021#\"stayed closed\"]] and [[a-2020#\"sent 2,000 troops\"]].\n",
	}
	for name, text := range sources {
		files["sources/"+name] = text
	}
	for slug, body := range notes {
		files["notes/"+slug+".md"] = "---\ntitle: " + slug + "\nthemes: [t]\n---\n" + body
	}
	for name, text := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	idx, diags := build.New(build.Options{Content: dir, OneShot: true}).Resolve()
	if len(diags) > 0 {
		t.Fatalf("content errors: %v", diags)
	}
	return idx
}

// warnings are the report's warnings of one rule, with the folder
// before content/ cut.
func warnings(r *audit.Report, rule audit.Rule) []string {
	var out []string
	for _, c := range slices.Concat(r.Judgements, r.Notes) {
		for _, w := range c.Warnings {
			if w.Rule == rule {
				s := w.Diagnostic().Error()
				out = append(out, s[strings.Index(s, "notes/")+len("notes/"):])
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestRules(t *testing.T) {
	for _, c := range []struct {
		name string
		rule audit.Rule
		body string
		want []string
	}{
		{
			name: "a sentence that cites nothing",
			rule: audit.Uncited,
			body: "The army moved [[a-2020#\"sent 2,000 troops\"]]. Nothing supports this. Nor this! <!-- uncited -->\n",
			want: []string{`x.md:5:48: sentence cites nothing: "Nothing supports this."`},
		},
		{
			name: "headlines, openers, colons, links to notes and non-analysis sections are exempt",
			rule: audit.Uncited,
			body: "**A headline in bold.** The army moved [[a-2020#\"sent 2,000 troops\"]].\n\n" +
				"An opening sentence. It is supported [[b-2021#\"crossed the river\"]].\n\n" +
				"See [[other]] for the border.\n\n" +
				"The list says:\n\n- one item, cited [[c-2021#\"stayed closed\"]]\n- another item, not cited\n\n" +
				"> A block quote is not read.\n\n" +
				"## Gaps\n\nWe do not know why. Nor when.\n",
			want: []string{`x.md:14:3: sentence cites nothing: "another item, not cited"`},
		},
		{
			name: "abbreviations and lower-case words do not end a sentence",
			rule: audit.Uncited,
			body: "The U.S. army, e.g. its border units, moved [[a-2020#\"sent 2,000 troops\"]]. Then a claim. and so on.\n",
			want: []string{`x.md:5:77: sentence cites nothing: "Then a claim. and so on."`},
		},
		{
			name: "a number the passage does not hold",
			rule: audit.Figure,
			body: "In 2019 the army sent [[a-2020#\"sent 2,000 troops\"|2,500 troops]], 12.5% of its strength, and 300 tanks.\n",
			want: []string{
				`x.md:5:23: number "2,500" is not in the passage it cites (a-2020 ¶1)`,
				`x.md:5:23: number "300" is not in the passage it cites (a-2020 ¶1)`,
			},
		},
		{
			name: "quoted words, ordinals, names of things, other clauses and the source's year are not checked",
			rule: audit.Figure,
			body: "The 2020 report says the 201st brigade, Rubezh-2021, [[a-2020#\"sent 2,000 troops\"]]; in 1999 it did not.\n",
			want: nil,
		},
		{
			name: "one passage of several",
			rule: audit.Figure,
			body: "About 40 people [[b-2021#\"crossed the river\"]] and [[d-2021#\"used the mountain passes\"]].\n",
			want: []string{`x.md:5:17: number "40" is in none of the passages it cites (b-2021 ¶1, d-2021 ¶1)`},
		},
		{
			name: "a name not in the source",
			rule: audit.Figure,
			body: "The Northern Group under General Oleg Sidorov [[a-2020#\"sent 2,000 troops\"]], as General Ivan Petrov knew.\n",
			want: []string{`x.md:5:47: name "General Oleg Sidorov" is not in a-2020, which it cites`},
		},
		{
			name: "a single source",
			rule: audit.Basis,
			body: "Troops [[a-2020#\"sent 2,000 troops\"]] and more [[a-2020#\"General Ivan Petrov\"]].\n",
			want: []string{`x.md:1:1: note rests on a single source: a-2020`},
		},
		{
			name: "one line of reporting",
			rule: audit.Basis,
			body: "Troops [[a-2020#\"sent 2,000 troops\"]] and [[c-2021#\"stayed closed\"]].\n",
			want: []string{`x.md:1:1: note rests on one line of reporting: a-2020, c-2021 share an author or publisher`},
		},
		{
			name: "only weak sources",
			rule: audit.Basis,
			body: "Refugees [[b-2021#\"crossed the river\"]] and smugglers [[d-2021#\"used the mountain passes\"]].\n",
			want: []string{`x.md:1:1: note rests only on sources graded D-F: b-2021 (E), d-2021 (F)`},
		},
		{
			name: "no source",
			rule: audit.Basis,
			body: "Nothing cited here. <!-- uncited -->\n",
			want: []string{`x.md:1:1: note cites no source`},
		},
		{
			name: "independent sources",
			rule: audit.Basis,
			body: "Troops [[a-2020#\"sent 2,000 troops\"]] and refugees [[b-2021#\"crossed the river\"]].\n",
			want: nil,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, "Summary [[a-2020#\"sent 2,000 troops\"]] and [[b-2021#\"crossed the river\"]].\n", map[string]string{"x": c.body})
			var got []string
			for _, w := range warnings(r, c.rule) {
				if strings.HasPrefix(w, "x.md") {
					got = append(got, w)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(c.want, "\n\t"))
			}
		})
	}
}

// TestJudgements checks the key judgements: each item of the summary's
// list is one, placed at its first line, with its own basis.
func TestJudgements(t *testing.T) {
	r := run(t, "---\ntitle: Key judgements\n---\n"+
		"1. **Troops moved.** The army [[a-2020#\"sent 2,000 troops\"|sent 3,000 troops]].\n\n"+
		"2. **Refugees fled.** They [[b-2021#\"crossed the river\"]] and\n   [[c-2021#\"stayed closed\"]]. It was cold.\n\n"+
		"## Scope\n\nNot a judgement.\n", nil)
	var got []string
	for _, c := range r.Judgements {
		for _, w := range c.Warnings {
			e := w.Diagnostic().Error()
			got = append(got, c.Title+": "+e[strings.Index(e, "index.md"):])
		}
	}
	want := []string{
		`Troops moved.: index.md:4:31: number "3,000" is not in the passage it cites (a-2020 ¶1)`,
		`Troops moved.: index.md:4:1: key judgement 1 rests on a single source: a-2020`,
		`Refugees fled.: index.md:7:32: sentence cites nothing: "It was cold."`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// Counting the uncited sentences of notes keeps none of their warnings
// but counts as many, and leaves the key judgements' and the other
// rules' warnings as they were.
func TestCountUncited(t *testing.T) {
	idx := resolveDossier(t, "---\ntitle: Key judgements\n---\n1. **Refugees fled.** They [[b-2021#\"crossed the river\"]]. It was cold.\n",
		map[string]string{"n": "Troops came. The army [[a-2020#\"sent 2,000 troops\"|sent 3,000 troops]]. Nobody knows why. It rained.\n"})
	kept := audit.Run(idx, audit.Options{})
	counted := audit.Run(idx, audit.Options{CountUncited: true})
	if kept.Count() != counted.Count() || kept.Count() == 0 {
		t.Errorf("%d warnings kept, %d counted: want the same, and some", kept.Count(), counted.Count())
	}
	total := 0
	for i, c := range counted.Notes {
		var uncited, others []audit.Warning
		for _, w := range kept.Notes[i].Warnings {
			if w.Rule == audit.Uncited {
				uncited = append(uncited, w)
			} else {
				others = append(others, w)
			}
		}
		if c.Uncited != len(uncited) {
			t.Errorf("%s: %d uncited sentences counted, %d kept without counting", c.Title, c.Uncited, len(uncited))
		}
		total += c.Uncited
		if !slices.Equal(c.Warnings, others) {
			t.Errorf("%s: warnings %v when counting, want %v", c.Title, c.Warnings, others)
		}
	}
	if total == 0 {
		t.Error("no uncited sentence in the notes to count")
	}
	if !slices.EqualFunc(counted.Judgements, kept.Judgements, func(a, b *audit.Claim) bool { return slices.Equal(a.Warnings, b.Warnings) && a.Uncited == 0 }) {
		t.Error("counting changed the key judgements' warnings")
	}
}

// TestCoverage checks the report of the passages no note cites: the
// summary's citations do not count.
func TestCoverage(t *testing.T) {
	r := run(t, "Summary [[b-2021#\"crossed the river\"]].\n", nil)
	var got []string
	for _, d := range r.CoverageReport() {
		got = append(got, d.Error()[strings.Index(d.Error(), "sources/"):])
	}
	want := []string{
		"sources/a-2020.txt:1:1: 1 of 2 paragraphs (50%) are cited by no note: ¶2",
		"sources/b-2021.txt:1:1: 1 of 1 paragraphs (100%) are cited by no note: ¶1",
		"sources/d-2021.txt:1:1: 1 of 1 paragraphs (100%) are cited by no note: ¶1",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}
