// Package audit is the evidence audit: rules over the resolve index that
// say what each key judgement and note rests on and where it may not
// hold. Its findings are warnings, not errors: the site builds with them.
//
// The rules:
//
//   - uncited: a sentence of a key judgement, or of a note outside the
//     sections that are not analysis (see NotAnalysis), that makes no
//     quote citation and links to no note or theme. A sentence set
//     wholly in bold (a headline that the sentences after it support),
//     the last sentence of a paragraph when it ends with a colon (it
//     introduces a list or table), and a sentence followed by the comment
//     OptOut are exempt. Block quotes, code, tables and footnotes are not
//     read.
//   - basis: a judgement or note that cites no source, rests on a single
//     source, on one line of reporting, or only on sources graded D-F
//     (the rules of package evidence).
//   - figure: a number (thousands separators, decimals and percentages
//     folded: "2,500" is "2500") or a proper name of two words or more in
//     the clause of a citing sentence (the part between semicolons that
//     holds the citation) that is in none of the passages the clause
//     cites. The quoted words themselves are not checked (they are in the
//     passage by construction), nor the text of links to notes, themes and
//     entities, numbers that are part of a word ("201st", "Rubezh-2021"),
//     or a name that is the source's own title, publisher, author or cite
//     name, or an entity whose name or alias the passage holds.
//
// Coverage, the share of each source's passages that no note cites, is a
// report beside the warnings.
package audit

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/dossier-dev/dossier/internal/evidence"
	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// Rule names an audit rule.
type Rule string

// The rules of the audit.
const (
	Uncited Rule = "uncited"
	Basis   Rule = "basis"
	Figure  Rule = "figure"
)

// Warning is one finding of a rule.
type Warning struct {
	Pos  site.Pos
	Rule Rule
	// Sentence is the sentence the warning is about, "" for a basis
	// warning.
	Sentence string
	// Citation is, for a figure, the first citation of its clause.
	Citation *resolve.Citation
	// message is a basis or figure warning's; an uncited sentence's is
	// made from Sentence when asked for, as most warnings of a large
	// dossier are only counted.
	message string
}

// Message says what the warning is about.
func (w Warning) Message() string {
	if w.Rule == Uncited {
		return fmt.Sprintf("sentence cites nothing: %q", excerpt(w.Sentence))
	}
	return w.message
}

// Diagnostic is the warning as path:line:col: message.
func (w Warning) Diagnostic() site.Diagnostic {
	return site.Diagnostic{Pos: w.Pos, Message: w.Message()}
}

// Claim is a key judgement or a note: what it rests on and the warnings
// about it.
type Claim struct {
	// Judgement numbers a key judgement from 1; it is 0 for a note.
	Judgement int
	// Note is the note, nil for a key judgement.
	Note  *site.Note
	Title string
	// Pos is the judgement's first line, or the note's.
	Pos       site.Pos
	Citations []*resolve.Citation
	Basis     evidence.Basis
	Warnings  []Warning
	// Uncited counts a note's sentences that cite nothing when Run was
	// asked to count them (Options.CountUncited); they are then not
	// among Warnings.
	Uncited int
}

// Coverage is how much of a source the notes cite.
type Coverage struct {
	Source *site.Source
	// Passages counts the numbered passages; Uncited lists those no note
	// cites.
	Passages int
	Uncited  []*site.Passage
}

// Report is the audit of a dossier.
type Report struct {
	Judgements []*Claim
	Notes      []*Claim
	Coverage   []Coverage
}

// NotAnalysis are the headings (folded to lower case) of note sections
// that record no analysis and so need no citations: what is missing, what
// to collect, what to watch.
var NotAnalysis = []string{
	"gaps", "intelligence gaps", "collection requirements", "indicators",
	"indicators to watch", "sources", "scope and sources", "further reading",
	"see also", "references",
}

// Options choose what Run keeps.
type Options struct {
	// CountUncited counts each note's sentences that cite nothing
	// (Claim.Uncited) instead of keeping a warning, with its sentence,
	// for each: for a page that only counts them. In a dossier of notes
	// that cite little, those warnings are most of its sentences: 100 MB
	// at 10,000 notes.
	CountUncited bool
}

