package resolve

import (
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/markdown"
)

func TestTreeIsLetGoAfterTheReadersExpected(t *testing.T) {
	md := markdown.New()
	src := []byte("See [[a]] and [[b|the other]].\n")
	parses := 0
	parse := func() ast.Node { parses++; return md.Parse(src) }
	p := &Parsed{Kind: KindNote, Src: src, Tree: ParsedTree(parse(), parse)}
	first := p.AST()

	p.Done() // no readers expected: nothing happens
	if p.AST() != first || parses != 1 {
		t.Fatalf("Done without ExpectReaders let the tree go")
	}
	p.ExpectReaders(2)
	p.Done()
	if p.AST() != first || parses != 1 {
		t.Fatalf("the tree went after one of two readers")
	}
	p.Done()
	if parses != 1 {
		t.Fatalf("the tree was parsed again before anything read it")
	}
	again := p.AST()
	if again == first || parses != 2 {
		t.Fatalf("after the last reader the tree was kept (parses %d)", parses)
	}
	if p.AST() != again || parses != 2 {
		t.Fatalf("a tree parsed again was parsed once more")
	}
	links := p.Tree.Wikilinks()
	if len(links) != 2 || links[0].Target != "a" || links[1].Label != "the other" {
		t.Fatalf("wikilinks after the release = %v, want a and b", links)
	}
	for _, l := range links {
		var root ast.Node = l
		for root.Parent() != nil {
			root = root.Parent()
		}
		if root != again {
			t.Errorf("wikilink %q is a node of the tree let go", l.Target)
		}
	}
	p.Done() // more Done calls than readers: nothing happens
	if p.AST() != again {
		t.Fatalf("a Done past the last reader let the tree go again")
	}
}

func TestTreeWithoutParseIsKept(t *testing.T) {
	root := markdown.New().Parse([]byte("Text.\n"))
	p := &Parsed{Kind: KindNote, Tree: ParsedTree(root, nil)}
	p.ExpectReaders(1)
	p.Done()
	if p.AST() != root {
		t.Fatal("a tree that cannot be parsed again was let go")
	}
}
