package html

import (
	"net/url"
	"regexp"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Meta is what a page says about itself, for a source's front matter. A
// field the page does not give is empty.
type Meta struct {
	Title   string
	Authors []string
	// Date is the date of publication in ISO 8601, as precise as the page
	// gives it: "2024-05-14", or "2024-05" or "2024".
	Date string
	// Publisher is the name of the site or of the organisation that
	// publishes it.
	Publisher string
	// URL is the page's canonical address.
	URL string
	// Language is the primary language subtag: "en", "es".
	Language    string
	Description string
	// Kind is "news article", "journal article", "report", "blog post",
	// "article" or "web page".
	Kind string
	// Extractor names the extractor and its version, for the record.
	Extractor string
}

// Each field is read from the sources a page has for it, in order of
// trust: JSON-LD; OpenGraph and article meta; citation_* (Highwire) and
// Dublin Core meta; plain <meta name>; <link rel=canonical> and <html
// lang>; the <title>; and last what readability makes of the page.

// tags are a page's metadata: meta elements by their property, name,
// itemprop or http-equiv (lowercase), and the rest under keys of their
// own.
type tags map[string][]string

// Keys of tags that are not meta elements.
const (
	keyTitle     = "<title>"
	keyLang      = "<html lang>"
	keyCanonical = "<link rel=canonical>"
	keyH1        = "<h1>"
	keySavedFrom = "<!-- saved from -->"
)

// savedFrom matches the address a browser or SingleFile notes in a
// comment when it saves a page: "saved from url=(0089)https://..." and
// "url: https://...".
var savedFrom = regexp.MustCompile(`(?:saved from url=\(\d+\)|(?m)^\s*url:\s*)(https?://\S+)`)

// collectTags gathers a page's metadata and its JSON-LD scripts.
func collectTags(doc *html.Node) (tags, []string) {
	t := tags{}
	var scripts []string
	h := find(doc, "html")
	if h != nil && attr(h, "lang") != "" {
		t.add(keyLang, attr(h, "lang"))
	}
	for _, n := range []*html.Node{doc, h, find(doc, "head")} {
		if n == nil {
			continue
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if m := savedFrom.FindStringSubmatch(c.Data); c.Type == html.CommentNode && m != nil {
				t.add(keySavedFrom, m[1])
			}
		}
	}
	elements(doc, func(e *html.Node) bool {
		switch e.Data {
		case "svg", "math":
			return false // their <title> is a picture's
		case "meta":
			for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
				if key := attr(e, k); key != "" {
					t.add(strings.ToLower(strings.TrimSpace(key)), attr(e, "content"))
				}
			}
		case "title":
			t.add(keyTitle, textContent(e))
		case "h1":
			t.add(keyH1, textContent(e))
		case "link":
			if strings.EqualFold(attr(e, "rel"), "canonical") {
				t.add(keyCanonical, attr(e, "href"))
			}
		case "script":
			if strings.EqualFold(strings.TrimSpace(attr(e, "type")), "application/ld+json") && e.FirstChild != nil {
				scripts = append(scripts, e.FirstChild.Data)
			}
		}
		if prop := strings.ToLower(attr(e, "itemprop")); prop != "" && e.Data != "meta" {
			switch {
			case prop == "author" || prop == "creator":
				name := e
				elements(e, func(n *html.Node) bool {
					if attr(n, "itemprop") == "name" && name == e {
						name = n
					}
					return true
				})
				t.add("itemprop:author", textContent(name))
			case prop == "datepublished":
				t.add("itemprop:datepublished", first(attr(e, "datetime"), attr(e, "content"), textContent(e)))
			}
		}
		return true
	})
	return t, scripts
}

func (t tags) add(key, value string) {
	if v := squash(value); v != "" {
		t[key] = append(t[key], v)
	}
}

