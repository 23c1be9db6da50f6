package layout

import "testing"

func TestLayout(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Page(""), "index.html"},
		{NotFound, "404.html"},
		{Sitemap, "sitemap.xml"},
		{Feed, "feed.xml"},
		{Robots, "robots.txt"},
		{Note("n"), "notes/n/index.html"},
		{Page(NotesDir), "notes/index.html"},
		{Source("s"), "sources/s/index.html"},
		{Page(SourcesDir), "sources/index.html"},
		{Passage("s", "p-1a2b"), "sources/s/index.html#p-1a2b"},
		{OriginalText("s"), "sources/s/original.txt"},
		{OriginalPDF("s"), "sources/s/original.pdf"},
		{OriginalHTMLText("s"), "sources/s/original.html.txt"},
		{Theme("t"), "themes/t/index.html"},
		{Brief("t"), "themes/t/print/index.html"},
		{Entity("e"), "entities/e/index.html"},
		{Page(EntitiesDir), "entities/index.html"},
		{Page(TimelineDir), "timeline/index.html"},
		{Print(), "print/index.html"},
		{Page(SearchDir), "search/index.html"},
		{Asset("style.1a2b3c4d5e.css"), "static/style.1a2b3c4d5e.css"},
		{IndexOf(""), "index.html"},
		{IndexOf("notes/"), "notes/index.html"},
		{IndexOf("notes"), "notes"},
		{IndexOf("feed.xml"), "feed.xml"},
		{SitePages().Index, "index.html"},
		{SitePages().Notes, "notes/index.html"},
		{SitePages().Sources, "sources/index.html"},
		{SitePages().Entities, "entities/index.html"},
		{SitePages().Timeline, "timeline/index.html"},
		{SitePages().Search, "search/index.html"},
		{SitePages().Print, "print/index.html"},
		{SitePages().Feed, "feed.xml"},
		{SitePages().SourcesCSL, "sources.json"},
		{SitePages().SourcesBib, "sources.bib"},
		{Root(""), ""},
		{Root(NoteDir("n")), "../../"},
		{Root(BriefDir("t")), "../../../"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

var sink string

// A document's path is one allocation: builds make one for every page
// and citation. The slug is long because a nested concatenation short
// enough for a buffer on the stack allocates nothing.
func TestPathsAllocateOnce(t *testing.T) {
	slug := string([]byte("a-source-with-a-long-slug-of-forty-chars"))
	for name, path := range map[string]func() string{
		"Note":             func() string { return Note(slug) },
		"Source":           func() string { return Source(slug) },
		"Passage":          func() string { return Passage(slug, "p-1a2b") },
		"Theme":            func() string { return Theme(slug) },
		"Brief":            func() string { return Brief(slug) },
		"Entity":           func() string { return Entity(slug) },
		"OriginalText":     func() string { return OriginalText(slug) },
		"OriginalPDF":      func() string { return OriginalPDF(slug) },
		"OriginalHTMLText": func() string { return OriginalHTMLText(slug) },
	} {
		if n := testing.AllocsPerRun(100, func() { sink = path() }); n != 1 {
			t.Errorf("%s allocates %v times, want 1", name, n)
		}
	}
}
