package load

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// A cleaning rule names body lines; one that names no line of the body
// would silently do nothing, so it is an error at the number.
func TestCleaningRuleLines(t *testing.T) {
	const body = "one\ntwo\n\nfour\n" // four lines; the third is blank
	const tail = ": the body has lines 1 to 4, counted from the line after the front matter"
	tests := []struct {
		name  string
		rules string // the cleaning block, at file line 3
		body  string
		want  []string
	}{
		{"in range", "cleaning:\n  drop: [1, 4]\n  keep: [2]\n  break_before: [4]\n  join_before: [3]\n", body, nil},
		{"past the end and negative", "cleaning:\n  drop: [99999, -1]\n", body, []string{
			`c/sources/s.txt:4:10: cleaning rule drop: there is no body line 99999` + tail,
			`c/sources/s.txt:4:17: cleaning rule drop: there is no body line -1` + tail,
		}},
		{"zero, in a block list", "cleaning:\n  keep:\n    - 2\n    - 0\n", body, []string{
			`c/sources/s.txt:6:7: cleaning rule keep: there is no body line 0` + tail,
		}},
		{"every rule", "cleaning: {break_before: [5], join_before: [6], drop: [7], keep: [8]}\n", body, []string{
			`c/sources/s.txt:3:27: cleaning rule break_before: there is no body line 5` + tail,
			`c/sources/s.txt:3:45: cleaning rule join_before: there is no body line 6` + tail,
			`c/sources/s.txt:3:56: cleaning rule drop: there is no body line 7` + tail,
			`c/sources/s.txt:3:67: cleaning rule keep: there is no body line 8` + tail,
		}},
		{"a last line without its line end counts", "cleaning:\n  drop: [2]\n", "one\ntwo", nil},
		{"one past a last line without its line end", "cleaning:\n  drop: [3]\n", "one\ntwo", []string{
			`c/sources/s.txt:4:10: cleaning rule drop: there is no body line 3: the body has lines 1 to 2, counted from the line after the front matter`,
		}},
		{"list made by an alias, at the alias", "authors: &l [9]\ncleaning:\n  drop: *l\n", body, []string{
			`c/sources/s.txt:5:9: cleaning rule drop: there is no body line 9` + tail,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := "---\ntitle: S\n" + tt.rules + "---\n" + tt.body
			_, diags := Load(withConfig(fstest.MapFS{"sources/s.txt": {Data: []byte(data)}}), "c")
			if got := diagStrings(diags); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
