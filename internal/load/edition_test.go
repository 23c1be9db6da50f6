package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// edition names the edition; previous_edition names the earlier one's
// edition.json, a .json file inside the content folder, which is read
// as it is (package edition decodes it).
func TestEditionConfig(t *testing.T) {
	const outside = `" is not the path of a .json file inside the content folder, such as editions/2026-11.json`
	tests := []struct {
		yaml     string // the lines after the title
		previous string // the loaded file's path, if any
		diag     string
	}{
		{"edition: 2026-12 (2nd)\nprevious_edition: editions/2026-11.json", "c/editions/2026-11.json", ""},
		{"previous_edition: old.json", "c/old.json", ""},
		{"previous_edition: ../old.json", "", `c/dossier.yaml:2:19: previous_edition "../old.json` + outside},
		{"previous_edition: /etc/old.json", "", `c/dossier.yaml:2:19: previous_edition "/etc/old.json` + outside},
		{"previous_edition: editions/./2026-11.json", "", `c/dossier.yaml:2:19: previous_edition "editions/./2026-11.json` + outside},
		{"previous_edition: index.md", "", `c/dossier.yaml:2:19: previous_edition "index.md` + outside},
		{"previous_edition: editions/2026-10.json", "", `c/dossier.yaml:2:19: previous_edition "editions/2026-10.json": no such file in the content folder (copy the earlier edition's edition.json there)`},
		{"edition: \"one\\ntwo\"", "", `c/dossier.yaml:2:10: edition "one\ntwo" is more than one line: name it in a few words, such as 2026-12 (2nd)`},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			fsys := fstest.MapFS{
				"dossier.yaml":          {Data: []byte("title: T\n" + tt.yaml + "\n")},
				"index.md":              {Data: []byte("Summary.\n")},
				"old.json":              {Data: []byte(`{"format": 1}`)},
				"editions/2026-11.json": {Data: []byte(`{"format": 1}`)},
			}
			c, diags := Load(fsys, "c")
			var want []string
			if tt.diag != "" {
				want = []string{tt.diag}
			}
			if got := diagStrings(diags); !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.diag)
			}
			got := ""
			if c.Previous != nil {
				got = c.Previous.Path
				if c.Previous.Body != `{"format": 1}` {
					t.Errorf("previous edition read as %q", c.Previous.Body)
				}
			}
			if got != tt.previous {
				t.Errorf("previous edition %q, want %q", got, tt.previous)
			}
		})
	}
}
