package wikilink_test

import (
	"bytes"
	"os"
	"regexp"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// addCaseSeeds adds the Markdown of every test case to f's corpus.
func addCaseSeeds(f *testing.F) {
	data, err := os.ReadFile(casesFile)
	if err != nil {
		f.Fatal(err)
	}
	re := regexp.MustCompile(`(?s)//- - - - - - - - -//\n(.*?)\n//- - - - - - - - -//`)
	for _, m := range re.FindAllSubmatch(data, -1) {
		f.Add(m[1])
	}
}

func FuzzScan(f *testing.F) {
	addCaseSeeds(f)
	for _, s := range []string{`[[a]]`, `[[a#"q"|l]]`, `[[a#“q”]]`, `[[a#"q" \| l]]`, "[[a#\n\"q\n\"]]", `[[`, `[[[`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		n, size, ok := wikilink.Scan(b)
		if !ok {
			if n != nil || size != 0 {
				t.Fatalf("Scan(%q): not ok but node %v, size %d", b, n, size)
			}
			if bytes.HasPrefix(b, []byte("[[")) && !bytes.HasPrefix(b, []byte("[[[")) {
				t.Fatalf("Scan(%q): not ok", b)
			}
			return
		}
		if size < 2 || size > len(b) || n.Offset != 0 || n.Length != size {
			t.Fatalf("Scan(%q): size %d, Offset %d, Length %d", b, size, n.Offset, n.Length)
		}
		if n.Err != "" {
			if !bytes.HasPrefix([]byte(n.Err), []byte("malformed wikilink: ")) {
				t.Fatalf("Scan(%q): Err %q", b, n.Err)
			}
			return
		}
		link := b[:size]
		if !bytes.HasSuffix(link, []byte("]]")) || bytes.Contains(link[2:], []byte("[[")) || n.Target == "" {
			t.Fatalf("Scan(%q) = %q, Target %q", b, link, n.Target)
		}
		// The link alone scans the same: what follows it cannot matter.
		n2, size2, _ := wikilink.Scan(link)
		if size2 != size || n2.Target != n.Target || n2.Quote != n.Quote || n2.Label != n.Label || n2.Err != "" {
			t.Fatalf("Scan(%q) = %+v, but Scan(%q) = %+v", b, n, link, n2)
		}
	})
}

// FuzzConvert runs input through the whole goldmark pipeline: the
// parser, the test resolver and the renderer.
func FuzzConvert(f *testing.F) {
	addCaseSeeds(f)
	md := newMarkdown()
	f.Fuzz(func(t *testing.T, src []byte) {
		doc := md.Parser().Parse(text.NewReader(src))
		_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
			n, ok := node.(*wikilink.Node)
			if !ok || !entering {
				return ast.WalkContinue, nil
			}
			if n.Offset < 0 || n.Length < 2 || n.Offset+n.Length > len(src) {
				t.Fatalf("%q: Offset %d, Length %d", src, n.Offset, n.Length)
			}
			span := src[n.Offset : n.Offset+n.Length]
			if n.Embed {
				// An embed's span starts at its "!".
				span = bytes.TrimPrefix(span, []byte("!"))
			}
			if !bytes.HasPrefix(span, []byte("[[")) || n.Err == "" && !bytes.HasSuffix(span, []byte("]]")) {
				t.Fatalf("%q: node %+v spans %q", src, n, span)
			}
			return ast.WalkContinue, nil
		})
		out, err := convert(src)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(bytes.ToLower(out), []byte("<script")) {
			t.Fatalf("%q renders a script: %s", src, out)
		}
	})
}
