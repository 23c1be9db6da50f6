// Package evidence says what a piece of analysis rests on: the sources
// its quote citations cite, their grades, and how many independent lines
// of reporting they are. The note pages, the evidence audit and its pages
// share these rules.
//
// Two sources are independent unless they share an author or a publisher
// (an "unknown" one shares nothing): two Eurasianet articles, or two
// papers by one scholar, are one line of reporting however often they are
// cited. Independence is transitive here: sources joined through a third
// are one line.
package evidence

import (
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/yuin/goldmark/ast"
)

// Use is a source as a piece of analysis uses it.
type Use struct {
	Source *site.Source
	// Citations counts the citations of it; Credibilities lists the
	// grades they give, each once, in order, 0 for none given.
	Citations     int
	Credibilities []int
}

// Basis is what a piece of analysis rests on.
type Basis struct {
	// Uses are the sources cited, in the order first cited.
	Uses []Use
	// Lines groups the sources into independent lines of reporting, in
	// the order first cited.
	Lines [][]*site.Source
}

// Of is the basis of a piece of analysis making citations.
func Of(citations []*resolve.Citation) Basis {
	var b Basis
	at := map[*site.Source]int{}
	for _, c := range citations {
		i, ok := at[c.Source]
		if !ok {
			i = len(b.Uses)
			at[c.Source] = i
			b.Uses = append(b.Uses, Use{Source: c.Source})
		}
		u := &b.Uses[i]
		u.Citations++
		if !slices.Contains(u.Credibilities, c.Credibility) {
			u.Credibilities = append(u.Credibilities, c.Credibility)
			slices.Sort(u.Credibilities)
		}
	}
	b.Lines = lines(b.Uses)
	return b
}

// SingleSource reports whether the analysis cites one source only.
func (b Basis) SingleSource() bool { return len(b.Uses) == 1 }

// SingleLine reports whether the analysis cites sources that are all one
// line of reporting.
func (b Basis) SingleLine() bool { return len(b.Lines) == 1 }

// OnlyWeak reports whether every source cited is graded D to F: not
// usually reliable, unreliable, or not to be judged.
func (b Basis) OnlyWeak() bool {
	if len(b.Uses) == 0 {
		return false
	}
	for _, u := range b.Uses {
		if !Weak(u.Source) {
			return false
		}
	}
	return true
}

// Weak reports whether a source is graded D, E or F.
func Weak(s *site.Source) bool {
	switch s.Meta.Reliability {
	case "D", "E", "F":
		return true
	}
	return false
}

// lines groups the sources of uses by shared author or publisher.
func lines(uses []Use) [][]*site.Source {
	group := make([]int, len(uses))
	for i := range group {
		group[i] = i
	}
	find := func(i int) int {
		for group[i] != i {
			i = group[i]
		}
		return i
	}
	for i := range uses {
		for j := range i {
			if related(uses[i].Source, uses[j].Source) {
				a, b := find(i), find(j)
				group[max(a, b)] = min(a, b)
			}
		}
	}
	var out [][]*site.Source
	index := map[int]int{}
	for i, u := range uses {
		root := find(i)
		k, ok := index[root]
		if !ok {
			k = len(out)
			index[root] = k
			out = append(out, nil)
		}
		out[k] = append(out[k], u.Source)
	}
	return out
}

// related reports whether two sources share an author or a publisher.
func related(a, b *site.Source) bool {
	if known(a.Meta.Publisher) && strings.EqualFold(a.Meta.Publisher, b.Meta.Publisher) {
		return true
	}
	for _, x := range a.Meta.Authors {
		for _, y := range b.Meta.Authors {
			if known(x) && strings.EqualFold(x, y) {
				return true
			}
		}
	}
	return false
}

func known(s string) bool { return s != "" && !strings.EqualFold(s, "unknown") }

// Judgements are the blocks of the summary that hold its key judgements:
// the items of its first top-level list, numbered or bulleted, or, when
// it has no list, its paragraphs before its first heading. The edition
// record and the audit count them alike.
func Judgements(summary ast.Node) []ast.Node {
	var blocks []ast.Node
	for n := summary.FirstChild(); n != nil; n = n.NextSibling() {
		if l, ok := n.(*ast.List); ok {
			for item := l.FirstChild(); item != nil; item = item.NextSibling() {
				blocks = append(blocks, item)
			}
			return blocks
		}
	}
	for n := summary.FirstChild(); n != nil; n = n.NextSibling() {
		if _, ok := n.(*ast.Heading); ok {
			break
		}
		if _, ok := n.(*ast.Paragraph); ok {
			blocks = append(blocks, n)
		}
	}
	return blocks
}

// Concern is a way a basis is thin.
type Concern int

// The ways a basis can be thin.
const (
	// NoSource: it cites no source.
	NoSource Concern = iota + 1
	// SingleSource: it cites one source.
	SingleSource
	// SingleLine: its sources are one line of reporting.
	SingleLine
	// OnlyWeak: every source it cites is graded D to F.
	OnlyWeak
)

// Concerns lists the ways b is thin: the narrowest of NoSource,
// SingleSource and SingleLine that holds, if any, then OnlyWeak if it
// holds. The note pages, the audit and the evidence page word them each
// their own way.
func (b Basis) Concerns() []Concern {
	var out []Concern
	switch {
	case len(b.Uses) == 0:
		out = append(out, NoSource)
	case b.SingleSource():
		out = append(out, SingleSource)
	case b.SingleLine():
		out = append(out, SingleLine)
	}
	if b.OnlyWeak() {
		out = append(out, OnlyWeak)
	}
	return out
}
