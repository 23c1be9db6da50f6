package wikilink_test

import (
	"bytes"
	"flag"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// fakeTargets stands in for the resolver's index.
var fakeTargets = map[string]wikilink.Link{
	"isas-2021": {Href: "sources/isas-2021/", PrintHref: "#src-isas-2021", Title: "Uncertainty in Afghanistan"},
	"note-x":    {Href: "notes/x/", PrintHref: "#note-x", Title: `Risks & "rewards" <b>`, Summary: "Russia weighs <risks> & rewards."},
	// A page the print edition leaves out.
	"web-only": {Href: "themes/web-only/", Title: "Web only"},
}

// links is the test's stand-in for the resolver: it links the nodes of doc
// to fakeTargets. Any quote resolves, to passage 3 of its source, unless
// it contains "not in the source" or the target is not a source.
func links(doc ast.Node) wikilink.Links {
	var out wikilink.Links
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*wikilink.Node); ok && entering && w.Err == "" {
			out = append(out, make(wikilink.Links, max(w.Index+1-len(out), 0))...)
			out[w.Index] = resolve(w)
		}
		return ast.WalkContinue, nil
	})
	return out
}

func resolve(n *wikilink.Node) *wikilink.Link {
	link, ok := fakeTargets[n.Target]
	if !ok {
		return nil
	}
	if n.Quote != "" {
		if !strings.HasPrefix(link.Href, "sources/") || strings.Contains(n.Quote, "not in the source") {
			return nil
		}
		link.Href += "#p-3"
		link.PrintHref += "-p-3"
		link.Mark = "ISAS 2021 ¶3"
		link.Excerpt = wikilink.Excerpt{Before: "Passage 3: ", Words: n.Quote, After: " and more."}
	}
	return &link
}

// newMarkdown returns a goldmark with the wikilink parser, for parsing.
func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(wikilink.Extension, extension.Table, extension.Footnote))
}

// convert parses src, resolves its links and renders it, as the dossier
// does. A first line "%set name=value ..." sets the rendering's Options
// (root, print, prefix) and is not part of the document.
func convert(src []byte) ([]byte, error) {
	var o wikilink.Options
	if rest, ok := bytes.CutPrefix(src, []byte("%set ")); ok {
		line, body, _ := bytes.Cut(rest, []byte("\n"))
		for _, kv := range strings.Fields(string(line)) {
			switch name, value, _ := strings.Cut(kv, "="); name {
			case "root":
				o.Root = value
			case "print":
				o.Print = value == "true"
			case "prefix":
				o.Prefix = value
			}
		}
		src = body
	}
	md := newMarkdown()
	doc := md.Parser().Parse(text.NewReader(src))
	o.Links = links(doc)
	r := renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(html.NewRenderer(), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
		util.Prioritized(wikilink.NewHTMLRenderer(o), 500),
	))
	var out bytes.Buffer
	err := r.Render(&out, src, doc)
	return out.Bytes(), err
}

var update = flag.Bool("update", false, "rewrite the expected HTML in testdata/wikilink.txt with the actual output")

const casesFile = "testdata/wikilink.txt"

// TestWikilink runs the cases in testdata/wikilink.txt: Markdown and the
// HTML expected from it, in goldmark's test case format. Run one case with
// go test -run TestWikilink -args case=12.
func TestWikilink(t *testing.T) {
	if *update {
		updateCases(t)
	}
	testutil.DoTestCaseFile(converter{newMarkdown()}, casesFile, t, testutil.ParseCliCaseArg()...)
}

// converter is a goldmark.Markdown whose Convert is convert, for
// goldmark's test case runner.
type converter struct{ goldmark.Markdown }

func (converter) Convert(src []byte, w io.Writer, _ ...parser.ParseOption) error {
	out, err := convert(src)
	if err == nil {
		_, err = w.Write(out)
	}
	return err
}

