package extract

import (
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

func TestKey(t *testing.T) {
	taken := map[string]bool{"kucera-2012": true, "kucera-2012b": true}
	tests := []struct {
		name      string
		m         site.SourceMeta
		key, cite string
	}{
		{"surname and year", site.SourceMeta{Authors: []string{"Deirdre Tynan"}, Date: "2013-05-02"}, "tynan-2013", "Tynan 2013"},
		{"surname first", site.SourceMeta{Authors: []string{"Kucera, Joshua"}, Date: "2012"}, "kucera-2012c", "Kucera 2012c"},
		{"accents and Cyrillic", site.SourceMeta{Authors: []string{"Lucía Moreno Galán"}, Date: "2024"}, "galan-2024", "Galán 2024"},
		{"Cyrillic", site.SourceMeta{Authors: []string{"Дмитрий Тренин"}, Date: "2019"}, "trenin-2019", "Тренин 2019"},
		{"an organisation by its initials", site.SourceMeta{Authors: []string{"World Health Organization"}, Date: "2024-01"}, "who-2024", "WHO 2024"},
		{"no author: the publisher", site.SourceMeta{Publisher: "Eurasianet", Date: "2012"}, "eurasianet-2012", "Eurasianet 2012"},
		{"no author, no publisher: the title", site.SourceMeta{Title: "The State of the Caspian", Date: "unknown"}, "state-caspian-nd", "State Caspian n.d."},
		{"nothing: the file name", site.SourceMeta{}, "report-final-nd", "report final n.d."},
		{"unknown author", site.SourceMeta{Authors: []string{"unknown"}, Publisher: "Springer", Date: "2022"}, "springer-2022", "Springer 2022"},
	}
	for _, tt := range tests {
		key, cite := Key(tt.m, "report_final", func(k string) bool { return taken[k] })
		if key != tt.key || cite != tt.cite {
			t.Errorf("%s: Key = %q, %q; want %q, %q", tt.name, key, cite, tt.key, tt.cite)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		path, data, want string
	}{
		{"a.pdf", "%PDF-1.7", PDF},
		{"a.bin", "%PDF-1.4\n", PDF},
		{"page.txt", "\ufeff<!DOCTYPE html><html>", HTML},
		{"page.htm", "<p>x", HTML},
		{"page", "  <html lang=en>", HTML},
		{"notes.md", "# Title", Markdown},
		{"notes.markdown", "text", Markdown},
		{"extract.txt", "Plain text.", Plain},
		{"empty", "", Plain},
	}
	for _, tt := range tests {
		if got := Format(tt.path, []byte(tt.data)); got != tt.want {
			t.Errorf("Format(%q, %q) = %q, want %q", tt.path, tt.data, got, tt.want)
		}
	}
}

func TestOwnFrontMatter(t *testing.T) {
	doc := "---\ntitle: T\nauthor: A. Writer\ndate: 2020\ncleaning:\n  drop: [8]\n---\nfirst\nsecond\n"
	m, rules, body := ownFrontMatter(doc)
	if m.Title != "T" || !slices.Equal(m.Authors, []string{"A. Writer"}) || m.Date != "2020" {
		t.Errorf("meta = %+v", m)
	}
	if body != "first\nsecond\n" || !slices.Equal(rules.Drop, []int{1}) {
		t.Errorf("body %q, drop %v; want the body and its line 1 (file line 8)", body, rules.Drop)
	}
	if _, _, body := ownFrontMatter("no front matter\n"); body != "no front matter\n" {
		t.Errorf("a text without front matter lost text: %q", body)
	}
}
