// Package layout is the output layout of a dossier site: where every page
// and file lives. It is the one place that knows it; render, search, the
// sitemap and feed, the link checker, serve and resolve ask it rather than
// joining strings.
//
// A path is relative to the site root and uses slashes, so it is at once
// the key of the site's file map, the file's place in the output folder
// and its URL relative to the root: a page at folder depth d links to it
// as Root(dir) + path. Pages are folders with an index.html, linked by the
// index.html itself so that the site also works opened from disk. A Dir
// ends in a slash; the root folder is "".
//
// Each path is made in one concatenation, not from the others
// (Page(NoteDir(slug))): builds make them for every page and citation,
// and a nested call allocates a string only to copy it into the next.
package layout

import "strings"

// The files at the site root, and the folder of static assets.
const (
	Index    = "index.html"
	NotFound = "404.html"
	Sitemap  = "sitemap.xml"
	Feed     = "feed.xml"
	Robots   = "robots.txt"
	// Edition records this edition for `dossier changes` and the next
	// edition's changes page.
	Edition = "edition.json"
	Static  = "static/"
	// SourcesCSL and SourcesBib are the sources as CSL-JSON and BibTeX,
	// for reference managers and pandoc.
	SourcesCSL = "sources.json"
	SourcesBib = "sources.bib"
)

// The folders of the site's own pages; those of notes, sources and
// entities also hold the list of their kind.
const (
	NotesDir    = "notes/"
	SourcesDir  = "sources/"
	ThemesDir   = "themes/"
	EntitiesDir = "entities/"
	TimelineDir = "timeline/"
	PrintDir    = "print/"
	SearchDir   = "search/"
	ChangesDir  = "changes/"
	GraphDir    = "graph/"
	EvidenceDir = "evidence/"
)

// Page is the path of the page of a folder: its index.html.
func Page(dir string) string { return dir + Index }

// Root is the relative URL from a page in dir back to the site root.
func Root(dir string) string { return strings.Repeat("../", strings.Count(dir, "/")) }

// NoteDir is the folder of a note's page.
func NoteDir(slug string) string { return NotesDir + slug + "/" }

// SourceDir is the folder of a source's page and original files.
func SourceDir(slug string) string { return SourcesDir + slug + "/" }

// ThemeDir is the folder of a theme's page.
func ThemeDir(slug string) string { return ThemesDir + slug + "/" }

// BriefDir is the folder of a theme's print brief.
func BriefDir(slug string) string { return ThemesDir + slug + "/print/" }

// EntityDir is the folder of an entity's page.
func EntityDir(slug string) string { return EntitiesDir + slug + "/" }

// Note is the path of a note's page.
func Note(slug string) string { return NotesDir + slug + "/" + Index }

// Source is the path of a source's page.
func Source(slug string) string { return SourcesDir + slug + "/" + Index }

// Passage is the URL of a passage, by its anchor id, on its source's page.
func Passage(source, id string) string { return SourcesDir + source + "/" + Index + "#" + id }

// Theme is the path of a theme's page.
func Theme(slug string) string { return ThemesDir + slug + "/" + Index }

// Brief is the path of a theme's print brief.
func Brief(slug string) string { return ThemesDir + slug + "/print/" + Index }

// Entity is the path of an entity's page.
func Entity(slug string) string { return EntitiesDir + slug + "/" + Index }

// Print is the path of the print edition.
func Print() string { return Page(PrintDir) }

// OriginalText is the path of a source's text as dossier read it.
func OriginalText(slug string) string { return SourcesDir + slug + "/original.txt" }

// OriginalPDF is the path of the PDF a source was extracted from.
func OriginalPDF(slug string) string { return SourcesDir + slug + "/original.pdf" }

// OriginalHTMLText is the path of the saved web page a source was
// extracted from, published as text so that its scripts cannot run on the
// site's origin.
func OriginalHTMLText(slug string) string { return SourcesDir + slug + "/original.html.txt" }

// Asset is the path of a static asset by its name in the theme's static
// folder, possibly with a fingerprint.
func Asset(name string) string { return Static + name }

// IndexOf is the path of the file that a URL path relative to the root
// names: a folder ("" or ending in a slash) means its page.
func IndexOf(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return Page(p)
	}
	return p
}

// Pages are the paths of the pages and files every site has, for the
// templates' data: a template links to the notes list as
// {{.Root}}{{.Site.Pages.Notes}}.
type Pages struct {
	Index, Notes, Sources, Entities, Timeline, Search, Print, Feed string
	SourcesCSL, SourcesBib                                         string
	// Changes is what changed since the previous edition.
	Changes string
	// Graph is the map of links.
	Graph string
	// Evidence is what each judgement and note rests on.
	Evidence string
}

// SitePages returns the paths of the pages and files every site has.
func SitePages() Pages {
	return Pages{
		Index:    Page(""),
		Notes:    Page(NotesDir),
		Sources:  Page(SourcesDir),
		Entities: Page(EntitiesDir),
		Timeline: Page(TimelineDir),
		Search:   Page(SearchDir),
		Print:    Print(),
		Feed:     Feed,

		SourcesCSL: SourcesCSL,
		SourcesBib: SourcesBib,
		Changes:    Page(ChangesDir),
		Graph:      Page(GraphDir),
		Evidence:   Page(EvidenceDir),
	}
}
