package export

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// BibTeX returns the sources as a .bib file in biblatex's data model,
// which biber, pandoc, Zotero and JabRef read: entry types such as
// @online and @report, dates in one date field (2012, 2012-05,
// 2013-01-14, 2012~ when approximate), UTF-8 kept as it is. Each entry's
// key is the source's key. Titles are wrapped in a second pair of braces
// so that no style changes their case, and organisations as authors in
// one, so that none is split into given and family names.
func BibTeX(sources []*site.Source) []byte {
	var b bytes.Buffer
	for i, s := range sources {
		if i > 0 {
			b.WriteString("\n")
		}
		writeEntry(&b, entryOf(s))
	}
	return b.Bytes()
}

func writeEntry(b *bytes.Buffer, e entry) {
	fmt.Fprintf(b, "@%s{%s,\n", e.Kind.Bib, e.Key)
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(b, "  %s = {%s},\n", name, value)
		}
	}
	var authors []string
	for _, n := range e.Authors {
		authors = append(authors, bibName(n))
	}
	field("author", strings.Join(authors, " and "))
	if e.Title != "" {
		field("title", "{"+bibEscape(e.Title)+"}")
	}
	switch e.Kind.Bib {
	case "online":
		field("organization", bibList(e.Container))
	default:
		field("journaltitle", bibEscape(e.Container))
	}
	switch e.Kind.Bib {
	case "report", "thesis":
		field("institution", bibList(e.Publisher))
	default:
		field("publisher", bibList(e.Publisher))
	}
	field("type", bibEscape(e.Kind.Genre))
	field("entrysubtype", e.Kind.Subtype)
	field("volume", bibEscape(e.Volume))
	field("number", bibEscape(e.Issue))
	field("pages", pageRange.ReplaceAllString(bibEscape(e.Pages), "--"))
	if e.Date.Literal == "" && !e.Date.IsZero() {
		field("date", e.Date.edtf())
	}
	field("issn", bibEscape(e.ISSN))
	field("doi", bibVerbatim(e.DOI))
	field("url", bibVerbatim(e.URL))
	field("langid", langid(e.Language))
	note := e.Note
	if e.Date.Literal != "" {
		// biblatex's date takes only ISO 8601 dates; say the rest.
		note = strings.TrimPrefix(note+". Dated "+e.Date.Literal, ". ")
	}
	field("note", bibEscape(note))
	b.WriteString("}\n")
}

// pageRange is the dash of a page range, which biblatex writes "--".
var pageRange = regexp.MustCompile(`\s*[-–—]+\s*`)

// bibName writes a name as biblatex reads it: "Family, Given",
// "van Beethoven, Ludwig", "King, Jr., Martin Luther", or an
// organisation in braces.
func bibName(n name) string {
	if n.Literal != "" {
		return "{" + bibEscape(n.Literal) + "}"
	}
	family := bibEscape(n.Family)
	if strings.Contains(n.Family, " ") {
		// "Puig i Solé" is one family name, not "i Solé" after "Puig".
		family = "{" + family + "}"
	}
	if n.Particle != "" {
		family = bibEscape(n.Particle) + " " + family
	}
	parts := []string{family}
	if n.Suffix != "" {
		parts = append(parts, bibEscape(n.Suffix))
	}
	if n.Given != "" {
		parts = append(parts, bibEscape(n.Given))
	}
	return strings.Join(parts, ", ")
}

// bibEscape escapes the characters that mean something to TeX or to the
// .bib syntax, and leaves every other character, UTF-8 included, as it
// is. Control characters, which no field may hold, become spaces.
func bibEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&', '%', '$', '#', '_', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '\\':
			b.WriteString(`\textbackslash{}`)
		default:
			if r < ' ' || r == 0x7f {
				r = ' '
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibList writes one name into a biblatex list field (publisher,
// institution, organization), which biblatex splits at "and": a name
// with an "and" in it is braced to keep it whole.
func bibList(s string) string {
	s = bibEscape(s)
	if andWord.MatchString(s) {
		return "{" + s + "}"
	}
	return s
}

var andWord = regexp.MustCompile(`(?i)\sand\s`)

// bibVerbatim writes a URL or DOI, which biblatex reads verbatim: only
// what would break the .bib syntax is percent-encoded.
func bibVerbatim(s string) string {
	return strings.NewReplacer("{", "%7B", "}", "%7D", "\\", "%5C", " ", "%20", "\n", "%0A").Replace(s)
}

// babel names languages by name; langid is how biblatex (and pandoc)
// learn a source's language, to hyphenate and case its title.
var babel = map[string]string{
	"en": "english", "fr": "french", "de": "german", "es": "spanish", "it": "italian",
	"pt": "portuguese", "nl": "dutch", "ru": "russian", "uk": "ukrainian", "pl": "polish",
	"cs": "czech", "sv": "swedish", "da": "danish", "nb": "norsk", "fi": "finnish",
	"tr": "turkish", "el": "greek", "ca": "catalan",
}

// langid returns the babel language of a BCP 47 tag ("en-GB" is
// english), or "" for one it does not know.
func langid(tag string) string {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	return babel[primary]
}
