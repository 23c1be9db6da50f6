package passage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A document comes wrapped in lines that are not its author's text: a web
// page's consent banner, menus, share buttons, related links, newsletter
// box, comments and footer; a press release's letterhead, labels, end
// mark and contact block; an article's journal line, DOI, dates,
// keywords, affiliations and copyright. They are recognised by their
// kind's usual shape and wording, never a particular site's, and removed
// in every format, since a PDF or a Markdown file can carry them too.

// kind is a kind of boilerplate line: the pattern of a line of the kind
// and the reason a removed line is logged with.
type kind struct {
	re     *lazyRegexp
	reason string
	// long lets the pattern match lines of any length; otherwise a
	// line of more than shortWords words is never of the kind.
	long bool
	// A line the pattern matches starts with one of starts or has one
	// of has, in lower case. Running every pattern on every line took
	// half of Normalise's time; a line with neither is passed over.
	starts, has []string
}

// mayMatch reports whether the line folded, as foldCase folds it,
// starts with or has what a line of the kind does.
func (k kind) mayMatch(folded string) bool {
	for _, c := range k.starts {
		if strings.HasPrefix(folded, c) {
			return true
		}
	}
	for _, c := range k.has {
		if strings.Contains(folded, c) {
			return true
		}
	}
	return false
}

// foldCase lowers the letters of s that (?i) matches with an ASCII
// letter to that letter, "ſ" to "s" and the Kelvin sign to "k" too, so
// that mayMatch passes every line a pattern matches, in any case.
func foldCase(s string) string {
	return strings.Map(func(r rune) rune {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < utf8.RuneSelf {
				return unicode.ToLower(f)
			}
		}
		return r
	}, s)
}

// shortWords is the most words a line of page furniture usually has.
const shortWords = 16

// web is the reason for a web page's furniture, whatever its kind.
const web = "web boilerplate"

