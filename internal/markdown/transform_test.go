package markdown

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
)

// Joining Text nodes must not change a rendering: the documents render
// as they do with every node goldmark's parser made.
func TestMergedTextRendersTheSame(t *testing.T) {
	sameRendering(t, "merging text", New(), newMarkdown(quickWriter{html.DefaultWriter}))
}

func TestMergeTextJoinsPlainRuns(t *testing.T) {
	tests := []struct {
		src  string
		want string // the paragraph's children: T for Text (with its text), other kinds by name
	}{
		{"one two three", "T(one two three)"},
		{"one *two* three four", "T(one ) Emphasis T( three four)"},
		{"first line ends\nsecond line too", "T(first line ends)+soft T(second line too)"},
		{"hard break  \nnext line", "T(hard break)+hard T(next line)"},
		{"a `code span` b", "T(a ) CodeSpan T( b)"},
		{`escaped \* star and more`, `T(escaped \* star and more)`},
		{"&amp; entity and more", "T(&amp; entity and more)"},
		{"see [[note-x]] and more", "T(see ) Wikilink T( and more)"},
		{"it's a test of more", "T(it) String T(s a test of more)"},
		{"one, two - three.", "T(one, two - three.)"},
		{"a <b> c, d", "T(a ) RawHTML T( c, d)"},
		{"see me@x.org, ok. and more", "T(see ) AutoLink T(, ok. and more)"},
	}
	for _, tt := range tests {
		src := []byte(tt.src)
		para := New().Parse(src).FirstChild()
		var got []string
		for c := para.FirstChild(); c != nil; c = c.NextSibling() {
			text, ok := c.(*ast.Text)
			if !ok {
				got = append(got, c.Kind().String())
				continue
			}
			s := "T(" + string(text.Segment.Value(src)) + ")"
			if text.SoftLineBreak() {
				s += "+soft"
			}
			if text.HardLineBreak() {
				s += "+hard"
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, g, tt.want)
		}
	}
}

// Every fenced code block, nested or not, has its language stored when
// Parse returns, so that renderings only read it. goldmark keeps it in
// an unexported field; a rename there fails this test rather than
// passing it.
func TestCodeLanguagesAreSettledAtParse(t *testing.T) {
	src := []byte("```go\nx := 1\n```\n\n- In a list:\n\n  ```sh\n  ls\n  ```\n\n> ```py\n> pass\n> ```\n\nA note[^1].\n\n[^1]: With code:\n\n    ```js\n    f()\n    ```\n")
	blocks := 0
	_ = ast.Walk(New().Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if code, ok := n.(*ast.FencedCodeBlock); ok && entering {
			blocks++
			if stored := reflect.ValueOf(code).Elem().FieldByName("language"); stored.Len() == 0 {
				t.Errorf("code block at line %d: language not stored at parse", bytes.Count(src[:code.Lines().At(0).Start], []byte("\n"))+1)
			}
		}
		return ast.WalkContinue, nil
	})
	if blocks != 4 {
		t.Errorf("found %d code blocks, want 4", blocks)
	}
}
