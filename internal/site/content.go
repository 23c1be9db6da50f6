package site

// Config is content/dossier.yaml: the briefing's identity.
type Config struct {
	Title        string   `yaml:"title"`
	Subtitle     string   `yaml:"subtitle"`
	Marking      string   `yaml:"marking"`
	BaseURL      string   `yaml:"base_url"`
	Author       string   `yaml:"author"`
	Organisation string   `yaml:"organisation"`
	Date         string   `yaml:"date"`
	Themes       []string `yaml:"themes"`
	// Edition names this edition of the briefing, as the analysts write
	// it ("2026-12 (2nd)"); edition.json records it.
	Edition string `yaml:"edition"`
	// PreviousEdition is the edition.json of an earlier edition, a path
	// inside the content folder ("editions/2026-11.json"): the site's
	// changes page compares this edition with it.
	PreviousEdition string `yaml:"previous_edition"`
	// PrintNotes says what the print edition holds of each note: "full"
	// (the note whole, with endnotes) or "summaries" (title, details and
	// summary). Empty chooses full up to PrintFullNotes notes and
	// summaries beyond, where the full texts would run to thousands of
	// pages no one prints.
	PrintNotes string `yaml:"print_notes"`
}

// PrintFullNotes is how many notes the print edition holds in full when
// dossier.yaml does not say.
const PrintFullNotes = 300

// PrintSummaries reports whether the print edition of a dossier with
// notes notes gives them as summaries.
func (c Config) PrintSummaries(notes int) bool {
	switch c.PrintNotes {
	case "full":
		return false
	case "summaries":
		return true
	}
	return notes > PrintFullNotes
}

// Doc is what every content file shares: where it is, its slug, and its
// Markdown or text body with the file line the body starts on, so that
// positions inside the body map back to the file.
type Doc struct {
	Slug     string
	Path     string
	Body     string
	BodyLine int
}

// At returns the file position of a 1-based line and column of the body.
func (d *Doc) At(line, col int) Pos {
	return Pos{Path: d.Path, Line: d.BodyLine + line - 1, Col: col}
}

// SourceMeta is a source's bibliographic front matter.
type SourceMeta struct {
	Title     string   `yaml:"title"`
	Authors   []string `yaml:"authors,flow"`
	Publisher string   `yaml:"publisher"`
	Date      string   `yaml:"date"`
	URL       string   `yaml:"url"`
	Kind      string   `yaml:"kind"`
	Language  string   `yaml:"language"`
	// Cite is the short form used in citation marks ("Comillas 2015").
	Cite string `yaml:"cite"`
	// Reliability grades the source on the Admiralty scale, A (completely
	// reliable) to E (unreliable), F when it cannot be judged; "" if the
	// analyst has not graded it. ReliabilityNote says why.
	Reliability     string `yaml:"reliability,omitempty"`
	ReliabilityNote string `yaml:"reliability_note,omitempty"`
	// Description says what the source is when the text gives no title.
	Description string `yaml:"description,omitempty"`
	// Note records provenance: what the text does not say, and why.
	Note string `yaml:"note"`
	// Original names the document the text was extracted from, a file
	// beside it in sources/ ("kucera-2012.pdf"), kept as the record.
	Original string `yaml:"original,omitempty"`
	// Extractor records the tool that extracted the text, and its
	// version.
	Extractor string `yaml:"extractor,omitempty"`
}

// Source is a verbatim source document and the passages cleaned from it.
type Source struct {
	Doc
	Meta  SourceMeta
	Rules CleaningRules
	// OriginalData is the document Meta.Original names, byte for byte.
	OriginalData []byte
	Normalised
}

// Note is an analyst note.
type Note struct {
	Doc
	Title      string
	Date       string
	Author     string
	Themes     []Ref
	Confidence string
	Summary    string
	Events     []Event
}

// Ref is a slug written in front matter, with where it was written.
type Ref struct {
	Slug string
	Pos  Pos
}

// Event is a dated timeline entry with the citation that supports it.
type Event struct {
	// Date is ISO-like: 2013, 2013-09 or 2013-09-17.
	Date   string
	Text   string
	Themes []Ref
	// Cite is a wikilink, e.g. [[comillas-2015#"held in Sochi"]].
	Cite string
	Pos  Pos
	// CitePos is where the citation starts in the file.
	CitePos Pos
	// Origin is the slug of the note that declares the event, or "" for
	// content/timeline.yaml.
	Origin string
}

// Theme is one of the dossier's themes: an overview and the terms that tag
// source passages as belonging to it.
type Theme struct {
	Doc
	Title string
	Terms []Term
}

// Term is a theme term: a phrase, or a regular expression written /like this/.
type Term struct {
	Text string
	Pos  Pos
}

// Entity is an organisation, state, person, place, base or exercise.
type Entity struct {
	Doc
	Title   string
	Kind    string
	Aliases []string
}

// Content is everything the loader read from a content folder.
type Content struct {
	Root    string
	Config  Config
	Summary Doc
	// SummaryTitle is the heading of the summary, from index.md.
	SummaryTitle string
	Sources      []*Source
	Notes        []*Note
	Themes       []*Theme
	Entities     []*Entity
	// Timeline holds events from content/timeline.yaml.
	Timeline []Event
	// Previous is the file Config.PreviousEdition names, its Body the
	// JSON as read, or nil when there is none.
	Previous *Doc
	// PreviousPos is where dossier.yaml names it, to report a file that
	// is not an edition.json at.
	PreviousPos Pos
}

// Reliabilities names the grades of the Admiralty scale for a source.
var Reliabilities = map[string]string{
	"A": "completely reliable",
	"B": "usually reliable",
	"C": "fairly reliable",
	"D": "not usually reliable",
	"E": "unreliable",
	"F": "reliability cannot be judged",
}

// Credibilities names the grades of the Admiralty scale for a piece of
// information, 1 to 6.
var Credibilities = [...]string{
	1: "confirmed by other sources",
	2: "probably true",
	3: "possibly true",
	4: "doubtful",
	5: "improbable",
	6: "truth cannot be judged",
}
