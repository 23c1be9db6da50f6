package markdown

import (
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
