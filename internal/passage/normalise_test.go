package passage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

// want is an expected passage. Text is exact, or "head … tail" for a long
// passage: it starts with head and ends with tail. Refs are "label:words
// before the marker".
type want struct {
	kind  site.PassageKind
	level int
	lines site.LineRange
	lang  string
	text  string
	refs  []string
	emph  []string
}

// excerptCase normalises a real excerpt of a source (in testdata/excerpts)
// and checks every passage, footnote and removed line.
type excerptCase struct {
	file     string
	rules    site.CleaningRules
	passages []want
	notes    []site.Footnote
	removed  []site.RemovedLine
}

var pdf = site.CleaningRules{Format: "pdf"}

var excerptCases = []excerptCase{{
	file:  "comillas-abstracts.txt",
	rules: pdf,
	passages: []want{
		{lines: lr(1, 8), text: "Afghanistan and the wider Central Asian region constitute part of Russia’s “southern underbelly”, a term that underscores the sense of vulnerability it feels along its southern border. Russia’s security concerns … the 2014 drawdown of the international stabilisation operation in Afghanistan (ISAF)."},
		{lines: lr(9, 17), lang: "es", text: "Afganistán y la amplia región de Asia central … la operación internacional de estabilidad (ISAF) en Afganistán."},
		{lines: lr(19, 19), text: "In November 2013 Defence Minister Sergei Shoigu identified the withdrawal of Western coalition forces from Afghanistan in 2014 and international Islamist terrorism to be two of the three"},
	},
}, {
	// A page break mid-sentence, after the page's footnote.
	file:  "comillas-page-break.txt",
	rules: pdf,
	passages: []want{
		{lines: lr(1, 9), text: "official Russian security discourse … namely Moscow’s desire to reinforce its position and influence in the region? There is little doubt that the uncertainty affords Russia … There have been significant changes in wider Russian foreign and"},
	},
	notes: []site.Footnote{{Label: "1", Text: "The third was continued NATO enlargement on Russia’s borders. See Brilev (2013).", Lines: lr(5, 7)}},
}, {
	// A page number between pages; with no footnotes, "2014.6" stays.
	file:  "comillas-page-number.txt",
	rules: pdf,
	passages: []want{
		{lines: lr(1, 6), text: "by Haas. At a meeting with Russian President Vladimir Putin in September 2013, the Afghan leader Hamid Karzai reportedly vowed to ensure that the territory of Afghanistan would not become an area from which action directed against Russia could be taken, an assurance that the Kremlin had been seeking, highlighting Russian concerns about the potential for instability emanating from the country post-2014.6 Deputy foreign minister Igor Morgulov has outlined"},
	},
	removed: []site.RemovedLine{{Line: 4, Text: "4", Reason: "page number"}},
}, {
	// Footnote markers, a labelled and an unlabelled footnote at a page
	// foot, and a block quote across the page break, ended by a citation
	// and a trailing page number.
	file:  "comillas-footnotes-quote.txt",
	rules: pdf,
	passages: []want{
		{lines: lr(1, 14), text: "Haas has identified several characteristics … It paints a bleak vision of the future, predicting that:",
			refs: []string{"2:expansion and buffer zones.", "3:discourse on Afghanistan after 2014."}},
		{kind: site.BlockQuote, lines: lr(15, 26), text: "Nationalist sentiments, xenophobia, separatism and violent extremism will grow, including under the banner of religious radicalism. The global demographic situation and environmental problems will become more acute, and threats associated with uncontrolled and illegal migration, drug and human trafficking, and other forms of transnational organised crime, will also increase. (National Security Strategy of the Russian Federation, 2009)"},
	},
	notes: []site.Footnote{
		{Label: "2", Text: "For more information see De Haas (2010, p. 3 & pp. 156-180).", Lines: lr(17, 19)},
		{Label: "3", Text: "A tendency to emphasise the “Afghan problem” and enumerate a wide range of prospective threats to Russia’s security is visible not just in the official discourse, but also in media reports, which tend to focus on the worst-case scenarios for future regional stability and security. See for example “Ukhod NATO iz Afghanistana usilit islamistov v byivshem SSSR” (2013) and Polunin (2013).", Lines: lr(20, 23)},
	},
}, {
	// Footnotes, a pull-quote repeating the body, the running footer and
	// a page number, in the middle of one paragraph.
	file:  "comillas-pull-quote.txt",
	rules: pdf,
	passages: []want{
		{lines: lr(1, 36), text: "Russia and the Central Asian states are also working … as well as stepping up cooperation between Russia and Tajikistan within the CSTO framework … “security depends upon its condition” (Aleksandrov, 2013, pp. 1-3).",
			refs: []string{"17:on a collective basis.", "18:extremist groups and ideology."}},
	},
	notes: []site.Footnote{
		{Label: "17", Text: "See Treaty on Collective Security (n. d.). Uzbekistan withdrew from the organisation in 2012 to focus on its security cooperation with NATO and the US.", Lines: lr(14, 15)},
		{Label: "18", Text: "The CSTO collective peacekeeping force was established in 2007 and entered into force in 2009 with a total of 4,000 personnel.", Lines: lr(16, 17)},
	},
	removed: []site.RemovedLine{
		{Line: 19, Text: "Russia and the", Reason: "pull-quote"},
		{Line: 20, Text: "Central Asian", Reason: "pull-quote"},
		{Line: 21, Text: "states are also", Reason: "pull-quote"},
		{Line: 22, Text: "working within the", Reason: "pull-quote"},
		{Line: 23, Text: "framework of the", Reason: "pull-quote"},
		{Line: 24, Text: "Collective Security", Reason: "pull-quote"},
		{Line: 25, Text: "Treaty Organisation", Reason: "pull-quote"},
		{Line: 26, Text: "(CSTO) to secure", Reason: "pull-quote"},
		{Line: 27, Text: "the region", Reason: "pull-quote"},
		{Line: 29, Text: "Comillas Journal of International Relations | nº 03 | 044-057 [2015] [ISSN 2386-5776]\t\t", Reason: "running footer"},
		{Line: 31, Text: "54", Reason: "page number"},
	},
}, {
	// Markdown: heading levels, the author line, emphasis, lost links and
	// a paragraph split by a stray blank line.
	file: "isas-head.txt",
	passages: []want{
		{kind: site.Heading, level: 1, lines: lr(3, 3), text: "Uncertainty in Afghanistan: Security Woes for Russia"},
		{kind: site.Heading, level: 2, lines: lr(7, 7), text: "Summary"},
		{lines: lr(9, 9), text: "In light of the deteriorating military-political situation … averting a potential refugee crisis in the region.",
			emph: []string{"In light of the deteriorating military-political situation … averting a potential refugee crisis in the region."}},
		{lines: lr(11, 11), text: "On 23 August 2021, the Russian-led security bloc, the Collective Security Treaty Organization (CSTO), held emergency talks on Afghanistan and the members agreed to coordinate joint action to counteract the threats from Afghanistan and combat illegal migration. On the same day, Russian President Vladimir Putin cautioned against the movement of “militants under the guise of refugees” into … Hundreds of Afghan refugees have reportedly crossed into Uzbekistan via bridge, river and flight."},
		{lines: lr(13, 13), text: "In early July 2021, Tajikistan requested assistance from the CSTO to handle … in anticipation of violence emanating from Afghanistan."},
		{lines: lr(15, 15), text: "While there is no direct military threat … the Taliban are a lesser evil compared to ISIS. … is of paramount importance to Russia."},
		{lines: lr(17, 19), text: "The last 20 years of American-led military operation in Afghanistan has largely shielded the CARs from pertinent threats and instability by containing the Taliban forces within Afghan borders. With American departure, … either through bilateral channels or the CSTO."},
	},
	removed: []site.RemovedLine{{Line: 5, Text: "Claudia Chia and Zheng Haiqi", Reason: "byline"}},
}, {
	// The separator, and the authors' bio at the end.
	file: "isas-tail.txt",
	passages: []want{
		{lines: lr(1, 1), text: "Given the ongoing uncertainty in Afghanistan, … the role it hopes to play in Afghanistan."},
	},
	removed: []site.RemovedLine{{Line: 3, Text: "....", Reason: "separator"}, {Line: 5, Text: isasBio, Reason: "author bio"}},
}, {
	// A web article's header: ISSN line, title, byline.
	file: "tynan-head.txt",
	passages: []want{
		{kind: site.Heading, level: 1, lines: lr(3, 3), text: "Central Asia: Russia Taking Steps To Reinforce Security Relationships"},
		{lines: lr(8, 8), text: "With the planned US and NATO withdrawal from Afghanistan in 2014 looming ever closer, Russia is pressing to solidify strategic relationships with Central Asian states, especially with Kyrgyzstan and Tajikistan."},
	},
	removed: []site.RemovedLine{
		{Line: 1, Text: "ISSN 2330-717X", Reason: "publication details"},
		{Line: 6, Text: "By Deirdre Tynan", Reason: "byline"},
	},
}, {
	// A web article's foot: the author's bio and the page's furniture.
	file: "tynan-tail.txt",
	removed: []site.RemovedLine{
		{Line: 1, Text: "Deirdre Tynan is Bishkek-based reporter specializing in Central Asian affairs.", Reason: "author bio"},
		{Line: 3, Text: "Click here to have Eurasia Review's newsletter delivered via RSS, as an email newsletter, via mobile or on your personal news page.", Reason: "web boilerplate"},
		{Line: 6, Text: "Originally published at Eurasianet. Eurasianet is an independent news organization that covers news from and about the South Caucasus and Central Asia, providing on-the-ground reporting and critical perspectives on the most important developments in the region. A tax-exempt [501(c)3] organization, Eurasianet is based at Columbia University’s Harriman Institute, one of the leading centers in North America of scholarship on Eurasia. Read more at", Reason: "web boilerplate"},
		{Line: 8, Text: "Leave a Reply", Reason: "web boilerplate"},
		{Line: 10, Text: "Your email address will not be published. Required fields are marked *", Reason: "web boilerplate"},
		{Line: 12, Text: "This site uses Akismet to reduce spam. Learn how your comment data is processed.", Reason: "web boilerplate"},
	},
}, {
	file: "kucera-tail.txt",
	passages: []want{
		{lines: lr(1, 1), text: "In the end, Moscow may settle for something less than full cooperation with the CSTO, … this is going to be a problem,” he said."},
	},
	removed: []site.RemovedLine{
		{Line: 3, Text: "Joshua Kucera is a Washington, DC,-based writer who specializes in security issues in Central Asia, the Caucasus and the Middle East. He is the editor of EurasiaNet’s Bug Pit blog.", Reason: "author bio"},
		{Line: 6, Text: "Originally published at Eurasianet. Eurasianet is an independent news organization that covers news from and about the South Caucasus and Central Asia, providing on-the-ground reporting and critical perspectives on the most important developments in the region. A tax-exempt [501(c)3] organization, Eurasianet is based at Columbia University’s Harriman Institute, one of the leading centers in North America of scholarship on Eurasia. Read more at eurasianet.org.", Reason: "web boilerplate"},
		{Line: 8, Text: "Leave a Reply", Reason: "web boilerplate"},
		{Line: 10, Text: "Your email address will not be published. Required fields are marked *", Reason: "web boilerplate"},
	},
}, {
	file: "springer-head.txt",
	passages: []want{
		{kind: site.Heading, level: 1, lines: lr(3, 3), text: "1 Introduction"},
		{lines: lr(5, 5), text: "The 2021 Russian National Security Strategy authorized by Presidential Decree 400 … (President Decree 640, 2016; President Decree Pr-2976, 2014)."},
	},
	removed: []site.RemovedLine{{Line: 1, Text: "Keywords", Reason: "orphan keywords line"}},
}, {
	// A second-level numbered heading, and sentences glued by extraction.
	file: "springer-heading-glued.txt",
	passages: []want{
		{lines: lr(1, 1), text: "Additionally, the Afghan factor … like the CSTO and the SCO."},
		{kind: site.Heading, level: 2, lines: lr(3, 3), text: "2.1 Cooperation Under the Collective Security Treaty Organization Framework"},
		{lines: lr(5, 5), text: "As stated in Russian strategic documents, … (President Decree 640, 2016; President Decree Pr-2976, 2014). One such dimension has been in peacekeeping. … in its peacekeeping operations."},
	},
}}