// Run audits the dossier that idx resolved.
func Run(idx *resolve.Index, opts Options) *Report {
	r := &Report{}
	a := &auditor{idx: idx, opts: opts, entities: entityNames(idx.Content), facts: make(map[*site.Source]*sourceFacts, len(idx.Content.Sources))}
	for _, s := range idx.Content.Sources {
		a.facts[s] = &sourceFacts{}
	}
	a.notes = make(map[*site.Doc]*site.Note, len(idx.Content.Notes))
	for _, n := range idx.Content.Notes {
		a.notes[&n.Doc] = n
	}
	var notes []*resolve.Parsed
	for _, p := range idx.Parsed {
		switch p.Kind {
		case resolve.KindSummary:
			r.Judgements = a.judgements(p)
		case resolve.KindNote:
			notes = append(notes, p)
		}
	}
	r.Notes = make([]*Claim, len(notes))
	parallel.For(len(notes), func(i int) {
		r.Notes[i] = a.note(notes[i])
		notes[i].Done()
	})
	for _, s := range idx.Content.Sources {
		cov := Coverage{Source: s}
		for i := range s.Passages {
			p := &s.Passages[i]
			if p.Number == 0 {
				continue
			}
			cov.Passages++
			if !slices.ContainsFunc(idx.CitationsOf(s, i), func(c *resolve.Citation) bool {
				return c.From != nil && c.From.Kind == resolve.KindNote
			}) {
				cov.Uncited = append(cov.Uncited, p)
			}
		}
		r.Coverage = append(r.Coverage, cov)
	}
	return r
}

// Warnings are the warnings of every judgement and note, sorted.
func (r *Report) Warnings() site.Diagnostics {
	var out site.Diagnostics
	for _, c := range slices.Concat(r.Judgements, r.Notes) {
		for _, w := range c.Warnings {
			out = append(out, w.Diagnostic())
		}
	}
	out.Sort()
	return out
}

// Count is how many warnings there are: those Warnings returns, and
// the uncited sentences counted rather than kept.
func (r *Report) Count() int {
	n := 0
	for _, c := range slices.Concat(r.Judgements, r.Notes) {
		n += len(c.Warnings) + c.Uncited
	}
	return n
}

// CoverageReport is one line for each source some of whose passages no
// note cites, at the source's first line.
func (r *Report) CoverageReport() site.Diagnostics {
	var out site.Diagnostics
	for _, c := range r.Coverage {
		if len(c.Uncited) == 0 {
			continue
		}
		out.Add(site.FileStart(c.Source.Path), "%s", c.Message())
	}
	out.Sort()
	return out
}

// Message says how much of the source no note cites.
func (c Coverage) Message() string {
	marks := make([]string, len(c.Uncited))
	for i, p := range c.Uncited {
		marks[i] = "¶" + strconv.Itoa(p.Number)
	}
	return fmt.Sprintf("%d of %d paragraphs (%d%%) are cited by no note: %s",
		len(c.Uncited), c.Passages, percent(len(c.Uncited), c.Passages), strings.Join(marks, ", "))
}

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (200*n + of) / (2 * of)
}

type auditor struct {
	idx  *resolve.Index
	opts Options
	// entities maps each folded name or alias of an entity to all its
	// folded names.
	entities map[string][]string
	// facts are what the figures rule asks of each source, made on first
	// use: notes are audited in parallel.
	facts map[*site.Source]*sourceFacts
	// notes are the notes by their documents.
	notes map[*site.Doc]*site.Note
}

// sourceFacts are the numbers of each passage of a source and its
// metadata, and its text folded for names.
type sourceFacts struct {
	once     sync.Once
	passages []map[string]bool
	meta     map[string]bool
	folded   string
}

// factsOf returns the facts of s, made once.
func (a *auditor) factsOf(s *site.Source) *sourceFacts {
	f := a.facts[s]
	f.once.Do(func() {
		f.passages = make([]map[string]bool, len(s.Passages))
		var b strings.Builder
		for i, p := range s.Passages {
			f.passages[i] = numberSet(p.Text)
			b.WriteString(p.Text)
			b.WriteByte('\n')
		}
		for _, fn := range s.Footnotes {
			b.WriteString(fn.Text)
			b.WriteByte('\n')
		}
		meta := metaOf(s)
		b.WriteString(meta)
		f.meta, f.folded = numberSet(meta), fold(b.String())
	})
	return f
}

func entityNames(c *site.Content) map[string][]string {
	out := map[string][]string{}
	for _, e := range c.Entities {
		all := []string{fold(e.Title)}
		for _, a := range e.Aliases {
			all = append(all, fold(a))
		}
		for _, n := range all {
			out[n] = append(out[n], all...)
		}
	}
	return out
}

