package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A fontSpec is one <fontspec> of pdftohtml's XML: of a font, only its
// size matters here. Sizes and positions are in pdftohtml's units (1.5
// per PDF point at its default zoom); only their ratios matter.
type fontSpec struct {
	size float64
}

// A fragment is one <text> element: a run of text on one line in one font.
type fragment struct {
	top, left, width, height float64
	font                     int
	text                     string
	bold, italic             bool
	// id is the fragment's index in its page's list, which dedupe sets.
	id int
}

func (f fragment) right() float64  { return f.left + f.width }
func (f fragment) bottom() float64 { return f.top + f.height }

// A rawPage is one <page> element.
type rawPage struct {
	width, height float64
	frags         []fragment
}

// A rawDoc is the whole of pdftohtml's XML output.
type rawDoc struct {
	pages []rawPage
	fonts map[int]fontSpec
}

// parseXML reads the output of pdftohtml -xml. The text of a fragment may
// carry <b>, <i> and <a> markup; <b> or <i> around its start sets its
// weight or slant (pdftohtml gives each change of font its own fragment).
func parseXML(data []byte) (*rawDoc, error) {
	dec := xml.NewDecoder(bytes.NewReader(validXML(data)))
	dec.Strict = false
	doc := &rawDoc{fonts: map[int]fontSpec{}}
	var (
		page *rawPage
		frag *fragment
		text strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("pdftohtml XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			a := attrs(t.Attr)
			switch t.Name.Local {
			case "page":
				doc.pages = append(doc.pages, rawPage{width: a.num("width"), height: a.num("height")})
				page = &doc.pages[len(doc.pages)-1]
			case "fontspec":
				id, err := strconv.Atoi(a["id"])
				if err != nil {
					return nil, fmt.Errorf("pdftohtml XML: fontspec id %q", a["id"])
				}
				doc.fonts[id] = fontSpec{size: a.num("size")}
			case "text":
				font, _ := strconv.Atoi(a["font"])
				frag = &fragment{top: a.num("top"), left: a.num("left"), width: a.num("width"), height: a.num("height"), font: font}
				text.Reset()
			case "b":
				if frag != nil && strings.TrimSpace(text.String()) == "" {
					frag.bold = true
				}
			case "i":
				if frag != nil && strings.TrimSpace(text.String()) == "" {
					frag.italic = true
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "text":
				if frag != nil && page != nil {
					frag.text = normaliseGlyphs(text.String())
					if strings.TrimSpace(frag.text) != "" {
						page.frags = append(page.frags, *frag)
					}
				}
				frag = nil
			}
		case xml.CharData:
			if frag != nil {
				text.Write(t)
			}
		}
	}
	for i := range doc.pages {
		doc.pages[i].frags = dedupe(doc.pages[i].frags)
	}
	return doc, nil
}

// dedupe drops fragments that repeat another's text at about the same
// place: text drawn twice, a hair apart, to look bold or to cast a shadow.
func dedupe(frags []fragment) []fragment {
	type key struct {
		text string
		top  int
	}
	seen := map[key][]float64{}
	out := frags[:0]
	for _, f := range frags {
		k := key{f.text, int(f.top + 0.5)}
		dup := false
		for _, left := range slices.Concat(seen[k], seen[key{k.text, k.top - 1}], seen[key{k.text, k.top + 1}]) {
			dup = dup || f.left-left < 2 && left-f.left < 2
		}
		if dup {
			continue
		}
		seen[k] = append(seen[k], f.left)
		f.id = len(out)
		out = append(out, f)
	}
	return out
}

type attrMap map[string]string

func attrs(list []xml.Attr) attrMap {
	m := attrMap{}
	for _, a := range list {
		m[a.Name.Local] = a.Value
	}
	return m
}

func (m attrMap) num(name string) float64 {
	v, _ := strconv.ParseFloat(m[name], 64)
	return v
}

// validXML replaces the bytes XML forbids, which pdftohtml copies from
// the PDF's text (control characters, broken UTF-8), with spaces, so one
// odd glyph does not lose the whole document.
func validXML(data []byte) []byte {
	clean := true
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if !xmlChar(r, n) {
			clean = false
			break
		}
		i += n
	}
	if clean {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if xmlChar(r, n) {
			out = append(out, data[i:i+n]...)
		} else {
			out = append(out, ' ')
		}
		i += n
	}
	return out
}

func xmlChar(r rune, size int) bool {
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000
}