var kinds = []kind{
	// Consent banners and their buttons.
	{re: newLazyRegexp(`(?i)\bcookies?\b.*\b(?:use|accept|consent|settings|preferences|policy|opt[ -]out|improve|experience)\b|^(?:(?:accept|reject|allow|deny|refuse|decline|manage|customi[sz]e)(?: all| additional| necessary| optional)?(?: cookies| preferences| settings| choices)?|(?:cookie|privacy) (?:settings|preferences))$`), reason: web, long: true,
		starts: []string{"accept", "reject", "allow", "deny", "refuse", "decline", "manage", "customi", "privacy"}, has: []string{"cookie"}},
	// Share and follow buttons.
	{re: newLazyRegexp(`(?i)^(?:share(?: this(?: page| article| story| post)?)?(?:(?: on| via| to) \S+)?:?|follow us\b.*|copy link|print(?: this page)?|tweet|pin it|email this)$`), reason: web,
		starts: []string{"share", "follow us", "copy link", "print", "tweet", "pin it", "email this"}},
	// Calls to action.
	{re: newLazyRegexp(`(?i)^click here\b`), reason: web, long: true,
		starts: []string{"click here"}},
	// Breadcrumbs: "Home > News > Europe", "Home › Blog".
	{re: newLazyRegexp(`^(?:Home|Start|Accueil|Inicio)\s*[>›»/|]|^[^>›»]{1,40}(?:\s[>›»]\s[^>›»]{1,40}){2,}$`), reason: web,
		starts: []string{"home", "start", "accueil", "inicio"}, has: []string{">", "›", "»"}},
	// Navigation to related or adjacent articles.
	{re: newLazyRegexp(`(?i)^(?:related(?: articles| stories| posts| links| content| reading| coverage)?|you (?:may|might) also (?:like|be interested in)|read (?:more|next|also)|more (?:from|on|stories)\b.*|recommended(?: for you| reading)?|most (?:read|popular|viewed)|(?:←\s*)?previous(?: post| article| story)?:.*|next(?: post| article| story)?:.*|.*\s→|post navigation):?$`), reason: web,
		starts: []string{"related", "you may also", "you might also", "read more", "read next", "read also", "more from", "more on", "more stories", "recommended", "most read", "most popular", "most viewed", "←", "previous", "next", "post navigation"}, has: []string{"→"}},
	// Newsletter sign-ups.
	{re: newLazyRegexp(`(?i)\b(?:newsletters?|sign up|subscribe|in your inbox)\b`), reason: web,
		has: []string{"newsletter", "sign up", "subscribe", "in your inbox"}},
	// Comment forms and comment sections.
	{re: newLazyRegexp(`(?i)^(?:leave a (?:reply|comment)|your email address will not be published|required fields are marked|this site uses akismet|comments? (?:on this article )?(?:are|is) (?:now )?closed|log in to (?:comment|reply))\b|^(?:reply|report|like|flag)$`), reason: web, long: true,
		starts: []string{"leave a reply", "leave a comment", "your email address will not be published", "required fields are marked", "this site uses akismet", "comment", "log in to", "reply", "report", "like", "flag"}},
	// Site chrome and footers.
	{re: newLazyRegexp(`(?i)^(?:skip to (?:main )?content|sign in|log in|menu|search(?: for)?:?|advertisement|(?:photograph|photo|image|illustration|credit)s?:.*|you have read \d+ of \d+ .*|(?:(?:privacy(?: policy| notice)?|terms(?: and conditions| of (?:use|service))?|cookie policy|cookies|accessibility|contact(?: us)?|about(?: us)?|legal(?: notice)?|sitemap|careers|imprint|help|faq)\s*[·|•/]?\s*)+|build \S+|version \d\S*)$`), reason: web,
		starts: []string{"skip to", "sign in", "log in", "menu", "search", "advertisement", "photo", "image", "illustration", "credit", "you have read", "privacy", "terms", "cookie", "accessibility", "contact", "about", "legal", "sitemap", "careers", "imprint", "help", "faq", "build ", "version "}},
	// A syndicated article's note on where it first appeared.
	{re: newLazyRegexp(`(?i)^(?:originally|first) published (?:at|by|in|on) `), reason: web, long: true,
		starts: []string{"originally published", "first published"}},
	// Copyright and licence lines.
	{re: newLazyRegexp(`(?i)^(?:©|\(c\)\s*\d{4}|copyright\b)|\ball rights reserved\b|\bcreative commons\b|\bCC BY(?:-[A-Z]{2})*\b.*licen[cs]e`), reason: "copyright line",
		starts: []string{"©", "(c)", "copyright"}, has: []string{"all rights reserved", "creative commons", "licen"}},
	// Journal furniture: DOI, ISSN, volume and issue, page range.
	{re: newLazyRegexp(`(?i)\bdoi\b\s*:?\s*10\.\d{4,}/|\bdoi\.org/10\.|\bissn\b:?\s*\d{4}-\d{3}[\dx]\b|\bvol\.?\s*\d+\s*,?\s*(?:no|issue)\.?\s*\d+|\bpp\.\s*\d+\s*[-–]\s*\d+$`), reason: "publication details",
		has: []string{"doi", "issn", "vol", "pp."}},
	// Article history and keywords.
	{re: newLazyRegexp(`(?i)^(?:article history|received|accepted|revised|published(?: online| on)?|available online|first published|last (?:updated|modified)(?: on)?|date)\s*(?::|\d)|^(?:published(?: on)?|last (?:updated|modified)(?: on)?|from):$`), reason: "article history",
		starts: []string{"article history", "received", "accepted", "revised", "published", "available online", "first published", "last updated", "last modified", "date", "from:"}},
	{re: newLazyRegexp(`(?i)^(?:key ?words|index terms|subjects|tags|tagged|topics|jel(?: classification)?)\s*[:：]\s*\S`), reason: "keywords line",
		starts: []string{"keywords", "key words", "index terms", "subjects", "tags", "tagged", "topics", "jel"}},
	// Press release labels, end marks and organisation profiles.
	{re: newLazyRegexp(`(?i)^(?:press release|news release|media release|press statement|for immediate release|immediate release|embargoed?\b.*)$`), reason: "press release label",
		starts: []string{"press release", "news release", "media release", "press statement", "for immediate release", "immediate release", "embargo"}},
	{re: newLazyRegexp(`(?i)^(?:[-–—]\s*)?(?:ends?|end of (?:press )?release|-?\s*30\s*-?|#{3,})(?:\s*[-–—])?$`), reason: "end mark",
		has: []string{"end", "30", "###"}},
	// Contact blocks.
	{re: newLazyRegexp(`(?i)^(?:for (?:further|more) information|for (?:media|press) (?:enquiries|inquiries)|(?:media|press) (?:contacts?|enquiries|inquiries|office)|contacts?)\b[^.]{0,40}(?::|\bcontact)$|^(?:media|press) (?:contacts?|enquiries|inquiries|office)$|^for (?:further|more) information:`), reason: "contact details",
		starts: []string{"for further information", "for more information", "for media ", "for press ", "media ", "press ", "contact"}},
	{re: newLazyRegexp(`(?i)^(?:tel(?:ephone)?|phone|mobile|mob|fax|e-?mail|web(?:site)?)\.?\s*[:.]|^(?:https?://|www\.)\S+$|[\w.+-]+@[\w-]+\.[\w.-]+|^p\.?\s?o\.? box\b|\+\d{1,3}(?:[ ()-]*\d){7,}`), reason: "contact details",
		starts: []string{"tel", "phone", "mob", "fax", "e-mail", "email", "web", "http", "www."}, has: []string{"@", "+", "box"}},
	// Disclaimers and citation advice.
	{re: newLazyRegexp(`(?i)^the views expressed\b.*\bthose of the authors?\b|^how to cite\b`), reason: "disclaimer", long: true,
		starts: []string{"the views expressed", "how to cite"}},
}

