package load

import (
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-dev/dossier/internal/site"
)

// Files at the top of a content folder.
const (
	ConfigFile   = "dossier.yaml"
	SummaryFile  = "index.md"
	TimelineFile = "timeline.yaml"
)

var (
	datePattern = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)
	// isoLike matches what is meant as a date in ISO form, right or
	// wrong, as opposed to "unknown" or "c. 2012".
	isoLike = regexp.MustCompile(`^\d{4}-\d`)
)

// dateProblem says what is wrong with a date, or "" if nothing: dates are
// YYYY, YYYY-MM or YYYY-MM-DD, and a day must be one its month has, since
// dates are sorted as text and written into feed.xml as they are.
func dateProblem(date string) string {
	if !datePattern.MatchString(date) {
		return "write YYYY, YYYY-MM or YYYY-MM-DD"
	}
	if len(date) == len(time.DateOnly) {
		if _, err := time.Parse(time.DateOnly, date); err != nil {
			month, _ := time.Parse("2006-01", date[:7])
			return fmt.Sprintf("%s has %d days", date[:7], month.AddDate(0, 1, -1).Day())
		}
	}
	return ""
}

// checkDate reports the date of a front matter field when it is not one.
func (l *loader) checkDate(f file, h *header, name, date string) {
	if problem := dateProblem(date); problem != "" {
		l.diags.Add(nodePos(f, h, field(h.root, name)), "invalid date %q: %s", date, problem)
	}
}

// defaultConfig is the configuration when dossier.yaml leaves it out.
var defaultConfig = site.Config{Title: "Dossier"}

// config is dossier.yaml: the configuration, and its theme order with
// the positions to report missing themes at.
type config struct {
	site.Config
	themes []site.Ref
	// previous is where previous_edition is written.
	previous site.Pos
}

func (l *loader) loadConfig(f file) (config, bool) {
	cfg := config{Config: defaultConfig}
	h := header{yaml: f.data, yamlLine: 1}
	l.decode(f, &h, &cfg.Config)
	if cfg.Date != "" {
		l.checkDate(f, &h, "date", cfg.Date)
	}
	if cfg.BaseURL != "" && !ValidBaseURL(cfg.BaseURL) {
		l.diags.Add(nodePos(f, &h, field(h.root, "base_url")), "base_url %q is not an absolute http or https URL such as https://example.org/dossier", cfg.BaseURL)
		cfg.BaseURL = ""
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if p := cfg.PrintNotes; p != "" && p != "full" && p != "summaries" {
		l.diags.Add(nodePos(f, &h, field(h.root, "print_notes")), "print_notes %q: say full or summaries", p)
		cfg.PrintNotes = ""
	}
	cfg.themes = refs(f, &h, field(h.root, "themes"), cfg.Themes)
	if strings.ContainsAny(cfg.Edition, "\n\r") {
		l.diags.Add(nodePos(f, &h, field(h.root, "edition")), "edition %q is more than one line: name it in a few words, such as 2026-12 (2nd)", cfg.Edition)
	}
	if cfg.PreviousEdition != "" {
		cfg.previous = nodePos(f, &h, field(h.root, "previous_edition"))
		// Only a .json file: no other file of the folder is read as two
		// kinds of document (the load cache keeps one result per file).
		if !ValidContentPath(cfg.PreviousEdition) || path.Ext(cfg.PreviousEdition) != ".json" {
			l.diags.Add(cfg.previous, "previous_edition %q is not the path of a .json file inside the content folder, such as editions/2026-11.json", cfg.PreviousEdition)
			cfg.PreviousEdition = ""
		}
	}
	return cfg, true
}

// ValidContentPath reports whether p names a file inside the content
// folder, relative to it: slash-separated, clean, not absolute and not
// climbing out with "..". The folder itself reads nothing outside it
// (internal/confine); this says so before it is asked to.
func ValidContentPath(p string) bool {
	return p != "" && fs.ValidPath(p) && p != "." && !strings.Contains(p, "\\")
}

// ValidBaseURL reports whether s can be the address a site is published
// at: an absolute http or https URL with a host, to which the sitemap,
// the feed and the 404 page append paths. That rules out a URL relative
// to the scheme ("//host", which a page would load from any host it is
// served from), other schemes (javascript:), a user name, a query or a
// fragment (which the paths would land in), and characters that a URL
// must escape.
func ValidBaseURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && u.User == nil &&
		!strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || strings.ContainsRune("?#\"'<>\\^`{|}", r) })
}

// summary is index.md.
type summary struct {
	site.Doc
	title string
}

func (l *loader) loadSummary(f file) (summary, bool) {
	h, ok := l.splitFrontMatter(f)
	if !ok {
		return summary{}, false
	}
	var front struct {
		Title string `yaml:"title"`
	}
	l.decode(f, &h, &front)
	return summary{Doc: site.Doc{Slug: "index", Path: f.path, Body: h.body, BodyLine: h.bodyLine}, title: front.Title}, true
}