// get returns the first value of the first key the page has.
func (t tags) get(keys ...string) string {
	for _, k := range keys {
		if vs := t[k]; len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

// readMeta reads a page's metadata. pageURL completes relative
// addresses and is the URL when the page gives none; failing it, the
// address the browser noted when it saved the page.
func readMeta(doc *html.Node, pageURL string) Meta {
	t, scripts := collectTags(doc)
	ld := readLinkedData(scripts)
	m := Meta{Extractor: extractor()}

	m.Publisher = first(ld.publisher, t.get("og:site_name"), t.get("citation_journal_title"),
		t.get("citation_publisher", "citation_conference_title"), t.get("dc.publisher", "dcterms.publisher"),
		t.get("application-name"))
	named := first(ld.title, t.get("og:title"), t.get("twitter:title"), t.get("citation_title"),
		t.get("dc.title", "dcterms.title"))
	m.Title = first(named, t.get(keyTitle))
	headings := append(slices.Clone(t[keyH1]), named)
	m.Title, m.Publisher = siteFromTitle(m.Title, m.Publisher, headings)
	if m.Publisher == "" {
		_, m.Publisher = siteFromTitle(t.get(keyTitle), "", headings)
	}

	m.Authors = firstList(ld.authors,
		names(t["article:author"], false), names(t["citation_author"], true),
		names(append(t["dc.creator"], t["dcterms.creator"]...), true),
		names(t["author"], false), names(t["itemprop:author"], false))

	m.Date = pick(isoDate, ld.date, t.get("article:published_time"), t.get("og:published_time"),
		t.get("citation_publication_date"), t.get("citation_date"), t.get("citation_online_date"),
		t.get("dc.date.issued", "dcterms.issued"), t.get("dc.date", "dcterms.date"), t.get("dcterms.created"),
		t.get("date", "pubdate", "publish-date", "publication_date"), t.get("itemprop:datepublished"))

	m.Language = pick(language, ld.language, t.get("og:locale"), t.get("citation_language"),
		t.get("dc.language", "dcterms.language"), t.get("content-language", "language"), t.get(keyLang))

	base, err := url.Parse(pageURL)
	if err != nil || !base.IsAbs() {
		base, _ = url.Parse(t.get(keySavedFrom))
	}
	absolute := func(s string) string { return absURL(base, s) }
	m.URL = pick(absolute, ld.url, t.get("og:url"), t.get("citation_public_url", "citation_abstract_html_url"),
		t.get(keyCanonical), pageURL, t.get(keySavedFrom))

	m.Description = first(ld.description, t.get("og:description"), t.get("twitter:description"),
		t.get("dc.description", "dcterms.description"), t.get("description"))

	m.Kind = ld.kind
	switch {
	case m.Kind != "":
	case t.get("citation_journal_title") != "":
		m.Kind = "journal article"
	case strings.EqualFold(t.get("og:type"), "article"):
		m.Kind = "article"
	default:
		m.Kind = "web page"
	}
	return m
}

// first returns the first of its arguments that is not empty.
func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// firstList returns the first of its arguments that is not empty.
func firstList(lists ...[]string) []string {
	for _, l := range lists {
		if len(l) > 0 {
			return l
		}
	}
	return nil
}

// pick returns the first candidate that norm makes something of, as norm
// makes it.
func pick(norm func(string) string, candidates ...string) string {
	for _, c := range candidates {
		if v := norm(c); v != "" {
			return v
		}
	}
	return ""
}

// titleSeparators set a site's name off a page title: "Title | Site".
var titleSeparators = []string{" | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " : "}

// siteFromTitle removes the site's name from the start or end of a page
// title. When the site is unknown and the title is one of the page's
// headings followed by a separator and more, the rest is taken for the
// site's name.
func siteFromTitle(title, site string, headings []string) (string, string) {
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 {
			head, tail := title[:i], title[i+len(sep):]
			if site != "" && sameSite(tail, site) {
				return head, site
			}
			for _, h := range headings {
				if site == "" && sameText(head, h) {
					return head, tail
				}
			}
		}
		if i := strings.Index(title, sep); i > 0 && site != "" && sameSite(title[:i], site) {
			return title[i+len(sep):], site
		}
	}
	return title, site
}

// sameSite reports whether a part of a title names the site: the same
// words, or one name inside the other ("The Example Times", "Example
// Times").
func sameSite(part, site string) bool {
	p, s := fold(part), fold(site)
	return p != "" && s != "" && (strings.Contains(p, s) || strings.Contains(s, p)) &&
		len(strings.Fields(part)) <= len(strings.Fields(site))+2
}

var urlLike = regexp.MustCompile(`(?i)^(?:https?:|www\.|@)|://`)

// names cleans a list of author names given by meta elements. flip turns
// "Doe, Jane", as citation_author and Dublin Core write a name, into
// "Jane Doe".
func names(values []string, flip bool) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range values {
		if urlLike.MatchString(v) {
			continue // a profile page, not a name
		}
		parts := []string{v}
		if f := strings.Split(v, ","); flip && len(f) == 2 && !strings.Contains(v, ";") {
			parts = []string{squash(f[1] + " " + f[0])}
		} else if !flip {
			parts = splitNames(v)
		}
		for _, p := range parts {
			if k := strings.ToLower(p); p != "" && !seen[k] {
				seen[k] = true
				out = append(out, p)
			}
		}
	}
	return out
}

var (
	nameSeparators = regexp.MustCompile(`\s*(?:;|\s&\s|\sand\s)\s*`)
	bylinePrefix   = regexp.MustCompile(`(?i)^(?:by|von|par|por|door|di|da|av|af)(?:\s+|$)`)
)

// splitNames splits "Jane Doe, John Roe and Ann Poe" into names. A comma
// splits only where every part is two words or more, so that "Doe, Jane"
// stays one name.
func splitNames(s string) []string {
	var out []string
	for _, part := range nameSeparators.Split(s, -1) {
		pieces := strings.Split(part, ",")
		for _, p := range pieces {
			if len(pieces) > 1 && len(strings.Fields(p)) < 2 {
				pieces = []string{part}
				break
			}
		}
		for _, p := range pieces {
			if p = squash(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// bylineNames reads the names of a byline such as "By Jane Doe | 14 May
// 2024": what stands before a "|" or "·", without the word "by".
func bylineNames(byline string) []string {
	byline = squash(byline)
	if i := strings.IndexAny(byline, "|·•"); i >= 0 {
		byline = byline[:i]
	}
	byline = bylinePrefix.ReplaceAllString(strings.TrimSpace(byline), "")
	if byline == "" || urlLike.MatchString(byline) || len(strings.Fields(byline)) > 12 {
		return nil
	}
	return splitNames(byline)
}

var (
	isoPrefix = regexp.MustCompile(`^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?(?:$|[T ])`)
	// Layouts of dates written out, tried in turn.
	dateLayouts = []string{
		"2 January 2006", "January 2, 2006", "Jan 2, 2006", "2 Jan 2006", "02 Jan 2006",
		"Monday, 2 January 2006", "Monday, January 2, 2006", "Mon, 2 Jan 2006",
		time.RFC1123, time.RFC1123Z, time.RFC850, time.ANSIC, "Mon Jan 2 15:04:05 2006",
	}
	monthLayouts = []string{"January 2006", "Jan 2006"}
)

// isoDate returns a date in ISO 8601, "" if s is not one.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if m := isoPrefix.FindStringSubmatch(s); m != nil {
		switch {
		case m[3] != "":
			if t, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3]); err == nil {
				return t.Format("2006-01-02")
			}
			return ""
		case m[2] != "":
			if t, err := time.Parse("2006-1", m[1]+"-"+m[2]); err == nil {
				return t.Format("2006-01")
			}
			return ""
		}
		return m[1]
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02")
		}
	}
	for _, l := range monthLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01")
		}
	}
	return ""
}

var languageTag = regexp.MustCompile(`^([A-Za-z]{2,3})(?:$|[-_])`)

// language returns the primary subtag of a language tag, lowercase: "en"
// for "en-GB", "en_US" or "EN".
func language(s string) string {
	if m := languageTag.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		return strings.ToLower(m[1])
	}
	return ""
}

// absURL returns s resolved against base when it is an address on the
// web, and "" otherwise.
func absURL(base *url.URL, s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || s == "" {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// The module that finds the article, and its version when the build does
// not record it.
const (
	readabilityModule  = "codeberg.org/readeck/go-readability/v2"
	readabilityVersion = "v2.1.3"
)

// converterVersion numbers the conventions of this package's Markdown; it
// changes when the same page would be written differently.
const converterVersion = "1"

// extractor names the extractor for the record.
func extractor() string {
	v := readabilityVersion
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if d.Path == readabilityModule {
				v = d.Version
				if d.Replace != nil {
					v = d.Replace.Version
				}
			}
		}
	}
	return "go-readability " + v + " + dossier extract/html " + converterVersion
}
