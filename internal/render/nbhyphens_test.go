package render

import "testing"

func TestNbHyphens(t *testing.T) {
	for _, c := range [][2]string{
		{`Afghanistan, 2012-2022`, "Afghanistan, 2012\u20112022"},
		{`pp. 44-57 and 1-2`, "pp. 44\u201157 and 1\u20112"},
		{`cross-border, x-1, 2-y, -3, 4-`, `cross-border, x-1, 2-y, -3, 4-`},
		{`2012–2022`, `2012–2022`},
	} {
		if got := nbHyphens(c[0]); got != c[1] {
			t.Errorf("nbHyphens(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}
