package load

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// A cleaning rule names lines of the file, front matter included; one
// that names no line of the source's text would silently do nothing, so
// it is an error at the number. Load hands cleaning the body lines.
func TestCleaningRuleLines(t *testing.T) {
	const body = "one\ntwo\n\nfour\n" // four lines; the third is blank
	// In rules and messages, {bN} is body line N as a file line, and
	// {range} the text's lines as a message gives them.
	tests := []struct {
		name  string
		rules string // the cleaning block, at file line 3
		body  string
		want  []string
		drop  []int // the body lines cleaning gets
	}{
		{"in range", "cleaning:\n  drop: [{b1}, {b4}]\n  keep: [{b2}]\n  break_before: [{b4}]\n  join_before: [{b3}]\n", body, nil, []int{1, 4}},
		{"past the end and negative", "cleaning:\n  drop: [99999, -1]\n", body, []string{
			`c/sources/s.txt:4:10: cleaning rule drop: line 99999 is not a line of the source's text, which runs {range}`,
			`c/sources/s.txt:4:17: cleaning rule drop: line -1 is not a line of the source's text, which runs {range}`,
		}, nil},
		{"in the front matter", "cleaning:\n  keep:\n    - {b2}\n    - 2\n", body, []string{
			`c/sources/s.txt:6:7: cleaning rule keep: line 2 is not a line of the source's text, which runs {range}`,
		}, nil},
		{"every rule", "cleaning: {break_before: [{b5}], join_before: [{b6}], drop: [{b7}], keep: [{b8}]}\n", body, []string{
			`c/sources/s.txt:3:27: cleaning rule break_before: line {b5} is not a line of the source's text, which runs {range}`,
			`c/sources/s.txt:3:45: cleaning rule join_before: line {b6} is not a line of the source's text, which runs {range}`,
			`c/sources/s.txt:3:57: cleaning rule drop: line {b7} is not a line of the source's text, which runs {range}`,
			`c/sources/s.txt:3:69: cleaning rule keep: line {b8} is not a line of the source's text, which runs {range}`,
		}, nil},
		{"a last line without its line end counts", "cleaning:\n  drop: [{b2}]\n", "one\ntwo", nil, []int{2}},
		{"one past a last line without its line end", "cleaning:\n  drop: [{b3}]\n", "one\ntwo", []string{
			`c/sources/s.txt:4:10: cleaning rule drop: line {b3} is not a line of the source's text, which runs {range}`,
		}, nil},
		{"list made by an alias, at the alias", "authors: &l [{b9}]\ncleaning:\n  drop: *l\n", body, []string{
			`c/sources/s.txt:5:9: cleaning rule drop: line {b9} is not a line of the source's text, which runs {range}`,
		}, nil},
	}
	placeholder := regexp.MustCompile(`\{b(\d+)\}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first := 4 + strings.Count(tt.rules, "\n")
			last := first + strings.Count(tt.body, "\n") - 1
			if !strings.HasSuffix(tt.body, "\n") {
				last++
			}
			fill := func(s string) string {
				s = placeholder.ReplaceAllStringFunc(s, func(m string) string {
					n, _ := strconv.Atoi(m[2 : len(m)-1])
					return strconv.Itoa(first + n - 1)
				})
				return strings.ReplaceAll(s, "{range}", fmt.Sprintf("from line %d to %d", first, last))
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, fill(w))
			}
			data := "---\ntitle: S\n" + fill(tt.rules) + "---\n" + tt.body
			c, diags := Load(withConfig(fstest.MapFS{"sources/s.txt": {Data: []byte(data)}}), "c")
			if got := diagStrings(diags); !slices.Equal(got, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if len(c.Sources) == 1 && !slices.Equal(c.Sources[0].Rules.Drop, tt.drop) {
				t.Errorf("cleaning gets drop %v, want body lines %v", c.Sources[0].Rules.Drop, tt.drop)
			}
		})
	}
}