// updateCases rewrites the expected output of every case; review the
// change with git diff.
func updateCases(t *testing.T) {
	data, err := os.ReadFile(casesFile)
	if err != nil {
		t.Fatal(err)
	}
	const sep = "//- - - - - - - - -//\n"
	// The expected HTML may be empty: match it lazily and optionally.
	re := regexp.MustCompile(`(?s)` + sep + `(.*?)\n` + sep + `(?:.*?\n)??(//= = =)`)
	data = re.ReplaceAllFunc(data, func(c []byte) []byte {
		m := re.FindSubmatch(c)
		out, err := convert(m[1])
		if err != nil {
			t.Fatal(err)
		}
		return slices.Concat([]byte(sep), m[1], []byte("\n"+sep), bytes.TrimRight(out, "\n"), []byte("\n"), m[2])
	})
	if err := os.WriteFile(casesFile, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestScan(t *testing.T) {
	tests := []struct {
		in                   string
		target, quote, label string
		credibility          int
		err                  string
		size                 int // -1: len(in)
	}{
		{in: `[[isas-2021]]`, target: "isas-2021", size: -1},
		{in: `[[isas-2021]] and more`, target: "isas-2021", size: 13},
		{in: `[[ isas-2021 ]]`, target: "isas-2021", size: -1},
		{in: `[[isas-2021|the ISAS brief]]`, target: "isas-2021", label: "the ISAS brief", size: -1},
		{in: `[[isas-2021\|in a table]]`, target: "isas-2021", label: "in a table", size: -1},
		{in: `[[isas-2021|a|b]]`, target: "isas-2021", label: "a|b", size: -1},
		{in: `[[isas-2021|a ] b]]`, target: "isas-2021", label: "a ] b", size: -1},
		{in: `[[comillas-2015#"held in Sochi"]]`, target: "comillas-2015", quote: "held in Sochi", size: -1},
		{in: `[[comillas-2015#"held in Sochi"|the exercise]]`, target: "comillas-2015", quote: "held in Sochi", label: "the exercise", size: -1},
		{in: `[[comillas-2015#“held in Sochi”]]`, target: "comillas-2015", quote: "held in Sochi", size: -1},
		{in: `[[comillas-2015#“held in Sochi"]]`, target: "comillas-2015", quote: "held in Sochi", size: -1},
		{in: `[[comillas-2015 # "held in Sochi"]]`, target: "comillas-2015", quote: "held in Sochi", size: -1},
		{in: `[[c#"a | b ] c # d 'e' ]] f"]]`, target: "c", quote: "a | b ] c # d 'e' ]] f", size: -1},
		{in: `[[c#"he said "no" twice"]]`, target: "c", quote: `he said "no" twice`, size: -1},
		{in: `[[c#"a|b"|label]]`, target: "c", quote: "a|b", label: "label", size: -1},
		{in: `[[c#"a \| b"\|label]]`, target: "c", quote: "a | b", label: "label", size: -1},
		{in: "[[c#\n\"largest\n  grouping\"|the\n201st]]", target: "c", quote: "largest grouping", label: "the 201st", size: -1},
		{in: `[[c#"q"]]]`, target: "c", quote: "q", size: 9},
		{in: `[[c#"q" (2)]]`, target: "c", quote: "q", credibility: 2, size: -1},
		{in: `[[c#"q"(6)|label]]`, target: "c", quote: "q", credibility: 6, label: "label", size: -1},
		{in: `[[c#“q” ( 1 )]]`, target: "c", size: -1, err: "malformed wikilink: unterminated quote"},
		{in: `[[c#"said "yes" (twice) then"]]`, target: "c", quote: `said "yes" (twice) then`, size: -1},
		{in: `[[c#"words (3)"]]`, target: "c", quote: "words (3)", size: -1},
		{in: `[[c#"q" (7)]]`, target: "c", err: "malformed wikilink: credibility must be 1 to 6", size: -1},
		{in: `[[c#"q" (0)|x]]`, target: "c", err: "malformed wikilink: credibility must be 1 to 6", size: -1},
		{in: "[[c|a\\\nb]]", target: "c", label: "a b", size: -1},

		{in: `[[]]`, err: "malformed wikilink: empty target", size: -1},
		{in: "[[ \n ]]", err: "malformed wikilink: empty target", size: -1},
		{in: `[[|label]]`, err: "malformed wikilink: empty target", size: -1},
		{in: `[[#"q"]]`, err: "malformed wikilink: empty target", size: -1},
		{in: `[[c#q]]`, target: "c", err: "malformed wikilink: expected a quote after #", size: -1},
		{in: `[[c#]]`, target: "c", err: "malformed wikilink: expected a quote after #", size: -1},
		{in: `[[c#'q']]`, target: "c", err: "malformed wikilink: expected a quote after #", size: -1},
		{in: `[[c#"q]]`, target: "c", err: "malformed wikilink: unterminated quote", size: -1},
		{in: `[[c#"q" ]]`, target: "c", quote: "q", size: -1},
		{in: "[[c#\"q\"\n|x]]", target: "c", quote: "q", label: "x", size: -1},
		{in: `[[c#"q" x]]`, target: "c", err: "malformed wikilink: unterminated quote", size: -1},
		{in: `[[c#"q]] and [[d]]`, target: "c", err: "malformed wikilink: unterminated quote", size: 8},
		{in: `[[c#""]]`, target: "c", err: "malformed wikilink: empty quote", size: -1},
		{in: `[[c#" "]]`, target: "c", err: "malformed wikilink: empty quote", size: -1},
		{in: `[[c|]]`, target: "c", err: "malformed wikilink: empty label", size: -1},
		{in: `[[c#"q"| ]]`, target: "c", quote: "q", err: "malformed wikilink: empty label", size: -1},
		{in: `[[c`, err: "malformed wikilink: missing ]]", size: 2},
		{in: `[[`, err: "malformed wikilink: missing ]]", size: 2},
		{in: `[[c]`, err: "malformed wikilink: missing ]]", size: 2},
		{in: `[[c|label`, target: "c", err: "malformed wikilink: missing ]]", size: 2},
		{in: `[[c and [[d]]`, err: "malformed wikilink: missing ]]", size: 2},
		{in: `[[c|see [[d]]`, target: "c", err: "malformed wikilink: missing ]]", size: 2},
	}
	for _, tt := range tests {
		n, size, ok := wikilink.Scan([]byte(tt.in))
		if !ok {
			t.Errorf("Scan(%q): not a wikilink", tt.in)
			continue
		}
		want := tt.size
		if want < 0 {
			want = len(tt.in)
		}
		if n.Target != tt.target || n.Quote != tt.quote || n.Label != tt.label || n.Credibility != tt.credibility || n.Err != tt.err || size != want ||
			n.Offset != 0 || n.Length != size {
			t.Errorf("Scan(%q) = {Target %q, Quote %q, Label %q, Err %q, Offset %d, Length %d}, size %d\n"+
				"want {Target %q, Quote %q, Label %q, Err %q}, size %d",
				tt.in, n.Target, n.Quote, n.Label, n.Err, n.Offset, n.Length, size,
				tt.target, tt.quote, tt.label, tt.err, want)
		}
	}
}

func TestScanNotAWikilink(t *testing.T) {
	for _, in := range []string{"", "[", "[x]]", " [[x]]", "[[[x]]]", `\[[x]]`} {
		if n, size, ok := wikilink.Scan([]byte(in)); ok || n != nil || size != 0 {
			t.Errorf("Scan(%q) = %v, %d, %v; want nil, 0, false", in, n, size, ok)
		}
	}
}

func TestLineCol(t *testing.T) {
	src := []byte("first line\n“quoted” [[x]]\n")
	tests := []struct{ offset, line, col int }{
		{0, 1, 1},
		{5, 1, 6},
		{11, 2, 1},
		{bytes.Index(src, []byte("[[")), 2, 10},
		{len(src), 3, 1},
	}
	for _, tt := range tests {
		if line, col := wikilink.LineCol(src, tt.offset); line != tt.line || col != tt.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tt.offset, line, col, tt.line, tt.col)
		}
	}
}