// titled reads a document's front matter into front, which must have a
// title: every linkable document needs one to be linked by.
func (l *loader) titled(f file, front any, title func() string) (header, bool) {
	h, ok := l.splitFrontMatter(f)
	if !ok || !l.decode(f, &h, front) || !l.require(f, &h, "title", title()) {
		return h, false
	}
	return h, true
}

// doc is the file as a document with the body under its front matter.
func (f file) doc(h header) site.Doc {
	return site.Doc{Slug: f.slug, Path: f.path, Body: h.body, BodyLine: h.bodyLine}
}

func (l *loader) loadSource(f file) (site.Source, bool) {
	var front struct {
		site.SourceMeta `yaml:",inline"`
		Cleaning        site.CleaningRules `yaml:"cleaning"`
	}
	h, ok := l.titled(f, &front, func() string { return front.Title })
	if !ok {
		return site.Source{}, false
	}
	if isoLike.MatchString(front.Date) {
		l.checkDate(f, &h, "date", front.Date)
	}
	if r := front.Reliability; r != "" && site.Reliabilities[r] == "" {
		l.diags.Add(nodePos(f, &h, field(h.root, "reliability")), "reliability %q: grade a source A to F (F: cannot be judged)", r)
		front.Reliability = ""
	}
	return site.Source{
		Doc:          f.doc(h),
		Meta:         front.SourceMeta,
		Rules:        l.bodyRules(f, &h, front.Cleaning),
		OriginalData: l.original(f, &h, front.Original),
	}, true
}

// OriginalExts are the kinds of original document a source may keep
// beside its text.
var OriginalExts = []string{".pdf", ".html"}

// original reads the original document a source names, which must sit
// beside it and share its slug: "kucera-2012.pdf" for
// sources/kucera-2012.txt.
func (l *loader) original(f file, h *header, name string) []byte {
	if name == "" {
		return nil
	}
	ext := path.Ext(name)
	if name != f.slug+ext || !slices.Contains(OriginalExts, ext) {
		l.diags.Add(nodePos(f, h, field(h.root, "original")), "original %q must be the source's slug with .pdf or .html (%s.pdf, %s.html), beside its text", name, f.slug, f.slug)
		return nil
	}
	data, err := fs.ReadFile(l.fsys, path.Join(path.Dir(f.rel), name))
	if err != nil {
		l.diags.Add(nodePos(f, h, field(h.root, "original")), "original %q: %v", name, unwrapPathError(err))
		return nil
	}
	return data
}

// bodyRules turns the line numbers of cleaning rules, which count lines
// of the file as it is on disk, front matter included, into the body
// lines cleaning counts, and reports the numbers that are not lines of
// the body: a rule that names no line does nothing, and the analyst who
// wrote it expects it to.
func (l *loader) bodyRules(f file, h *header, rules site.CleaningRules) site.CleaningRules {
	// Lines as cleaning counts them: a last line without its line end
	// is one.
	n := strings.Count(h.body, "\n")
	if !strings.HasSuffix(h.body, "\n") && h.body != "" {
		n++
	}
	first, last := h.bodyLine, h.bodyLine+n-1
	cleaning := field(h.root, "cleaning")
	for _, rule := range [...]struct {
		name  string
		lines *[]int
	}{{"break_before", &rules.BreakBefore}, {"join_before", &rules.JoinBefore}, {"drop", &rules.Drop}, {"keep", &rules.Keep}} {
		list := field(cleaning, rule.name)
		var body []int
		for i, line := range *rule.lines {
			if line >= first && line <= last {
				body = append(body, line-first+1)
				continue
			}
			// The number itself, or, in a list made by an alias, the
			// nearest node that is there.
			at := cmp.Or(list, cleaning)
			if list != nil && list.Kind == yaml.SequenceNode && i < len(list.Content) {
				at = list.Content[i]
			}
			l.diags.Add(nodePos(f, h, at), "cleaning rule %s: line %d is not a line of the source's text, which runs from line %d to %d", rule.name, line, first, last)
		}
		*rule.lines = body
	}
	return rules
}

type eventFront struct {
	Date   string   `yaml:"date"`
	Text   string   `yaml:"text"`
	Themes []string `yaml:"themes"`
	Cite   string   `yaml:"cite"`
}