// judgements audits the key judgements of the summary, in the blocks
// evidence.Judgements finds, as the edition record counts them.
func (a *auditor) judgements(p *resolve.Parsed) []*Claim {
	if p.AST() == nil {
		return nil
	}
	blocks := evidence.Judgements(p.AST())
	var cites []*resolve.Citation
	for _, c := range a.idx.Citations {
		if c.From == nil && c.Pos.Path == p.Doc.Path {
			cites = append(cites, c)
		}
	}
	rd := newReader(a.idx, p, cites)
	var out []*Claim
	for _, item := range blocks {
		c := &Claim{Judgement: len(out) + 1}
		first := true
		leaves(item, func(n ast.Node) {
			b := rd.read(n)
			if first {
				first = false
				c.Pos = rd.pos(b.src(0))
				c.Pos.Col = 1
				c.Title = headline(b)
			}
			for _, l := range b.links {
				if l.cite != nil {
					c.Citations = append(c.Citations, l.cite)
				}
			}
			a.check(c, rd, b, true)
		})
		if first {
			continue
		}
		a.basis(c, fmt.Sprintf("key judgement %d", c.Judgement))
		out = append(out, c)
	}
	return out
}

// headline is a judgement's bold lead-in, or its first sentence.
func headline(b *block) string {
	sents := b.sentences()
	if len(sents) == 0 {
		return ""
	}
	if len(b.bold) > 0 && b.bold[0][0] == sents[0][0] {
		return strings.TrimSpace(string(b.text[b.bold[0][0]:b.bold[0][1]]))
	}
	return string(b.text[sents[0][0]:sents[0][1]])
}

// note audits a note.
func (a *auditor) note(p *resolve.Parsed) *Claim {
	note := a.notes[p.Doc]
	c := &Claim{Note: note, Title: note.Title, Pos: site.FileStart(p.Doc.Path), Citations: a.idx.CitationsBy(p.Doc.Slug)}
	rd := newReader(a.idx, p, c.Citations)
	analytic := true
	if root := p.AST(); root != nil {
		for n := root.FirstChild(); n != nil; n = n.NextSibling() {
			if h, ok := n.(*ast.Heading); ok {
				analytic = !slices.Contains(NotAnalysis, fold(plainText(h, p.Src)))
				continue
			}
			leaves(n, func(n ast.Node) { a.check(c, rd, rd.read(n), analytic) })
		}
	}
	a.basis(c, "note")
	return c
}

