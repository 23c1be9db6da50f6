package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// Document is what Parse reads from a PDF: enough to number a table of
// contents and to test a printed briefing, not a general PDF reader.
type Document struct {
	// Pages lists the page objects' numbers in page order.
	Pages []int
	// Dests maps each named destination to its page, from 1.
	Dests map[string]int
	// Outline is the document outline (bookmarks), depth first.
	Outline []OutlineItem
}

// OutlineItem is one bookmark.
type OutlineItem struct {
	Title string
	// Level is 0 for a top-level bookmark.
	Level int
	// Page is the bookmark's page, from 1; 0 if unknown.
	Page int
}

// Parse reads the page tree, the named destinations and the outline of a
// PDF as Chromium (Skia) writes it: a classic cross-reference table and
// plain (not compressed) objects for everything but the page contents and
// fonts. It finds objects through the cross-reference table, so binary
// stream data cannot be mistaken for object syntax.
func Parse(data []byte) (*Document, error) {
	r := &reader{data: data}
	if err := r.readXref(); err != nil {
		return nil, err
	}
	root, ok := ref(r.trailer, "Root")
	if !ok {
		return nil, errors.New("pdf: no /Root in the trailer")
	}
	catalog := r.object(root)
	doc := &Document{Dests: map[string]int{}}
	pagesRef, ok := ref(catalog, "Pages")
	if !ok {
		return nil, errors.New("pdf: no /Pages in the catalog")
	}
	r.collectPages(pagesRef, &doc.Pages, 0)
	pageIndex := map[int]int{}
	for i, p := range doc.Pages {
		pageIndex[p] = i + 1
	}
	if d, ok := ref(catalog, "Dests"); ok {
		body := r.object(d)
		for _, m := range destEntry.FindAllSubmatch(body, -1) {
			obj, _ := strconv.Atoi(string(m[2]))
			if n, ok := pageIndex[obj]; ok {
				doc.Dests[decodeName(m[1])] = n
			}
		}
	}
	if o, ok := ref(catalog, "Outlines"); ok {
		if first, ok := ref(r.object(o), "First"); ok {
			r.collectOutline(first, 0, pageIndex, &doc.Outline, map[int]bool{})
		}
	}
	return doc, nil
}

