package resolve

import (
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

func TestCiteMark(t *testing.T) {
	s := &site.Source{Doc: site.Doc{Slug: "comillas-2015"}, Meta: site.SourceMeta{Cite: "Comillas 2015"}}
	tests := []struct {
		p    site.Passage
		want string
	}{
		{site.Passage{Number: 23}, "Comillas 2015 ¶23"},
		{site.Passage{Number: 23, Pages: site.PageRange{First: 48, Last: 48}}, "Comillas 2015, p. 48, ¶23"},
		{site.Passage{Number: 23, Pages: site.PageRange{First: 48, Last: 49}}, "Comillas 2015, pp. 48–49, ¶23"},
		{site.Passage{Pages: site.PageRange{First: 48, Last: 48}}, "Comillas 2015, p. 48"},
		{site.Passage{}, "Comillas 2015"},
	}
	for _, tt := range tests {
		if got := CiteMark(s, &tt.p); got != tt.want {
			t.Errorf("CiteMark(%+v) = %q, want %q", tt.p, got, tt.want)
		}
	}
	s.Meta.Cite = ""
	if got := CiteMark(s, &site.Passage{Number: 2}); got != "comillas-2015 ¶2" {
		t.Errorf("without a cite name: %q", got)
	}
}
