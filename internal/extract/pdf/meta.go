package pdf

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"unicode"
)

// readMeta reads a PDF's Info dictionary (pdfinfo) and its XMP packet
// (pdfinfo -meta). Where both give a field, the XMP one wins: it can list
// several authors and give a language. The language falls back on the
// document catalog's /Lang entry.
func readMeta(ctx context.Context, path string) (Meta, error) {
	tool, err := exec.LookPath("pdfinfo")
	if err != nil {
		return Meta{}, ErrNoPoppler
	}
	out, err := run(ctx, tool, "-isodates", "-enc", "UTF-8", path)
	if err != nil {
		return Meta{}, err
	}
	info := parseInfo(out)
	var x xmp
	if packet, err := run(ctx, tool, "-meta", path); err == nil {
		x = parseXMP(packet)
	}
	m := Meta{
		Title:     cleanTitle(first(x.title, info["Title"])),
		Authors:   x.creators,
		Date:      isoDate(first(x.date, x.created, info["CreationDate"])),
		Publisher: x.publisher,
		Language:  x.language,
		Subject:   first(info["Subject"], x.description),
	}
	if len(m.Authors) == 0 {
		m.Authors = splitAuthors(info["Author"])
	}
	if m.Language == "" {
		m.Language = catalogLang(path)
	}
	return m, nil
}

func first(values ...string) string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// parseInfo reads pdfinfo's "Key:   value" lines.
func parseInfo(out []byte) map[string]string {
	info := map[string]string{}
	for l := range strings.Lines(string(out)) {
		if k, v, ok := strings.Cut(l, ":"); ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info
}

// xmp holds the fields of an XMP packet that dossier uses.
type xmp struct {
	title, date, created, publisher, language, description string
	creators                                               []string
}

const (
	nsDC  = "http://purl.org/dc/elements/1.1/"
	nsXMP = "http://ns.adobe.com/xap/1.0/"
	nsRDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
)

// parseXMP reads the Dublin Core and XMP basic properties of a packet,
// written either as elements or as attributes of rdf:Description. Of a
// language alternative it keeps the x-default entry, or the first.
func parseXMP(packet []byte) xmp {
	var x xmp
	set := func(ns, name, value string, isDefault bool) {
		value = strings.TrimSpace(value)
		if value == "" {
			return
		}
		switch {
		case ns == nsDC && name == "title" && (x.title == "" || isDefault):
			x.title = value
		case ns == nsDC && name == "creator":
			x.creators = append(x.creators, value)
		case ns == nsDC && name == "date" && x.date == "":
			x.date = value
		case ns == nsDC && name == "publisher" && x.publisher == "":
			x.publisher = value
		case ns == nsDC && name == "language" && x.language == "" && value != "x-default":
			x.language = value
		case ns == nsDC && name == "description" && (x.description == "" || isDefault):
			x.description = value
		case ns == nsXMP && name == "CreateDate" && x.created == "":
			x.created = value
		}
	}
	dec := xml.NewDecoder(bytes.NewReader(packet))
	dec.Strict = false
	var (
		prop      xml.Name // the dc: or xmp: property being read
		isDefault bool
		text      strings.Builder
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsRDF && t.Name.Local == "Description" {
				for _, a := range t.Attr {
					set(a.Name.Space, a.Name.Local, a.Value, false)
				}
			}
			if t.Name.Space == nsDC || t.Name.Space == nsXMP {
				prop = t.Name
			}
			if t.Name.Space == nsRDF && t.Name.Local == "li" {
				isDefault = false
				for _, a := range t.Attr {
					if a.Name.Local == "lang" && a.Value == "x-default" {
						isDefault = true
					}
				}
			}
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			switch {
			case t.Name.Space == nsRDF && t.Name.Local == "li" && prop.Local != "":
				set(prop.Space, prop.Local, text.String(), isDefault)
			case t.Name == prop:
				// A simple property holds its value as text; one with an
				// rdf:Seq, Bag or Alt was set by its rdf:li elements.
				set(prop.Space, prop.Local, text.String(), false)
				prop = xml.Name{}
			}
			text.Reset()
		}
	}
	return x
}

var (
	isoPrefix = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?`)
	// fileTitle matches the titles authoring tools write when the author
	// gave none: the file's name.
	fileTitle = regexp.MustCompile(`(?i)\.(docx?|odt|rtf|pdf|indd|tex|pptx?|xlsx?|pages)$`)
	catalog   = regexp.MustCompile(`/Type\s*/Catalog\b`)
	langEntry = regexp.MustCompile(`/Lang\s*\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\)`)
)

// isoDate keeps the date of an ISO 8601 timestamp.
func isoDate(s string) string {
	m := isoPrefix.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil || m[1] == "0000" {
		return ""
	}
	out := m[1]
	for _, part := range m[2:] {
		if part == "" || part == "00" {
			break
		}
		out += "-" + part
	}
	return out
}

func cleanTitle(s string) string {
	if fileTitle.MatchString(s) || strings.EqualFold(s, "untitled") {
		return ""
	}
	return s
}

// splitAuthors splits an Info Author entry into names: at semicolons,
// and at commas when every part looks like a person's name (two to four
// capitalised words), so that "Smith, John" and an organisation's name
// with a comma stay whole.
func splitAuthors(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		names := strings.Split(part, ",")
		for i := range names {
			names[i] = strings.TrimSpace(names[i])
		}
		if len(names) > 1 && allPersons(names) {
			out = append(out, names...)
		} else {
			out = append(out, part)
		}
	}
	return out
}

func allPersons(names []string) bool {
	for _, n := range names {
		words := strings.Fields(strings.TrimPrefix(n, "and "))
		if len(words) < 2 || len(words) > 4 {
			return false
		}
		for _, w := range words {
			if r := []rune(w)[0]; !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// catalogLang reads the /Lang entry of a document catalog that is stored
// as plain text, as many writers leave it, in the first 32 MB of the
// file; a catalog inside a compressed object stream gives nothing.
func catalogLang(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, 32<<20))
	if err != nil {
		return ""
	}
	for _, loc := range catalog.FindAllIndex(data, -1) {
		start := bytes.LastIndex(data[:loc[0]], []byte("obj"))
		end := bytes.Index(data[loc[1]:], []byte("endobj"))
		if start < 0 || end < 0 {
			continue
		}
		if m := langEntry.FindSubmatch(data[start : loc[1]+end]); m != nil {
			return string(m[1])
		}
	}
	return ""
}
