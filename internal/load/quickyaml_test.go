package load

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// quickYAMLTaken is front matter quickYAML parses itself.
var quickYAMLTaken = []string{
	"title: A note\n",
	"title: A note\ndate: 2026-11-23\nauthor: R. Hale\nthemes: [csto, bases]\nconfidence: high\n",
	"title: \"201st military base\"\nkind: base\naliases: [\"201st base\", '201st Russian base', plain one]\n",
	"title: 'It''s quoted'\nsummary: Moscow's \"hedge\", re-equipped (2021–22), see https://example.org/x?y=1.\n",
	"title:    Spaced out   \nthemes: [ a ,b,  c ]\nempty: []\nblank: [  ]\n",
	"date: 2020-01-07\nyear: 2015\nratio: 0.5\nflag: true\nnothing: null\ntilde: ~\nyes: no\nhex: 0x1F\n",
	"title: Kŭlob and Қулоб\nthemes: [Kŭlob, “quoted”, 'x']\n",
	"title: A\n\nsummary: after a blank line\n\n",
	"a: 1\na: 2\n",
	"title: The \"big\" one [sic], 50% (or so) ~ ok & more * stars! | >\n",
	"title: a@b.org `code`\n",
	"title: ends with a colon-free url http://x.org/a:b\n",
	"key_with-dash: v\nKey2: V\n",
	"title: no-break\u00a0spaces\u00a0inside\u00a0\n",
	strings.Repeat("k", 1000) + ": v\n",
}

// quickYAMLRefused is front matter quickYAML leaves to yaml.v3.
var quickYAMLRefused = []string{
	"",
	"\n",
	"\ntitle: leading blank line\n",
	"title: A # comment\n",
	"# comment\ntitle: A\n",
	"events:\n  - date: 2013\n",
	"title: >\n  folded\n",
	"title: a\n  continued\n",
	"title: \"escaped \\\" quote\"\n",
	"title: 'unclosed\n",
	"title: \"a\" b\n",
	"title: 'a' 'b'\n",
	"title: &anchor a\nother: *anchor\n",
	"title: [&a x, *a]\n",
	"title: %a\n",
	"title: @a\n",
	"title: `a`\n",
	"title: |\n  a\n",
	"title: !!str a\n",
	"title:\ttab\n",
	"title: a\r\n",
	"title:\n",
	"title: \n",
	"title:a\n",
	"title : a\n",
	"  title: a\n",
	"title: a: b\n",
	"title: a:\n",
	"title: -a\n",
	"title: [a, [b]]\n",
	"title: [a, b] c\n",
	"title: [a,, b]\n",
	"title: [\"a, b\"]\n",
	"title: [a: b]\n",
	"title: [a?]\n",
	"title: [it's]\n",
	"title: {a: b}\n",
	"<<: a\n",
	"title: <<\n",
	"title: a\u0085b\n",
	"title: a\u2028b\n",
	"title: a\x01b\n",
	"title: \"a\x7fb\"\n",
	"title: a\xffb\n",
	"---\ntitle: a\n",
	"title: a\n---\n",
	"- a\n- b\n",
	"a: b\n\u00a0\n",
	"a: b\n \u00a0\n",
	"a: b\n\n  \u3000\n",
	"a: [b]\n \u00a0\n",
	strings.Repeat("k", 1025) + ": v\n",
}

// TestQuickYAMLIsYAML checks quickYAML against yaml.v3 on front matter
// it takes and on front matter it must leave to yaml.v3, and on the
// front matter of every Markdown file of the shipped dossier.
func TestQuickYAMLIsYAML(t *testing.T) {
	for _, text := range quickYAMLTaken {
		if !sameAsYAML(t, text) {
			t.Errorf("quickYAML refused %q", text)
		}
	}
	for _, text := range quickYAMLRefused {
		var root yaml.Node
		if quickYAML(text, &root) {
			t.Errorf("quickYAML took %q", text)
		}
	}
	taken := 0
	err := filepath.WalkDir("../../content", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rest, ok := strings.CutPrefix(string(data), "---\n")
		if front, _, closed := strings.Cut(rest, "\n---\n"); ok && closed {
			if sameAsYAML(t, front+"\n") {
				taken++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if taken < 10 {
		t.Errorf("quickYAML took the front matter of %d files of the shipped dossier: the test tests little", taken)
	}
}

// sameAsYAML reports whether quickYAML takes text, and fails the test if
// it then makes another tree than yaml.v3.
func sameAsYAML(t testing.TB, text string) bool {
	t.Helper()
	var quick yaml.Node
	if !quickYAML(text, &quick) {
		return false
	}
	var want yaml.Node
	if err := yaml.Unmarshal([]byte(text), &want); err != nil {
		t.Errorf("quickYAML took %q, which yaml.v3 refuses: %v", text, err)
		return true
	}
	if !reflect.DeepEqual(quick, want) {
		t.Errorf("quickYAML made another tree of %q than yaml.v3:\n%s\nwant\n%s", text, dump(&quick), dump(&want))
	}
	return true
}

// dump shows a tree with what DeepEqual compares.
func dump(n *yaml.Node) string {
	var b strings.Builder
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		fmt.Fprintf(&b, "%*skind=%d style=%d tag=%s value=%q at=%d:%d comments=%q %q %q\n", 2*depth, "",
			n.Kind, n.Style, n.Tag, n.Value, n.Line, n.Column, n.HeadComment, n.LineComment, n.FootComment)
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// FuzzQuickYAML checks that whatever quickYAML takes, yaml.v3 takes too
// and makes the same tree of.
func FuzzQuickYAML(f *testing.F) {
	for _, text := range append(quickYAMLTaken, quickYAMLRefused...) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		sameAsYAML(t, text)
	})
}
