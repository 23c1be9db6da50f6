package resolve

import (
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// AST is the document's syntax tree, parsed if it was not yet; nil
// without a tree.
func (p *Parsed) AST() ast.Node { return p.Tree.Root() }

// ExpectReaders says that n readers will each read the document's tree
// once and then call Done; after the last, the tree is let go (see
// Tree.Release). A one-shot build renders each page once, so that a
// note's tree, half of the heap it holds while rendering, need not stay
// until the end. A reader that did not count reads a tree parsed again.
func (p *Parsed) ExpectReaders(n int) { p.readers.Store(int32(n)) }

// Done says that a reader ExpectReaders counted has finished with the
// tree. Without readers expected it does nothing.
func (p *Parsed) Done() {
	if p.readers.Load() > 0 && p.readers.Add(-1) == 0 {
		p.Tree.Release()
	}
}

// Tree is a document's syntax tree, and the wikilinks in it. A tree from
// LazyTree is parsed when first asked for: dossier serve starts with the
// wikilinks a cache kept from an earlier run (package linkcache), which
// is all resolving needs, and parses a document when a page, the search
// index or the audit reads it. A parse that panics panics again for
// every reader, as it would have stopped a build that parsed at once.
type Tree struct {
	// parse parses the document again after Release; nil if it cannot.
	parse func() ast.Node
	state atomic.Pointer[treeState]
}

type treeState struct {
	root  func() ast.Node
	links func() []*wikilink.Node
}

// ParsedTree is the tree of a document already parsed, root, which parse
// gives again after a Release; parse may be nil, for a tree never let
// go.
func ParsedTree(root ast.Node, parse func() ast.Node) *Tree {
	t := &Tree{parse: parse}
	t.state.Store(&treeState{root: func() ast.Node { return root }, links: sync.OnceValue(func() []*wikilink.Node { return wikilinks(root) })})
	return t
}

// LazyTree is the tree parse gives, parsed when first asked for; links
// are its wikilinks as Wikilinks lists them, without the tree around
// them.
func LazyTree(parse func() ast.Node, links []*wikilink.Node) *Tree {
	t := &Tree{}
	t.state.Store(&treeState{root: sync.OnceValue(parse), links: func() []*wikilink.Node { return links }})
	return t
}

// Root is the tree's document node; nil for a nil tree.
func (t *Tree) Root() ast.Node {
	if t == nil {
		return nil
	}
	return t.state.Load().root()
}

// Wikilinks lists the document's wikilinks in document order, as a walk
// of the tree meets them, which is not always the order of their Index
// (goldmark moves footnotes to the end after parsing their links).
// Those a LazyTree was given have no parents: sentences finds the
// tree's own, by Index, when it needs their paragraphs.
func (t *Tree) Wikilinks() []*wikilink.Node {
	if t == nil {
		return nil
	}
	return t.state.Load().links()
}

// Release lets go of a tree that can be parsed again: the next reader
// parses it anew, and the wikilinks come from that parse. Readers of the
// nodes they were given keep them.
func (t *Tree) Release() {
	if t == nil || t.parse == nil {
		return
	}
	root := sync.OnceValue(t.parse)
	t.state.Store(&treeState{root: root, links: sync.OnceValue(func() []*wikilink.Node { return wikilinks(root()) })})
}
