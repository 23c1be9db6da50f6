package html

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// convertFragment converts a fragment of a page's body as Read converts
// an article, without finding the article first.
func convertFragment(t *testing.T, fragment, title string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader("<!DOCTYPE html><body>" + fragment))
	if err != nil {
		t.Fatal(err)
	}
	base, _ := url.Parse("https://example.org/dir/page")
	c := &converter{base: base}
	notes := takeNotes(doc, c)
	c.convert(find(doc, "body"))
	return render(append(c.blocks, notes...), title)
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, html, title, want string
	}{
		{"paragraphs", "<p>One  two\nthree</p>text between<p>Four</p>",
			"", "One two three\n\ntext between\n\nFour\n"},
		{"headings from the top level", "<h2>A</h2><p>x</p><h3>B</h3><p>y</p><h2>C</h2><p>z</p>",
			"", "# A\n\nx\n\n## B\n\ny\n\n# C\n\nz\n"},
		{"headings under a title", "<h3>A</h3><p>x</p><h4>B</h4><p>y</p>",
			"The title", "# The title\n\n## A\n\nx\n\n### B\n\ny\n"},
		{"heading repeating the title", "<h1>The Title</h1><p>x</p><h2>A</h2><p>y</p>",
			"The title", "# The title\n\nx\n\n## A\n\ny\n"},
		{"heading left without its section", "<h2>A</h2><p>x</p><h2>Empty</h2><h2>B</h2><p>y</p><h3>Related</h3>",
			"", "# A\n\nx\n\n# B\n\ny\n"},
		{"heading over a subheading", "<h2>Part</h2><h3>Sub</h3><p>z</p>",
			"", "# Part\n\n## Sub\n\nz\n"},
		{"emphasis", "<p>a <em>b</em> <strong>c</strong> <em> d </em>e<b><i>f</i></b> <i></i>g</p>",
			"", "a *b* **c** *d* e**f** g\n"},
		{"emphasis is not nested", "<p><em>a <strong>b</strong> c</em></p>",
			"", "*a b c*\n"},
		{"links", `<p><a href="/x">rel</a>, <a href="https://a.org/b(c) d">abs</a>, <a href="#top">anchor</a>, ` +
			`<a href="javascript:void(0)">js</a>, <a href="mailto:a@b.org">mail</a>, <a href="https://a.org/"><em>em</em> </a>, <a href="https://a.org/"><img src=x></a>.</p>`,
			"", "[rel](https://example.org/x), [abs](https://a.org/b%28c%29%20d), anchor, js, mail, [*em*](https://a.org/) , .\n"},
		{"lists", `<ul><li>one</li><li>two <b>bold</b><ul><li>nested</li></ul></li></ul><ol start="3"><li>three<li value="7">seven<li>eight<ol><li>deep</li></ol></ol>`,
			"", "- one\n- two **bold**\n  - nested\n\n3. three\n7. seven\n8. eight\n   1. deep\n"},
		{"list item paragraphs", "<ul><li><p>first</p><p>second</p></li><li></li><li>1. numbered text</li></ul>",
			"", "- first second\n- 1\\. numbered text\n"},
		{"block quote", "<p>Before</p><blockquote><p>One</p><p>Two<br>lines</p><ul><li>item</li></ul></blockquote><p>After</p>",
			"", "Before\n\n> One\n\n> Two\n> lines\n\n> - item\n\nAfter\n"},
		{"table", `<table><caption>Exports</caption><thead><tr><th>Year</th><th>Tonnes</th><th>Note</th></tr></thead>` +
			`<tbody><tr><td>2023</td><td>1 | 2</td><td><em>est.</em></td></tr><tr><td colspan="2">Total</td><td>x<br>y</td></tr><tr><td></td><td></td><td></td></tr><tr><td>short</td></tr></tbody></table>`,
			"", "Exports\n\n| Year | Tonnes | Note |\n| --- | --- | --- |\n| 2023 | 1 \\| 2 | *est.* |\n| Total |  | x y |\n| short |  |  |\n"},
		{"layout table", "<table><tr><td><p>Only</p><p>column</p></td></tr></table>",
			"", "Only\n\ncolumn\n"},
		{"figure caption", `<figure><img src="a.jpg" alt="A picture"><figcaption>Caption <i>here</i></figcaption></figure><p>After</p>`,
			"", "Caption *here*\n\nAfter\n"},
		{"line breaks", "<p>line one<br>line two<br><br>new paragraph<br></p>",
			"", "line one\nline two\n\nnew paragraph\n"},
		{"definition list", "<dl><dt>Term</dt><dd>Definition</dd></dl>",
			"", "Term\n\nDefinition\n"},
		{"preformatted", "<pre>  line 1\n\n  * two</pre>",
			"", "line 1\n\\* two\n"},
		{"quotation marks", "<p>said <q>yes</q></p>",
			"", "said “yes”\n"},
		{"escapes at line start", "<p># not a heading</p><p>12. not a list</p><p>- dash</p><p>+ plus</p><p>&gt; quote</p><p>---</p><p>1999 was</p><p>#hashtag</p>",
			"", "\\# not a heading\n\n12\\. not a list\n\n\\- dash\n\n\\+ plus\n\n\\> quote\n\n\\---\n\n1999 was\n\n#hashtag\n"},
		{"escapes inline", `<p>a * b [x](y) [kept] &lt;b&gt; 3 &lt; 4 c\* d\e</p>`,
			"", "a \\* b \\[x](y) [kept] \\<b> 3 < 4 c\\\\\\* d\\e\n"},
		{"no scripts, media or forms", `<p>a<script>alert(1)</script><style>p{}</style> b<iframe src="x"></iframe><button>Click</button><input value="v"></p><template><p>t</p></template><noscript>Enable JS</noscript><video><p>Your browser</p></video><svg><text>svg</text></svg>`,
			"", "a b\n"},
		{"footnotes linked", `<p>Text.<sup id="r1"><a href="#fn1">1</a></sup> More<sup><a href="#fn2">[2]</a></sup> again<sup><a href="#fn1">1</a></sup>.</p>` +
			`<section class="footnotes"><h2>Notes</h2><ol><li id="fn1">First note. <a href="#r1">↩</a></li><li id="fn2"><p>2. Second <i>note</i>.</p></li></ol></section>`,
			"", "Text.[^1] More[^2] again[^1].\n\n# Notes\n\n[^1]: First note.\n\n[^2]: Second *note*.\n"},
		{"footnote anchors and asides", `<p>A claim<sup><a href="#n-a">a</a></sup> and another<a href="#side" role="doc-noteref">†</a>.</p>` +
			`<p><a name="n-a"></a>a) The anchored note.</p><aside id="side">The side note.</aside><p>After.</p>`,
			"", "A claim[^a] and another[^2].\n\nAfter.\n\n[^a]: The anchored note.\n\n[^2]: The side note.\n"},
		{"endnotes without links", `<p>One<sup>1</sup> and two<sup>2</sup>, m<sup>2</sup> no.</p><h2>Endnotes</h2><ol class="endnotes"><li>Note one.</li><li>Note two.</li></ol>`,
			"", "One[^1] and two[^2], m2 no.\n\n# Endnotes\n\n[^1]: Note one.\n\n[^2]: Note two.\n"},
		{"footnotes of other makers", `<p>Wiki<sup class="reference"><a href="#cite_note-1">[1]</a></sup> and bare<a href="#fn:2" class="footnote-ref">[2]</a> and escaped<sup><a href="#n%C3%A9">3</a></sup>.</p>` +
			`<ol class="references"><li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">^</a></span> <cite>A book</cite>.</li>` +
			`<li id="fn:2"><p>Two. <a href="#fnref:2" class="footnote-backref">↩︎</a></p></li></ol><div id="né">Three.</div>`,
			"", "Wiki[^1] and bare[^2] and escaped[^3].\n\n[^1]: A book.\n\n[^2]: Two.\n\n[^3]: Three.\n"},
		{"a link to a section is not a note", `<p>See <sup><a href="#part">above</a></sup> and<sup><a href="#s2">2</a></sup>.</p><h2 id="part">Part</h2><p>Text.</p><section id="s2"><h2>Two</h2><p>Body.</p></section>`,
			"", "See above and2.\n\n# Part\n\nText.\n\n# Two\n\nBody.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := convertFragment(t, tt.html, tt.title); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