// plainText is the text of a heading.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// leaves calls visit on each paragraph and list item text of n, leaving
// out headings, block quotes, code, raw HTML, tables and footnotes.
func leaves(n ast.Node, visit func(ast.Node)) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c.Kind() {
		case ast.KindHeading, ast.KindBlockquote, ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock,
			east.KindTable, east.KindFootnoteList, east.KindFootnote:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock:
			visit(c)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// check runs the sentence rules over a block of c: uncited sentences,
// when the block is analysis, and figures.
func (a *auditor) check(c *Claim, rd *reader, b *block, analytic bool) {
	sents := b.sentences()
	cites := make([]bool, len(sents))
	for k, s := range sents {
		for _, l := range b.linksIn(s[0], s[1]) {
			cites[k] = cites[k] || l.cite != nil
		}
	}
	for k, s := range sents {
		links := b.linksIn(s[0], s[1])
		if cites[k] {
			a.figures(c, b, s, links)
			continue
		}
		if !analytic || slices.ContainsFunc(links, func(l linkIn) bool { return l.defers }) || b.allBold(s[0], s[1]) || b.optedOut(sents, k) {
			continue
		}
		// A paragraph's opening sentence that the next one supports
		// with a citation introduces it; so does a closing colon.
		if k == 0 && len(sents) > 1 && cites[1] || k == len(sents)-1 && bytes.HasSuffix(b.text[s[0]:s[1]], []byte(":")) {
			continue
		}
		if a.opts.CountUncited && c.Note != nil {
			c.Uncited++
			continue
		}
		sentence := string(b.text[s[0]:s[1]])
		c.Warnings = append(c.Warnings, Warning{Pos: rd.pos(b.src(s[0])), Rule: Uncited, Sentence: sentence})
	}
}

// figures checks the numbers of each clause of the citing sentence s
// against the passages the clause cites, and its names against their
// sources.
func (a *auditor) figures(c *Claim, b *block, s [2]int, links []linkIn) {
	start := s[0]
	for _, clause := range clauses(b.text, s) {
		var cites []linkIn
		for _, l := range links {
			if l.cite != nil && l.start < clause[1] && l.end > clause[0] {
				cites = append(cites, l)
			}
		}
		if len(cites) == 0 {
			continue
		}
		var marks, slugs, whole []string
		nums := map[string]bool{}
		seen := map[string]bool{}
		for _, l := range cites {
			src, p := l.cite.Source, &l.cite.Source.Passages[l.cite.Passage]
			mark := src.Slug + " ¶" + strconv.Itoa(p.Number)
			if seen[mark] {
				continue
			}
			seen[mark] = true
			marks = append(marks, mark)
			facts := a.factsOf(src)
			maps.Copy(nums, facts.passages[l.cite.Passage])
			if !seen[src.Slug] {
				seen[src.Slug] = true
				slugs = append(slugs, src.Slug)
				whole = append(whole, facts.folded)
				// "The 2015 article": a source named by its year.
				maps.Copy(nums, facts.meta)
			}
		}
		folded := strings.Join(whole, "\n")
		found := func(f figure) bool {
			if f.kind == "number" {
				return nums[numberKey(f.text)]
			}
			name := fold(f.text)
			if slices.ContainsFunc(a.entities[name], func(alias string) bool { return strings.Contains(folded, alias) }) {
				return true
			}
			for _, w := range strings.Fields(name) {
				if !joiners[w] && !strings.Contains(folded, w) {
					return false
				}
			}
			return true
		}
		reported := map[string]bool{}
		for _, f := range slices.Concat(numbers(b.text, clause[0], clause[1]), names(b.text, clause[0], clause[1], start)) {
			if inLink(f.at, links) || reported[f.kind+f.text] || found(f) {
				continue
			}
			reported[f.kind+f.text] = true
			var msg string
			switch {
			case f.kind == "name":
				msg = fmt.Sprintf("name %q is not in %s, which it cites", f.text, strings.Join(slugs, " or "))
			case len(marks) > 1:
				msg = fmt.Sprintf("number %q is in none of the passages it cites (%s)", f.text, strings.Join(marks, ", "))
			default:
				msg = fmt.Sprintf("number %q is not in the passage it cites (%s)", f.text, marks[0])
			}
			c.Warnings = append(c.Warnings, Warning{
				Pos:      cites[0].cite.Pos,
				Rule:     Figure,
				Sentence: string(b.text[s[0]:s[1]]),
				Citation: cites[0].cite,
				message:  msg,
			})
		}
	}
}

// metaOf is what a source's metadata says of it: title, publisher,
// cite name, date and authors.
func metaOf(s *site.Source) string {
	return strings.Join(append([]string{s.Meta.Title, s.Meta.Publisher, s.Meta.Cite, s.Meta.Date}, s.Meta.Authors...), "\n")
}

// inLink reports whether text at offset at is the words of a link whose
// text the audit does not check: a quote citation's own quoted words, or
// the title or label of a link to a note, theme or entity. A quote
// citation's label is the note's own wording, and is checked.
func inLink(at int, links []linkIn) bool {
	for _, l := range links {
		if at >= l.start && at < l.end && (l.cite == nil || l.node.Label == "") {
			return true
		}
	}
	return false
}

// clauses splits the sentence s of text at its semicolons.
func clauses(text []byte, s [2]int) [][2]int {
	var out [][2]int
	from := s[0]
	for i := s[0]; i < s[1]; i++ {
		if text[i] == ';' {
			out = append(out, [2]int{from, i})
			from = i + 1
		}
	}
	return append(out, [2]int{from, s[1]})
}

// basis reports what c rests on when it is thin. what names it in the
// messages: "note", "key judgement 2".
func (a *auditor) basis(c *Claim, what string) {
	c.Basis = evidence.Of(c.Citations)
	add := func(format string, args ...any) {
		c.Warnings = append(c.Warnings, Warning{Pos: c.Pos, Rule: Basis, message: what + " " + fmt.Sprintf(format, args...)})
	}
	for _, concern := range c.Basis.Concerns() {
		switch concern {
		case evidence.NoSource:
			add("cites no source")
		case evidence.SingleSource:
			add("rests on a single source: %s", c.Basis.Uses[0].Source.Slug)
		case evidence.SingleLine:
			slugs := make([]string, len(c.Basis.Uses))
			for i, u := range c.Basis.Uses {
				slugs[i] = u.Source.Slug
			}
			add("rests on one line of reporting: %s share an author or publisher", strings.Join(slugs, ", "))
		case evidence.OnlyWeak:
			graded := make([]string, len(c.Basis.Uses))
			for i, u := range c.Basis.Uses {
				graded[i] = u.Source.Slug + " (" + u.Source.Meta.Reliability + ")"
			}
			add("rests only on sources graded D-F: %s", strings.Join(graded, ", "))
		}
	}
}
