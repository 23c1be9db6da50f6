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

// gfm is goldmark's GFM extension with a quicker autolinker.
var gfm = goldmark.Extender(extenders{autolinks{}, extension.Table, extension.Strikethrough, extension.TaskList})

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
	if !mayHoldAutolinks(block.Source(), pc) {
		return nil
	}
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

// mayAutolinkKey is the parser context's record of whether the
// document may hold an autolink at all.
var mayAutolinkKey = parser.NewContextKey()

// mayHoldAutolinks reports whether a word of the document can pass
// mayStartAutolink: whether it holds an '@' or a protocol or "www." at
// all. Most notes hold none, and then each space costs one lookup
// rather than a look at the word after it.
func mayHoldAutolinks(src []byte, pc parser.Context) bool {
	if may, ok := pc.Get(mayAutolinkKey).(bool); ok {
		return may
	}
	may := bytes.IndexByte(src, '@') >= 0 || bytes.Contains(src, []byte("http:")) || bytes.Contains(src, []byte("https:")) ||
		bytes.Contains(src, []byte("ftp:")) || bytes.Contains(src, []byte("www."))
	pc.Set(mayAutolinkKey, may)
	return may
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