func lr(first, last int) site.LineRange { return site.LineRange{First: first, Last: last} }

// isasBio is the last paragraph of isas-tail.txt.
var isasBio = func() string {
	data, _ := os.ReadFile(filepath.Join("testdata", "excerpts", "isas-tail.txt"))
	lines := strings.Split(string(data), "\n")
	if len(lines) < 5 {
		return ""
	}
	return lines[4]
}()

func TestExcerpts(t *testing.T) {
	for _, c := range excerptCases {
		t.Run(strings.TrimSuffix(c.file, ".txt"), func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "excerpts", c.file))
			if err != nil {
				t.Fatal(err)
			}
			n := Normalise(string(body), c.rules)
			checkInvariants(t, string(body), n)
			checkPassages(t, n.Passages, c.passages)
			checkSlice(t, "footnote", n.Footnotes, c.notes)
			checkSlice(t, "removed line", n.Removed, c.removed)
		})
	}
}

// checkPassages compares passages with what is wanted.
func checkPassages(t *testing.T, got []site.Passage, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		for _, p := range got {
			t.Logf("got %v %q", p.Lines, p.Text)
		}
		t.Fatalf("got %d passages, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		p := got[i]
		if p.Kind != w.kind || p.Level != w.level || p.Lines != w.lines || p.Lang != w.lang {
			t.Errorf("passage %d: kind %d level %d lines %v lang %q; want %d %d %v %q",
				i, p.Kind, p.Level, p.Lines, p.Lang, w.kind, w.level, w.lines, w.lang)
		}
		if !matches(p.Text, w.text) {
			t.Errorf("passage %d text:\n got %q\nwant %q", i, p.Text, w.text)
		}
		var refs []string
		for _, r := range p.Footnotes {
			refs = append(refs, r.Label+":"+p.Text[:r.At])
		}
		if len(refs) != len(w.refs) {
			t.Errorf("passage %d: footnote refs %q, want %q", i, refs, w.refs)
		}
		for k := range min(len(refs), len(w.refs)) {
			label, before, _ := strings.Cut(w.refs[k], ":")
			if !strings.HasPrefix(refs[k], label+":") || !strings.HasSuffix(refs[k], before) {
				t.Errorf("passage %d: footnote ref %q, want %q", i, refs[k], w.refs[k])
			}
		}
		if len(p.Emphasis) != len(w.emph) {
			t.Errorf("passage %d: %d emphasis spans, want %d", i, len(p.Emphasis), len(w.emph))
		}
		for k := range min(len(p.Emphasis), len(w.emph)) {
			if s := p.Emphasis[k]; !matches(p.Text[s.Start:s.End], w.emph[k]) {
				t.Errorf("passage %d: emphasis %q, want %q", i, p.Text[s.Start:s.End], w.emph[k])
			}
		}
	}
}

// matches reports whether got is want, where each " … " in want stands
// for any text.
func matches(got, want string) bool {
	parts := strings.Split(want, " … ")
	if len(parts) == 1 {
		return got == want
	}
	if !strings.HasPrefix(got, parts[0]) || !strings.HasSuffix(got, parts[len(parts)-1]) {
		return false
	}
	rest := got[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return len(rest) >= len(parts[len(parts)-1])
}

// checkSlice compares footnotes or removed lines exactly.
func checkSlice[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d %ss, want %d: %+v", len(got), what, len(want), got)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("%s %d:\n got %+v\nwant %+v", what, i, got[i], want[i])
		}
	}
}
