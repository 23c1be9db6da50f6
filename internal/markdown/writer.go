package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// quickWriter is goldmark's HTML text writer with a quick test in front:
// text with nothing to escape, unescape or resolve is written as it is.
// goldmark's writer looks up every byte of every text segment in turn,
// which was a tenth of rendering; most segments are plain words.
type quickWriter struct{ html.Writer }

// plain marks the bytes goldmark's writers leave as they are: not one
// util.EscapeHTMLByte escapes (NUL, '"', '&', '<', '>') nor a
// backslash, which may escape the byte after it.
var plain = func() (t [256]bool) {
	for c := range t {
		t[c] = util.EscapeHTMLByte(byte(c)) == nil && c != '\\'
	}
	return t
}()

func isPlain(source []byte) bool {
	for _, c := range source {
		if !plain[c] {
			return false
		}
	}
	return true
}

func (w quickWriter) Write(writer util.BufWriter, source []byte) {
	if isPlain(source) {
		_, _ = writer.Write(source)
		return
	}
	w.Writer.Write(writer, source)
}

func (w quickWriter) RawWrite(writer util.BufWriter, source []byte) {
	if isPlain(source) {
		_, _ = writer.Write(source)
		return
	}
	w.Writer.RawWrite(writer, source)
}