func (l *loader) loadNote(f file) (site.Note, bool) {
	var front struct {
		Title      string       `yaml:"title"`
		Date       string       `yaml:"date"`
		Author     string       `yaml:"author"`
		Themes     []string     `yaml:"themes"`
		Confidence string       `yaml:"confidence"`
		Summary    string       `yaml:"summary"`
		Events     []eventFront `yaml:"events"`
	}
	h, ok := l.titled(f, &front, func() string { return front.Title })
	if !ok {
		return site.Note{}, false
	}
	if front.Date != "" {
		l.checkDate(f, &h, "date", front.Date)
	}
	switch front.Confidence {
	case "", "high", "moderate", "low":
	default:
		l.diags.Add(nodePos(f, &h, field(h.root, "confidence")), "invalid confidence %q: write high, moderate or low", front.Confidence)
	}
	return site.Note{
		Doc:        f.doc(h),
		Title:      front.Title,
		Date:       front.Date,
		Author:     front.Author,
		Themes:     refs(f, &h, field(h.root, "themes"), front.Themes),
		Confidence: front.Confidence,
		Summary:    front.Summary,
		Events:     l.events(f, &h, field(h.root, "events"), front.Events, f.slug),
	}, true
}

// events checks and positions the events of a YAML list.
func (l *loader) events(f file, h *header, list *yaml.Node, fronts []eventFront, origin string) []site.Event {
	events := make([]site.Event, 0, len(fronts))
	for i, e := range fronts {
		var item *yaml.Node
		if list != nil && i < len(list.Content) {
			item = list.Content[i]
		}
		pos := nodePos(f, h, item)
		missing := false
		// In a fixed order, so that a file's diagnostics are the same on
		// every load.
		for _, need := range [...]struct{ name, value string }{{"date", e.Date}, {"text", e.Text}, {"cite", e.Cite}} {
			if strings.TrimSpace(need.value) == "" {
				l.diags.Add(pos, "event needs %q", need.name)
				missing = true
			}
		}
		if missing {
			continue
		}
		if problem := dateProblem(e.Date); problem != "" {
			l.diags.Add(nodePos(f, h, field(item, "date")), "invalid event date %q: %s", e.Date, problem)
			continue
		}
		citeNode := field(item, "cite")
		citePos := nodePos(f, h, citeNode)
		if citeNode != nil && (citeNode.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle)) != 0 {
			citePos.Col++
		}
		events = append(events, site.Event{
			Date:    e.Date,
			Text:    e.Text,
			Themes:  refs(f, h, field(item, "themes"), e.Themes),
			Cite:    e.Cite,
			Pos:     pos,
			CitePos: citePos,
			Origin:  origin,
		})
	}
	return events
}

func (l *loader) loadTheme(f file) (site.Theme, bool) {
	var front struct {
		Title string   `yaml:"title"`
		Terms []string `yaml:"terms"`
	}
	h, ok := l.titled(f, &front, func() string { return front.Title })
	if !ok {
		return site.Theme{}, false
	}
	terms := make([]site.Term, 0, len(front.Terms))
	for _, r := range refs(f, &h, field(h.root, "terms"), front.Terms) {
		terms = append(terms, site.Term{Text: r.Slug, Pos: r.Pos})
	}
	return site.Theme{
		Doc:   f.doc(h),
		Title: front.Title,
		Terms: terms,
	}, true
}

func (l *loader) loadEntity(f file) (site.Entity, bool) {
	var front struct {
		Title   string   `yaml:"title"`
		Kind    string   `yaml:"kind"`
		Aliases []string `yaml:"aliases"`
	}
	h, ok := l.titled(f, &front, func() string { return front.Title })
	if !ok {
		return site.Entity{}, false
	}
	return site.Entity{
		Doc:     f.doc(h),
		Title:   front.Title,
		Kind:    front.Kind,
		Aliases: front.Aliases,
	}, true
}

func (l *loader) loadTimeline(f file) ([]site.Event, bool) {
	h := header{yaml: f.data, yamlLine: 1}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(f.data), &root); err != nil {
		l.syntaxError(f, 1, f.data, err)
		return nil, false
	}
	var list *yaml.Node
	if len(root.Content) > 0 {
		list = root.Content[0]
	}
	var fronts []eventFront
	if !l.decodeNode(f, 1, f.data, list, &fronts) {
		return nil, false
	}
	return l.events(f, &h, list, fronts, ""), true
}

// checkThemeOrder fills in the theme order when dossier.yaml gives none
// and reports declared themes that have no file.
func (l *loader) checkThemeOrder(c *site.Content) {
	have := map[string]bool{}
	for _, t := range c.Themes {
		have[t.Slug] = true
	}
	if len(c.Config.Themes) == 0 {
		for _, t := range c.Themes {
			c.Config.Themes = append(c.Config.Themes, t.Slug)
		}
		return
	}
	for _, r := range l.configThemes {
		if !have[r.Slug] {
			l.diags.Add(r.Pos, "theme %q has no file %s/%s.md", r.Slug, ThemesDir, r.Slug)
		}
	}
}
