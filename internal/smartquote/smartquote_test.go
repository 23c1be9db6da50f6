package smartquote

import "testing"

func TestCurl(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`plain`, `plain`},
		{`"Quoted" words`, `“Quoted” words`},
		{`He said "the 'base' is Russia's."`, `He said “the ‘base’ is Russia’s.”`},
		{`('a') ["b"] — "c"`, `(‘a’) [“b”] — “c”`},
		{`“already” curled`, `“already” curled`},
		{`"`, `“`},
		{`The North Caucasus link in Russia's Afghan threat perception`, `The North Caucasus link in Russia’s Afghan threat perception`},
		{`the Chechen "government" and a Chechen "embassy" opens`, `the Chechen “government” and a Chechen “embassy” opens`},
		{`nested "a 'b' c"`, `nested “a ‘b’ c”`},
		{`dash—"quote"`, `dash—“quote”`},
	} {
		if got := Curl(c.in); got != c.want {
			t.Errorf("Curl(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