// separator reports whether s only separates sections: "....", "---",
// "* * *", "•••". It is `^(?:[.*_=~-]\s*){3,}$|^[…•·]+$` written out: as
// a regexp, whose alternatives are anchored each on its own, it was
// tried from every position of every line, the costliest test of
// removeBoilerplate.
func separator(s string) bool {
	const marks, spaces = ".*_=~-", " \t\n\f\r" // [.*_=~-] and \s
	if s == "" {
		return false
	}
	if strings.IndexByte(marks, s[0]) < 0 {
		for _, r := range s {
			if r != '…' && r != '•' && r != '·' {
				return false
			}
		}
		return true
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch {
		case strings.IndexByte(marks, s[i]) >= 0:
			n++
		case strings.IndexByte(spaces, s[i]) < 0:
			return false
		}
	}
	return n >= 3
}

// keywords matches a "Keywords" label left without its keywords.
var keywords = newLazyRegexp(`(?i)^key ?words:?$`)

// byline matches "By Deirdre Tynan", "By Claudia Chia and Zheng Haiqi" and
// "By Lucía Moreno Galán in El Ejido".
var byline = newLazyRegexp(`^(?i:by)\s+\p{Lu}[\p{L}.'’-]*(?:,?\s+(?:and\s+|&\s+)?\p{Lu}[\p{L}.'’-]*){0,7}(?:\s+in\s+\p{Lu}.{0,40})?$`)

// dateline matches a place and a date alone on a line, or a date alone:
// "ADDIS ABABA, 19 October 2023", "Chișinău, 14 May 2024", "3 June 2024".
var dateline = newLazyRegexp(`^(?:\p{Lu}[\p{L}.'’ -]{1,40},\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?(?:\d{1,2}\s+` + month + `\.?,?\s+\d{4}|` + month + `\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d\d-\d\d)\b[^.]*$`)

// isDateline reports whether s is a dateline of at most eight words.
// Every date has an ASCII digit and most lines have more words, so the
// pattern is run on few lines.
func isDateline(s string) bool {
	return strings.ContainsAny(s, "0123456789") && wordsAtMost(s, 8) && dateline.MatchString(s)
}

