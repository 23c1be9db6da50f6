package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-dev/dossier/internal/site"
)

// Dates are sorted as text and written into feed.xml as they are, so a
// day that its month does not have is an error wherever a date is
// written, at the date.
func TestDates(t *testing.T) {
	note := func(date string) fstest.MapFS {
		return fstest.MapFS{"notes/n.md": {Data: []byte("---\ntitle: N\ndate: " + date + "\n---\n")}}
	}
	event := func(date string) fstest.MapFS {
		return fstest.MapFS{"notes/n.md": {Data: []byte("---\ntitle: N\nevents:\n  - date: " + date + "\n    text: T\n    cite: x\n---\n")}}
	}
	timeline := func(date string) fstest.MapFS {
		return fstest.MapFS{"timeline.yaml": {Data: []byte("- text: T\n  date: " + date + "\n  cite: x\n")}}
	}
	config := func(date string) fstest.MapFS {
		return fstest.MapFS{"dossier.yaml": {Data: []byte("title: T\ndate: " + date + "\n")}}
	}
	source := func(date string) fstest.MapFS {
		return fstest.MapFS{"sources/s.txt": {Data: []byte("---\ntitle: S\ndate: " + date + "\n---\nText.\n")}}
	}
	tests := []struct {
		name string
		fsys fstest.MapFS
		want string // "" for none
	}{
		{"note, a year", note("2013"), ""},
		{"note, a month", note("2013-09"), ""},
		{"note, a day", note("2013-09-17"), ""},
		{"note, a leap day", note("2024-02-29"), ""},
		{"note, quoted", note(`"2013-09-17"`), ""},
		{"note, 31 February", note("2023-02-31"), `c/notes/n.md:3:7: invalid date "2023-02-31": 2023-02 has 28 days`},
		{"note, 29 February of a common year", note("2023-02-29"), `c/notes/n.md:3:7: invalid date "2023-02-29": 2023-02 has 28 days`},
		{"note, 31 April", note("'2023-04-31'"), `c/notes/n.md:3:7: invalid date "2023-04-31": 2023-04 has 30 days`},
		{"note, month 13", note("2013-13"), `c/notes/n.md:3:7: invalid date "2013-13": write YYYY, YYYY-MM or YYYY-MM-DD`},
		{"note, in words", note("24 May"), `c/notes/n.md:3:7: invalid date "24 May": write YYYY, YYYY-MM or YYYY-MM-DD`},
		{"event, a day", event("2013-09-17"), ""},
		{"event, 31 June", event("2013-06-31"), `c/notes/n.md:4:11: invalid event date "2013-06-31": 2013-06 has 30 days`},
		{"timeline, 30 February", timeline("2000-02-30"), `c/timeline.yaml:2:9: invalid event date "2000-02-30": 2000-02 has 29 days`},
		{"dossier.yaml, a day", config("2026-11-23"), ""},
		{"dossier.yaml, 31 November", config("2026-11-31"), `c/dossier.yaml:2:7: invalid date "2026-11-31": 2026-11 has 30 days`},
		{"dossier.yaml, in words", config("November 2026"), `c/dossier.yaml:2:7: invalid date "November 2026": write YYYY, YYYY-MM or YYYY-MM-DD`},
		{"source, unknown", source("unknown"), ""},
		{"source, approximate", source("c. 2012"), ""},
		{"source, a day", source("2015-03-01"), ""},
		{"source, 31 September", source("2015-09-31"), `c/sources/s.txt:3:7: invalid date "2015-09-31": 2015-09 has 30 days`},
		{"source, month 00", source("2015-00"), `c/sources/s.txt:3:7: invalid date "2015-00": write YYYY, YYYY-MM or YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := Load(withConfig(tt.fsys), "c")
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if got := diagStrings(diags); !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

// diagStrings returns the diagnostics as check prints them.
func diagStrings(ds site.Diagnostics) []string {
	ds.Sort()
	var lines []string
	for _, d := range ds {
		lines = append(lines, d.Error())
	}
	return lines
}
