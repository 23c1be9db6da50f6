package site

import (
	"slices"
	"strings"
	"testing"
)

func TestDiagnosticsSort(t *testing.T) {
	tests := []struct {
		name string
		in   []Diagnostic
		want []string
	}{
		{"by path, line, column and message",
			[]Diagnostic{
				{Pos{"b.md", 1, 1}, "x"},
				{Pos{"a.md", 2, 1}, "x"},
				{Pos{"a.md", 1, 9}, "x"},
				{Pos{"a.md", 1, 2}, "y"},
				{Pos{"a.md", 1, 2}, "x"},
			},
			[]string{"a.md:1:2: x", "a.md:1:2: y", "a.md:1:9: x", "a.md:2:1: x", "b.md:1:1: x"}},
		{"identical ones once",
			[]Diagnostic{
				{Pos{"a.md", 3, 7}, "cannot unmarshal a list into string"},
				{Pos{"a.md", 3, 7}, "cannot unmarshal a list into string"},
				{Pos{"a.md", 3, 7}, "cannot unmarshal a list into string"},
				{Pos{"a.md", 3, 8}, "cannot unmarshal a list into string"},
			},
			[]string{"a.md:3:7: cannot unmarshal a list into string", "a.md:3:8: cannot unmarshal a list into string"}},
		{"none", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Diagnostics(slices.Clone(tt.in))
			ds.Sort()
			var got []string
			for _, d := range ds {
				got = append(got, d.Error())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestPosString(t *testing.T) {
	for _, tt := range []struct {
		pos  Pos
		want string
	}{
		{FileStart("content/notes/a.md"), "content/notes/a.md:1:1"},
		{Pos{"a.md", 12, 5}, "a.md:12:5"},
	} {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}