// TestOffsets checks that nodes found by the goldmark parser point back at
// where they were written, including across lines inside containers.
func TestOffsets(t *testing.T) {
	src := []byte("# Head [[isas-2021]]\n\n> A quote [[isas-2021#\"largest\n> grouping\"|the\n> base]] ends.\n\n" +
		"- item [[note-x|x]]\n  and [[broken\n\n| a | b |\n|---|---|\n| [[c\\|d]] | [[e]] |\n")
	doc := newMarkdown().Parser().Parse(text.NewReader(src))
	var got []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*wikilink.Node); ok && entering {
			got = append(got, string(src[w.Offset:w.Offset+w.Length]))
			if w.Pos() != w.Offset {
				t.Errorf("%q: Pos %d, Offset %d", w.Target, w.Pos(), w.Offset)
			}
		}
		return ast.WalkContinue, nil
	})
	want := []string{
		"[[isas-2021]]",
		"[[isas-2021#\"largest\n> grouping\"|the\n> base]]",
		"[[note-x|x]]",
		"[[",
		`[[c\|d]]`,
		"[[e]]",
	}
	if strings.Join(got, "\n---\n") != strings.Join(want, "\n---\n") {
		t.Errorf("spans:\n%q\nwant:\n%q", got, want)
	}
}

// note is an analyst note with 20 wikilinks, half of them quote citations,
// some wrapped across lines.
var note = func() []byte {
	var b strings.Builder
	b.WriteString("# The 201st base\n\n")
	for i := range 10 {
		if i%2 == 0 {
			b.WriteString("The [[isas-2021]] brief describes the base as the\n")
			b.WriteString("[[isas-2021#\"largest grouping of Russian armed forces\"|largest grouping]] abroad,\n")
		} else {
			b.WriteString("and *the exercise* was, as [[note-x|noted before]], [[isas-2021#“held\n")
			b.WriteString("in Sochi”]] in 2013.\n")
		}
		b.WriteString("A sentence without links, to make the paragraph a realistic length.\n\n")
	}
	return []byte(b.String())
}()

func BenchmarkParse(b *testing.B) {
	p := newMarkdown().Parser()
	b.SetBytes(int64(len(note)))
	for b.Loop() {
		p.Parse(text.NewReader(note))
	}
}

func BenchmarkConvert(b *testing.B) {
	b.SetBytes(int64(len(note)))
	for b.Loop() {
		if _, err := convert(note); err != nil {
			b.Fatal(err)
		}
	}
}
