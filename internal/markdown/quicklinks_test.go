package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// parsedLinks are the wikilinks of m's parse of src, as a walk meets them.
func parsedLinks(m *Markdown, src []byte) []*wikilink.Node {
	var out []*wikilink.Node
	ast.Walk(m.Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*wikilink.Node); ok && entering {
			out = append(out, w)
		}
		return ast.WalkContinue, nil
	})
	return out
}

// sameLinks says how quick differs from parsed, or "" if it does not.
func sameLinks(quick, parsed []*wikilink.Node) string {
	show := func(n *wikilink.Node) string {
		return fmt.Sprintf("{%q %q %q %d off=%d len=%d err=%q embed=%v index=%d}",
			n.Target, n.Quote, n.Label, n.Credibility, n.Offset, n.Length, n.Err, n.Embed, n.Index)
	}
	for i := range max(len(quick), len(parsed)) {
		switch {
		case i >= len(quick):
			return "the scan missed " + show(parsed[i])
		case i >= len(parsed):
			return "the scan found " + show(quick[i]) + ", which the parser did not"
		case show(quick[i]) != show(parsed[i]):
			return "the scan found " + show(quick[i]) + " where the parser found " + show(parsed[i])
		}
	}
	return ""
}

// checkQuickLinks fails t if QuickLinks takes src and finds other links
// than Parse, and reports whether it took it.
func checkQuickLinks(t testing.TB, m *Markdown, src []byte) bool {
	t.Helper()
	quick, ok := QuickLinks(src)
	if !ok {
		return false
	}
	if diff := sameLinks(quick, parsedLinks(m, src)); diff != "" {
		t.Errorf("%s\nin %q", diff, src)
	}
	return true
}

// The scan takes plain documents, and finds in them what the parser
// finds: links in paragraphs, headings, lists, quotes, footnote text
// before the definitions, embeds, and none inside fenced code.
func TestQuickLinksTakesPlainDocuments(t *testing.T) {
	m := New()
	for _, src := range []string{
		"",
		"No links at all.\n",
		"A [[note]] and [[src#\"quoted words\" (2)|label]] in a line.\n",
		"# A heading with [[a]]\n\nText.\n",
		"- [[note-1]]: what it says\n- [[note-2]]: more\n",
		"1. [[a]]\n2. [[b|B]]\n",
		"> A quote citing [[src#\u201ccurly\u201d]].\n> > Nested [[c]].\n",
		"![[src#\"an embedded passage\"]]\n\nText ![[note]] inline.\n",
		"Setext [[a]]\n======\n\n***\n\n***[[b]]***\n",
		"Text[^1] with [[a]].\n\n[^1]: The footnote, no link.\n",
		"```go\n[[not-a-link]] <b> `x` \\ \t\n```\n\nAfter [[a]].\n",
		"~~~~\n```\n[[no]]\n~~~~\n[[yes]]\n",
		"Term [[a]]\n: Definition [[b]]\n",
		"- [ ] task [[a]]\n- [x] done\n",
		"[[1]](not a link) and [[a]][^1] and [[b]]: after\n\n[^1]: Note.\n",
		"A link whose quote holds brackets [[s#\"a](b) [c] d]: e\"]].\n",
		"~~struck [[a]]~~ and \"quoted\" -- dashes...\n",
		"Unclosed fence\n```\n[[inside]]\n",
	} {
		if !checkQuickLinks(t, m, []byte(src)) {
			t.Errorf("the scan refused %q", src)
		}
	}
}

// The scan refuses what it cannot be sure of; the parser reads it.
func TestQuickLinksRefuses(t *testing.T) {
	for _, src := range []string{
		"A `code [[span]]`.\n",
		"Raw <span title=\"[[x]]\">html</span>.\n",
		"An <https://example.org/[[x]]> autolink.\n",
		"A bare https://example.org/[[x]] URL.\n",
		"Mail me@example.org [[x]].\n",
		"An \\[[escaped]] link.\n",
		"A tab\t[[x]].\n",
		"A CRLF [[x]].\r\n",
		"A NUL \x00 [[x]].\n",
		"A [link](url) and [[x]].\n",
		"A [ref][label] and [[x]].\n",
		"[label]: /url \"[[title]]\"\n",
		"[foo\nbar]: [[x]]\n",
		"![image](x.png) [[x]]\n",
		"| a | [[x]] |\n|---|---|\n",
		"a | b\n--- | ---\n",
		"![[a]]\n---:\n[[b|label]]\n",
		">0\n--\n[[0|0]]\n",
		"A three [[[x]]] brackets.\n",
		"A [[broken link\nover lines]].\n",
		"A [[broken#link]].\n",
		"    [[indented code]]\n",
		"- item\n\n      [[code in a list]]\n",
		">     [[code in a quote]]\n",
		"Text[^1].\n\n[^1]: A footnote with [[x]].\n",
		"[^1]: First.\n\nThen [[x]].\n",
		"- ```\n  [[x]]\n  ```\n",
		"```\n[[x]]\n  ```\n[[y]]\n",
		"```a`b\n[[x]]\n```\n",
		"> ~~~\n> [[x]]\n",
		"Term\n:         [[a]]\n",
		"Term\n: -     [[a]]\n",
		"- T\n  :         [[a]]\n",
		"```\n[[x]]\n```\r\n[[y]]\n",
	} {
		if _, ok := QuickLinks([]byte(src)); ok {
			t.Errorf("the scan took %q", src)
		}
	}
}

