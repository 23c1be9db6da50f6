package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// gfm is goldmark's GFM extension without its autolinker: Markdown
// adds autolinks only to the parser of documents that can hold one.
var gfm = extenders{extension.Table, extension.Strikethrough, extension.TaskList}

type extenders []goldmark.Extender

func (es extenders) Extend(m goldmark.Markdown) {
	for _, e := range es {
		e.Extend(m)
	}
}

// autolinks turns bare URLs and email addresses into links, as GFM's
// autolink extension does, with a quick test in front of goldmark's
// parser for it. That parser runs at every space of every paragraph and
// looks for an email address in the word after it: a tenth of the time
// parsing 10,000 notes took. Only a word that starts with a protocol or
// "www.", or holds an '@' before the next space, can start an autolink;
// this says no to any other word at once, and asks goldmark's parser
// about these.
type autolinks struct{}

func (autolinks) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(autolinkParser{extension.NewLinkifyParser()}, 999),
	))
}

type autolinkParser struct{ parser.InlineParser }

func (p autolinkParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	word := line
	// goldmark's parser steps over the trigger character, if it is one.
	if len(word) > 0 {
		switch word[0] {
		case ' ', '*', '_', '~', '(':
			word = word[1:]
		}
	}
	if !mayStartAutolink(word) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// mayHoldAutolinks reports whether a word of src can pass
// mayStartAutolink: whether it holds an '@', or a protocol or "www." at
// all. Most notes hold none, and are parsed without the autolinker,
// which would otherwise be asked at every space.
func mayHoldAutolinks(src []byte) bool {
	if bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("www.")) {
		return true
	}
	// Each protocol ends in a colon, which prose has few of.
	for i := bytes.IndexByte(src, ':'); i >= 0; {
		before := src[:i]
		if bytes.HasSuffix(before, []byte("http")) || bytes.HasSuffix(before, []byte("https")) || bytes.HasSuffix(before, []byte("ftp")) {
			return true
		}
		next := bytes.IndexByte(src[i+1:], ':')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// mayStartAutolink reports whether the word at the start of b starts
// with a protocol or "www.", or holds an '@' before the next space.
func mayStartAutolink(b []byte) bool {
	if len(b) < 4 {
		return false
	}
	switch b[0] {
	case 'h', 'f', 'w':
		if bytes.HasPrefix(b, []byte("http:")) || bytes.HasPrefix(b, []byte("https:")) ||
			bytes.HasPrefix(b, []byte("ftp:")) || bytes.HasPrefix(b, []byte("www.")) {
			return true
		}
	}
	for _, c := range b {
		switch c {
		case '@':
			return true
		case ' ', '\t', '\r', '\n':
			return false
		}
	}
	return false
}
