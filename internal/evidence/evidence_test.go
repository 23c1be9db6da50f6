package evidence

import (
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

func source(slug, publisher, reliability string, authors ...string) *site.Source {
	return &site.Source{Doc: site.Doc{Slug: slug}, Meta: site.SourceMeta{Publisher: publisher, Authors: authors, Reliability: reliability}}
}

func TestOf(t *testing.T) {
	kucera := source("kucera-2012", "Eurasianet", "B", "Joshua Kucera")
	tynan := source("tynan-2013", "Eurasianet", "B", "Deirdre Tynan")
	isas := source("isas-2021", "ISAS", "C", "unknown")
	blog := source("blog", "unknown", "E", "unknown")
	rumour := source("rumour", "unknown", "F", "unknown")
	kucera2 := source("kucera-2014", "Other Press", "C", "Joshua Kucera")
	cite := func(s *site.Source, credibility int) *resolve.Citation {
		return &resolve.Citation{Source: s, Credibility: credibility}
	}
	for _, c := range []struct {
		name                         string
		cites                        []*resolve.Citation
		uses, lines                  int
		single, singleLine, onlyWeak bool
	}{
		{"one source cited twice", []*resolve.Citation{cite(kucera, 2), cite(kucera, 0)}, 1, 1, true, true, false},
		{"one publisher is one line", []*resolve.Citation{cite(kucera, 0), cite(tynan, 0)}, 2, 1, false, true, false},
		{"one author is one line, joined through a third", []*resolve.Citation{cite(tynan, 0), cite(kucera2, 0), cite(kucera, 0)}, 3, 1, false, true, false},
		{"unknown authors and publishers share nothing", []*resolve.Citation{cite(isas, 0), cite(blog, 0), cite(rumour, 0)}, 3, 3, false, false, false},
		{"only weak sources", []*resolve.Citation{cite(blog, 5), cite(rumour, 6)}, 2, 2, false, false, true},
		{"nothing cited", nil, 0, 0, false, false, false},
	} {
		b := Of(c.cites)
		if len(b.Uses) != c.uses || len(b.Lines) != c.lines || b.SingleSource() != c.single || (len(b.Lines) == 1) != c.singleLine || b.OnlyWeak() != c.onlyWeak {
			t.Errorf("%s: %d uses, %d lines, single %v, single line %v, only weak %v; want %d, %d, %v, %v, %v",
				c.name, len(b.Uses), len(b.Lines), b.SingleSource(), b.SingleLine(), b.OnlyWeak(), c.uses, c.lines, c.single, c.singleLine, c.onlyWeak)
		}
	}
	if got := Of([]*resolve.Citation{cite(kucera, 2), cite(kucera, 0), cite(kucera, 2)}).Uses[0].Credibilities; len(got) != 2 || got[0] != 0 || got[1] != 2 {
		t.Errorf("credibilities %v, want [0 2]", got)
	}
}

func TestConcerns(t *testing.T) {
	weak := source("blog", "unknown", "E", "unknown")
	other := source("rumour", "unknown", "F", "unknown")
	strong := source("kucera-2012", "Eurasianet", "B", "Joshua Kucera")
	same := source("tynan-2013", "Eurasianet", "B", "Deirdre Tynan")
	cite := func(s *site.Source) *resolve.Citation { return &resolve.Citation{Source: s} }
	for _, c := range []struct {
		name  string
		cites []*resolve.Citation
		want  []Concern
	}{
		{"nothing cited", nil, []Concern{NoSource}},
		{"one weak source: the narrowest, and weak", []*resolve.Citation{cite(weak)}, []Concern{SingleSource, OnlyWeak}},
		{"one line", []*resolve.Citation{cite(strong), cite(same)}, []Concern{SingleLine}},
		{"two weak lines", []*resolve.Citation{cite(weak), cite(other)}, []Concern{OnlyWeak}},
		{"sound", []*resolve.Citation{cite(strong), cite(weak)}, nil},
	} {
		if got := Of(c.cites).Concerns(); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
