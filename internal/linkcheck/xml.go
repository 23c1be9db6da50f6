package linkcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// scanXML checks that the XML file at p is well-formed and returns the
// site URLs it lists: a sitemap's <loc>s, a feed's <link href>s.
func (c *checker) scanXML(p string, data []byte) []ref {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var (
		refs    []ref
		inLoc   bool
		loc     strings.Builder
		locLine int
		locCol  int
	)
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				c.add(p, se.Line, 0, "not well-formed XML: %s", se.Msg)
			} else {
				c.add(p, line, col, "not well-formed XML: %v", err)
			}
			return refs
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Local == "loc":
				inLoc, locLine, locCol = true, line, col
				loc.Reset()
			case t.Name.Local == "link":
				// Atom's <link href>; RSS's <link> holds text and is
				// read like a <loc>.
				href, ok := attrValue(t, "href")
				if !ok {
					inLoc, locLine, locCol = true, line, col
					loc.Reset()
					continue
				}
				refs = append(refs, ref{from: p, line: line, col: col, what: "<link href>", url: href, folderOK: true, emptyOK: true})
			}
		case xml.CharData:
			if inLoc {
				loc.Write(t)
			}
		case xml.EndElement:
			if inLoc && (t.Name.Local == "loc" || t.Name.Local == "link") {
				inLoc = false
				// A sitemap lists the home page as the base URL itself,
				// or as "" when the site has no base URL yet.
				refs = append(refs, ref{from: p, line: locLine, col: locCol, what: "<" + t.Name.Local + ">", url: loc.String(), folderOK: true, emptyOK: true})
			}
		}
	}
	return refs
}

func attrValue(e xml.StartElement, name string) (string, bool) {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// inferBase guesses the site's base URL from the sitemap's absolute URLs:
// the folder of the shortest one (the home page), if it is a prefix of
// them all. It returns "" when there is no such prefix.
func inferBase(refs []ref) string {
	var base string
	for _, r := range refs {
		u := strings.TrimSpace(r.url)
		if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
			continue
		}
		if base == "" || len(u) < len(base) {
			base = u
		}
	}
	if base == "" {
		return ""
	}
	if i := strings.LastIndex(base, "/"); i > len("https://") {
		base = base[:i+1]
	} else {
		base += "/"
	}
	for _, r := range refs {
		u := strings.TrimSpace(r.url)
		if (strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) && !strings.HasPrefix(u+"/", base) {
			return ""
		}
	}
	return base
}
