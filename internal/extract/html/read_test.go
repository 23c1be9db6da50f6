package html

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkReadLargePage reads a 700 kB page of 3,000 paragraphs, each
// with a footnote, between link lists.
func BenchmarkReadLargePage(b *testing.B) {
	var page strings.Builder
	page.WriteString("<html><head><title>Large</title></head><body><nav><ul>")
	for i := range 200 {
		fmt.Fprintf(&page, "<li><a href='/s%d'>Section %d</a></li>", i, i)
	}
	page.WriteString("</ul></nav><article><h1>Large</h1>")
	for i := range 3000 {
		fmt.Fprintf(&page, "<div class='block'><div><p>Paragraph %d with some words in it, enough to be text, and a <a href='/x%d'>link</a> and a note.<sup><a href='#fn%d'>%d</a></sup></p></div></div>", i, i, i+1, i+1)
		if i%100 == 0 {
			fmt.Fprintf(&page, "<h2>Part %d</h2><ul><li><a href='/r%d'>Related one</a></li><li><a href='/q'>Related two</a></li></ul>", i, i)
		}
	}
	page.WriteString("<ol class='footnotes'>")
	for i := range 3000 {
		fmt.Fprintf(&page, "<li id='fn%d'>Note %d text. <a href='#r'>↩</a></li>", i+1, i+1)
	}
	page.WriteString("</ol></article></body></html>")
	b.SetBytes(int64(page.Len()))
	for b.Loop() {
		if _, err := Read(strings.NewReader(page.String()), ""); err != nil {
			b.Fatal(err)
		}
	}
}