// On every document of the shipped dossier and of a generated one, the
// scan finds what the parser finds, and it takes the generated notes.
func TestQuickLinksMatchParseOnDossiers(t *testing.T) {
	m := New()
	files, _ := filepath.Glob("../../content/*/*.md")
	generated := corpustest.Write(t, "../../content", 200)
	notes, _ := filepath.Glob(filepath.Join(generated, "notes", "note-*.md"))
	taken := 0
	for _, f := range append(files, notes...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if checkQuickLinks(t, m, bodyOf(data)) && strings.Contains(f, generated) {
			taken++
		}
	}
	if taken < len(notes)*9/10 {
		t.Errorf("the scan took %d of %d generated notes, want nine in ten", taken, len(notes))
	}
}

// bodyOf is the Markdown of a content file, after its front matter.
func bodyOf(data []byte) []byte {
	if rest, ok := bytes.CutPrefix(data, []byte("---\n")); ok {
		if _, after, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			return after
		}
	}
	return data
}

// quickFragments are the pieces FuzzQuickLinks assembles documents from:
// the constructs the scan must take or refuse.
var quickFragments = []string{
	"[[a]]", "[[b|label]]", "[[s#\"words\"]]", "[[s#\"w\" (2)|l]]", "![[a]]", "[[", "]]", "[", "]", "(", ")", ":", "!",
	"\n", "\n\n", " ", "    ", "> ", "- ", "1. ", "# ", "text", "\"", "|", "---", "===", "```", "~~~", "`", "<b>", "\\",
	"\t", "[^1]", "[^1]: ", "*", "_", "~~", "[ ] ", "https://x.org", "&amp;", "\r", ":         ", "\u201c", "\u201d", "#", "[x]: /u",
}

// FuzzQuickLinks assembles documents from quickFragments, and also tries
// the fuzzer's bytes as they are: whenever the scan takes a document, it
// must find what the parser finds.
func FuzzQuickLinks(f *testing.F) {
	f.Add([]byte{0, 13, 1, 14, 26, 13, 0})
	f.Add([]byte{27, 13, 0, 13, 27, 14, 0})
	f.Add([]byte{34, 0, 13, 32, 22, 1})
	f.Add([]byte("- [[a]]: b\n> [[c|d]]\n"))
	f.Add([]byte("![[a]]\n---:\n[[b|label]]"))
	f.Add([]byte(">0\n--\n[[0|0]]"))
	f.Add([]byte("![[a]]\n:            ![[a]]"))
	f.Add([]byte("```\n```\r\n[[y]]"))
	m := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1000 {
			return // goldmark's time grows faster than the input's
		}
		var sb strings.Builder
		for _, b := range data {
			sb.WriteString(quickFragments[int(b)%len(quickFragments)])
		}
		checkQuickLinks(t, m, []byte(sb.String()))
		checkQuickLinks(t, m, data)
	})
}

// BenchmarkQuickLinks scans 200 generated notes for their links, and
// parses them for comparison: the scan is what dossier serve's first
// start does instead of the parse.
func BenchmarkQuickLinks(b *testing.B) {
	notes, _ := filepath.Glob(filepath.Join(corpustest.Write(b, "../../content", 200), "notes", "note-*.md"))
	var bodies [][]byte
	size := 0
	for _, f := range notes {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, bodyOf(data))
		size += len(bodyOf(data))
	}
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, body := range bodies {
				QuickLinks(body)
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		m := New()
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, body := range bodies {
				m.Parse(body)
			}
		}
	})
}

// outside finds a byte in or out of spans, at their edges too.
func TestSpansOutside(t *testing.T) {
	s := spans{{2, 5}, {8, 10}}
	for i, want := range []bool{true, true, false, false, false, true, true, true, false, false, true, true} {
		if got := s.outside(i); got != want {
			t.Errorf("outside(%d) = %v, want %v", i, got, want)
		}
	}
	if !(spans{}).outside(0) {
		t.Error("no spans: outside(0) = false")
	}
}