const month = `(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

// metadata matches a line of short fields parted by " · " or " | ", as
// bylines, dates and report numbers are printed: "Bulletin No. 6 · Data
// as of 5 April 2024", "Received: 3 March 2023 | Accepted: …".
var metadata = newLazyRegexp(`^[^·|•]{1,60}(?:\s[·|•]\s[^·|•]{1,60})+$`)

// isMetadata reports whether s is a line of metadata fields. The
// pattern is run only on a line with a "·", "|" or "•", which few have:
// on every line it took a tenth of removeBoilerplate's time.
func isMetadata(s string) bool {
	return strings.ContainsAny(s, "·|•") && metadata.MatchString(s) && metadataField.MatchString(s)
}

// metadataField matches a field that only metadata holds: a date, a
// number, a report or issue label, a reading time, an address.
var metadataField = newLazyRegexp(`(?i)\d{4}|\bno\.\s*\d|\b(?:report|bulletin|issue|vol|edition|min read|tel|www\.|@)`)

// bioRE matches the first words of an author's biography: "Lucía Moreno
// Galán is the Meridian Post’s Spain correspondent".
var bioRE = newLazyRegexp(`^(?:(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+)?\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s+is\s+(?:a|an|the)?\b.{0,80}?\b(?i:correspondent|reporter|journalist|writer|editor|fellow|analyst|researcher|professor|lecturer|director|associate|student|consultant|scientist|economist|officer|author)\b`)

// institution matches the name of an organisation or of an academic
// institution, in the languages of the sources.
var institution = newLazyRegexp(`(?i)\b(?:minist(?:ry|ère|erio|erul)|department|département|directorate|direction|republi(?:c|que|ca)|república|government|gouvernement|office|agency|organi[sz]ation|institut[eo]?|universit(?:y|é|ät|y of|at)|universidad|faculty|school of|college|council|commission|bureau|authority|centre|center|foundation|association|secretariat|embassy)\b`)

// bylineWindow is how many non-blank lines from the top a byline may sit.
const bylineWindow = 10

// removeBoilerplate removes boilerplate by kind, separators, orphan
// keyword labels, bylines and datelines near the top, author bios, the
// letterhead above a title and noise a scanner made.
func (d *doc) removeBoilerplate() {
	seen := 0
	for i := range d.lines {
		l := &d.lines[i]
		if l.blank() || !l.body() {
			continue
		}
		seen++
		t := d.plainText(i)
		if reason := lineKind(t); reason != "" {
			d.remove(i, d.furnitureReason(i, reason))
			continue
		}
		switch {
		case separator(t):
			d.remove(i, "separator")
		case keywords.MatchString(t):
			d.remove(i, "orphan keywords line")
		case seen <= bylineWindow && byline.MatchString(t):
			d.remove(i, "byline")
		case isDateline(t):
			d.remove(i, "dateline")
		case isMetadata(t) && !endsSentence(t) && !d.tableRow(i):
			d.remove(i, "document details")
		case d.format != "markdown" && strings.HasPrefix(t, "*") && institution.MatchString(t),
			strings.HasPrefix(t, "†"):
			d.remove(i, "affiliation")
		case scanNoise(t):
			d.remove(i, "scanning noise")
		}
	}
	d.removeBlocks()
	d.removeLetterhead()
	if d.format == "markdown" {
		d.removeFrontLines()
	}
}

// plainText is line i's text without the Markdown that marks a heading,
// so that a heading is judged by its words.
func (d *doc) plainText(i int) string {
	if d.format != "markdown" {
		return d.lines[i].text
	}
	if m := atxHeading.FindStringSubmatch(d.lines[i].text); m != nil {
		return m[2]
	}
	return d.lines[i].text
}

// removeFrontLines removes the short lines above a Markdown document's
// first heading, when body text follows the heading: the details a
// court, a ministry or a journal prints above the title ("Case No: …",
// "Before:", "Between:").
func (d *doc) removeFrontLines() {
	h := -1
	for i := range d.lines {
		if d.lines[i].body() && atxHeading.MatchString(d.lines[i].text) {
			h = i
			break
		}
	}
	if h < 0 || d.nextBody(h) < 0 {
		return
	}
	for i := range h {
		t := d.lines[i].text
		if d.lines[i].body() && len(strings.Fields(t)) <= 2*shortWords-12 && !endsSentence(t) {
			d.remove(i, "document details")
		}
	}
}

// lineKind returns the reason for removing a line of a boilerplate kind,
// or "".
func lineKind(s string) string {
	short := len(strings.Fields(s)) <= shortWords
	folded := foldCase(s)
	for _, k := range kinds {
		if (short || k.long) && k.mayMatch(folded) && k.re.MatchString(s) {
			return k.reason
		}
	}
	return ""
}

// furnitureReason turns journal furniture below the head of the text,
// where it can only be page furniture, into the running head or foot it
// is: a head when it follows a page number or break, a foot otherwise.
func (d *doc) furnitureReason(i int, reason string) string {
	if reason != "publication details" || i < d.headEnd() {
		return reason
	}
	if p := d.prevText(i); p >= 0 && d.anchors[p] > 0 || d.lines[i].brk {
		return "running header"
	}
	return "running footer"
}

// headEnd returns the line after the head of the text, its first
// furnitureLines lines with text, where a journal prints its details.
func (d *doc) headEnd() int {
	i, n := 0, 0
	for ; i < len(d.lines) && n < furnitureLines; i++ {
		if !d.lines[i].blank() {
			n++
		}
	}
	return i
}

// furnitureLines is how many lines with text the head of an article
// has, with its journal, title, authors, affiliations and dates.
const furnitureLines = 10

// tableRow reports whether line i sits among lines parted into cells the
// same way, as a table's rows are.
func (d *doc) tableRow(i int) bool {
	cells := func(j int) int { return strings.Count(d.lines[j].text, " | ") + strings.Count(d.lines[j].text, " · ") }
	n := cells(i)
	for _, j := range []int{d.prevText(i), d.nextText(i)} {
		if j >= 0 && cells(j) == n {
			return true
		}
	}
	return false
}

// scanNoise reports whether s is mostly stray characters, as a stamp or
// a signature comes out of character recognition. It reads the words
// where they stand (FieldsSeq), since copying every line's words out
// (Fields) cost more than the test.
func scanNoise(s string) bool {
	words, stray := 0, 0
	for f := range strings.FieldsSeq(s) {
		words++
		letters := 0
		for _, r := range f {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				letters++
			}
		}
		if letters <= 1 {
			stray++
		}
	}
	return words >= 6 && stray*5 >= words*3
}

// wordsAtMost reports whether s has at most n words, as strings.Fields
// cuts them, without copying them out.
func wordsAtMost(s string, n int) bool {
	for range strings.FieldsSeq(s) {
		if n--; n < 0 {
			return false
		}
	}
	return true
}

// removeBlocks removes what runs on from a line of boilerplate that
// opens a block: the lines of a contact block under its label, of an
// organisation's profile ("About the Ministry: …"), of an author's bio,
// and a comment section to its end.
func (d *doc) removeBlocks() {
	for i := range d.lines {
		l := &d.lines[i]
		switch {
		case l.removed == web && commentsHead.MatchString(l.text):
			for j := i + 1; j < len(d.lines); j++ {
				d.remove(j, web)
			}
		case l.removed == "contact details" && strings.HasSuffix(l.text, ":"):
			// The block runs to a blank line; in Markdown, where every
			// line is a paragraph, over blank lines while lines are
			// short and do not read as sentences.
			for j := i + 1; j < len(d.lines); j++ {
				t := d.lines[j].text
				if d.lines[j].blank() {
					if d.format == "markdown" {
						continue
					}
					break
				}
				if len(strings.Fields(t)) > shortWords || startsLower(t) || endsSentence(t) && lineKind(t) != "contact details" {
					break
				}
				d.remove(j, "contact details")
			}
		case l.body() && (aboutOrg.MatchString(l.text) || bioRE.MatchString(l.text) && d.lastParagraph(i)):
			reason := "author bio"
			if aboutOrg.MatchString(l.text) {
				reason = "organisation profile"
			}
			for j := i; j < len(d.lines) && !d.lines[j].blank(); j++ {
				d.remove(j, reason)
			}
		case l.body() && aboutAuthors.MatchString(l.text):
			d.remove(i, "author bio")
			for j := d.nextText(i); j >= 0 && d.lines[j].body() && bioRE.MatchString(d.lines[j].text); j = d.nextText(j) {
				d.remove(j, "author bio")
			}
		}
	}
}

var (
	// commentsHead opens a comment section: "Comments (3)", "12
	// comments", "Leave a Reply".
	commentsHead = newLazyRegexp(`(?i)^(?:\d+\s+comments?|comments?\s*\(\d+\)|comments|leave a (?:reply|comment)|join the (?:discussion|conversation))$`)
	// aboutOrg opens an organisation's profile in a press release.
	aboutOrg = newLazyRegexp(`^About (?:the )?\p{Lu}[^:]{0,60}:\s+\S`)
	// aboutAuthors heads the authors' bios.
	aboutAuthors = newLazyRegexp(`(?i)^about the authors?$`)
)

// lastParagraph reports whether line i starts the last paragraph of
// the body, where an author's bio stands.
func (d *doc) lastParagraph(i int) bool {
	if i > 0 && !d.lines[i-1].blank() {
		return false
	}
	j := i
	for j+1 < len(d.lines) && !d.lines[j+1].blank() {
		j++
	}
	return d.nextBody(j) < 0
}

// removeLetterhead removes the sender's block above a title: the first
// lines, up to the first blank line, when each is short, none ends a
// sentence and one names an organisation or gives contact details, and a
// title follows.
func (d *doc) removeLetterhead() {
	first := d.nextBody(-1)
	if first < 0 {
		return
	}
	var block []int
	named := false
	for j := first; j < len(d.lines) && !d.lines[j].blank(); j++ {
		l := &d.lines[j]
		if l.removed == "contact details" || l.removed == "publication details" {
			named = true
			block = append(block, j)
			continue
		}
		t := d.plainText(j)
		if !l.body() || endsSentence(t) || len(strings.Fields(t)) > 2*shortWords-12 {
			return
		}
		named = named || institution.MatchString(t)
		block = append(block, j)
	}
	next := d.nextBody(block[len(block)-1])
	if !named || next < 0 || endsSentence(d.lines[next].text) {
		return
	}
	for _, j := range block {
		d.remove(j, "letterhead")
	}
}

// removeAuthorLine removes the names under a title heading at the top of
// the text ("Claudia Chia and Zheng Haiqi"): the source's metadata carries
// them, and as a paragraph they would take ¶1.
func (d *doc) removeAuthorLine() {
	first := d.nextBody(-1)
	if first < 0 || d.lines[first].heading != 1 {
		return
	}
	if next := d.nextBody(first); next >= 0 && d.lines[next].heading == 0 && names(d.lines[next].text) {
		d.remove(next, "byline")
		if aff := d.nextBody(next); aff >= 0 && institution.MatchString(d.lines[aff].text) && !endsSentence(d.lines[aff].text) &&
			len(strings.Fields(d.lines[aff].text)) <= 2*shortWords {
			d.remove(aff, "affiliation")
		}
	}
}

// names reports whether s is a short list of capitalised names, perhaps
// with the marks of their affiliations ("Mikhailova*").
func names(s string) bool {
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(words) < 2 || len(words) > 10 || strings.ContainsAny(s, ".:;?!") {
		return false
	}
	for _, w := range words {
		if w != "and" && w != "&" && !unicode.IsUpper(firstLetter(w)) {
			return false
		}
	}
	return true
}

// nextBody returns the first body line after i, or -1.
func (d *doc) nextBody(i int) int {
	for j := i + 1; j < len(d.lines); j++ {
		if d.lines[j].body() {
			return j
		}
	}
	return -1
}