var (
	xrefSection = regexp.MustCompile(`(?m)^(\d+) (\d+)\s*$`)
	xrefEntry   = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])`)
	destEntry   = regexp.MustCompile(`/([^\s/\[\]<>()]+)\s*\[\s*(\d+) \d+ R`)
	kidsArray   = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	refInArray  = regexp.MustCompile(`(\d+) \d+ R`)
)

type reader struct {
	data    []byte
	offsets map[int]int
	trailer []byte
}

// readXref reads the cross-reference table that startxref points at, and
// the trailer after it.
func (r *reader) readXref() error {
	i := bytes.LastIndex(r.data, []byte("startxref"))
	if i < 0 {
		return errors.New("pdf: no startxref")
	}
	fields := bytes.Fields(r.data[i+len("startxref"):])
	if len(fields) == 0 {
		return errors.New("pdf: no offset after startxref")
	}
	at, err := strconv.Atoi(string(fields[0]))
	if err != nil || at < 0 || at >= len(r.data) || !bytes.HasPrefix(r.data[at:], []byte("xref")) {
		return errors.New("pdf: no cross-reference table (a compressed xref stream is not supported)")
	}
	end := bytes.Index(r.data[at:], []byte("trailer"))
	if end < 0 {
		return errors.New("pdf: no trailer")
	}
	table := r.data[at+len("xref") : at+end]
	r.trailer = r.data[at+end:]
	if e := bytes.Index(r.trailer, []byte("startxref")); e >= 0 {
		r.trailer = r.trailer[:e]
	}
	r.offsets = map[int]int{}
	lines := bytes.Split(table, []byte("\n"))
	for k := 0; k < len(lines); k++ {
		m := xrefSection.FindSubmatch(bytes.TrimRight(lines[k], "\r"))
		if m == nil {
			continue
		}
		first, _ := strconv.Atoi(string(m[1]))
		count, _ := strconv.Atoi(string(m[2]))
		for j := 0; j < count && k+1 < len(lines); j++ {
			k++
			e := xrefEntry.FindSubmatch(lines[k])
			if e == nil {
				return fmt.Errorf("pdf: bad cross-reference entry %q", lines[k])
			}
			if string(e[3]) == "n" {
				off, _ := strconv.Atoi(string(e[1]))
				r.offsets[first+j] = off
			}
		}
	}
	return nil
}

// object returns the body of object n, without any stream data.
func (r *reader) object(n int) []byte {
	off, ok := r.offsets[n]
	if !ok || off >= len(r.data) {
		return nil
	}
	body := r.data[off:]
	if i := bytes.Index(body, []byte("obj")); i >= 0 {
		body = body[i+3:]
	}
	if i := bytes.Index(body, []byte("endobj")); i >= 0 {
		body = body[:i]
	}
	if i := bytes.Index(body, []byte("stream")); i >= 0 {
		body = body[:i]
	}
	return body
}

// ref returns the object number of the reference in dict under key.
func ref(dict []byte, key string) (int, bool) {
	re := regexp.MustCompile(`/` + key + `\s+(\d+) \d+ R`)
	m := re.FindSubmatch(dict)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n, true
}

// collectPages walks the page tree in order.
func (r *reader) collectPages(n int, out *[]int, depth int) {
	if depth > 32 {
		return // a cycle, in a broken file
	}
	body := r.object(n)
	if bytes.Contains(body, []byte("/Type /Pages")) {
		if m := kidsArray.FindSubmatch(body); m != nil {
			for _, k := range refInArray.FindAllSubmatch(m[1], -1) {
				kid, _ := strconv.Atoi(string(k[1]))
				r.collectPages(kid, out, depth+1)
			}
		}
		return
	}
	*out = append(*out, n)
}

var destPage = regexp.MustCompile(`/Dest\s*\[\s*(\d+) \d+ R`)

// collectOutline walks the outline items from first, following /Next
// and descending through /First.
func (r *reader) collectOutline(first, level int, pageIndex map[int]int, out *[]OutlineItem, seen map[int]bool) {
	for n, ok := first, true; ok && !seen[n]; n, ok = ref(r.object(n), "Next") {
		seen[n] = true
		body := r.object(n)
		item := OutlineItem{Title: pdfString(body, "Title"), Level: level}
		if m := destPage.FindSubmatch(body); m != nil {
			p, _ := strconv.Atoi(string(m[1]))
			item.Page = pageIndex[p]
		}
		*out = append(*out, item)
		if child, ok := ref(body, "First"); ok {
			r.collectOutline(child, level+1, pageIndex, out, seen)
		}
	}
}

// pdfString decodes the string value of key in dict: a literal (...) with
// escapes, or <hex>, either in UTF-16BE with a byte order mark or in
// PDFDocEncoding (read as Latin-1, which agrees for the printable ASCII
// Chromium writes that way).
func pdfString(dict []byte, key string) string {
	i := bytes.Index(dict, []byte("/"+key))
	if i < 0 {
		return ""
	}
	s := bytes.TrimLeft(dict[i+len(key)+1:], " \r\n\t")
	var raw []byte
	switch {
	case len(s) > 0 && s[0] == '(':
		depth := 0
	literal:
		for j := 1; j < len(s); j++ {
			c := s[j]
			switch c {
			case '\\':
				j++
				if j >= len(s) {
					break literal
				}
				switch e := s[j]; e {
				case 'n':
					raw = append(raw, '\n')
				case 'r':
					raw = append(raw, '\r')
				case 't':
					raw = append(raw, '\t')
				case 'b':
					raw = append(raw, '\b')
				case 'f':
					raw = append(raw, '\f')
				case '\r', '\n':
					// a line continuation
				default:
					if e >= '0' && e <= '7' {
						v := 0
						k := 0
						for ; k < 3 && j+k < len(s) && s[j+k] >= '0' && s[j+k] <= '7'; k++ {
							v = v*8 + int(s[j+k]-'0')
						}
						j += k - 1
						raw = append(raw, byte(v))
					} else {
						raw = append(raw, e)
					}
				}
			case '(':
				depth++
				raw = append(raw, c)
			case ')':
				if depth == 0 {
					break literal
				}
				depth--
				raw = append(raw, c)
			default:
				raw = append(raw, c)
			}
		}
	case len(s) > 0 && s[0] == '<':
		end := bytes.IndexByte(s, '>')
		if end < 0 {
			return ""
		}
		hex := bytes.Join(bytes.Fields(s[1:end]), nil)
		if len(hex)%2 == 1 {
			hex = append(hex, '0')
		}
		for j := 0; j+1 < len(hex); j += 2 {
			v, err := strconv.ParseUint(string(hex[j:j+2]), 16, 8)
			if err != nil {
				return ""
			}
			raw = append(raw, byte(v))
		}
	default:
		return ""
	}
	if len(raw) >= 2 && raw[0] == 0xFE && raw[1] == 0xFF {
		u := make([]uint16, 0, len(raw)/2)
		for j := 2; j+1 < len(raw); j += 2 {
			u = append(u, uint16(raw[j])<<8|uint16(raw[j+1]))
		}
		return string(utf16.Decode(u))
	}
	runes := make([]rune, len(raw))
	for j, c := range raw {
		runes[j] = rune(c)
	}
	return string(runes)
}

// decodeName undoes the #xx escapes of a PDF name.
func decodeName(b []byte) string {
	if !bytes.ContainsRune(b, '#') {
		return string(b)
	}
	var out []byte
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			if v, err := strconv.ParseUint(string(b[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}
