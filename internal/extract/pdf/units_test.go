package pdf

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestParsePageNumber(t *testing.T) {
	for _, c := range []struct {
		in       string
		label    string
		value    int
		explicit bool
	}{
		{"12", "12", 12, false},
		{"- 12 -", "12", 12, true},
		{"– 7 –", "7", 7, true},
		{"Page 12 of 30", "12", 12, true},
		{"page 3", "3", 3, true},
		{"p. 12", "12", 12, true},
		{"| 2", "2", 2, false},
		{"[4]", "4", 4, false},
		{"12/30", "12", 12, true},
		{"xii", "xii", 12, false},
		{"IV", "IV", 4, false},
		{"S. 5", "5", 5, true},
		{"0", "", 0, false},
		{"2024", "2024", 2024, false},
		{"Week 14", "", 0, false},
		{"iiii", "", 0, false},
		{"mix", "", 0, false},
		{"Chapter 2", "", 0, false},
		{"12.5", "", 0, false},
	} {
		n, ok := parsePageNumber(c.in)
		if c.label == "" {
			if ok {
				t.Errorf("parsePageNumber(%q) = %+v, want none", c.in, n)
			}
			continue
		}
		if !ok || n.label != c.label || n.value != c.value || n.explicit != c.explicit {
			t.Errorf("parsePageNumber(%q) = %+v, %v; want label %q value %d explicit %v", c.in, n, ok, c.label, c.value, c.explicit)
		}
	}
}

func TestPageLabels(t *testing.T) {
	num := func(v int) pageNumber { return pageNumber{value: v, label: fmt.Sprint(v)} }
	for _, c := range []struct {
		name    string
		numbers map[int]pageNumber
		pages   int
		want    []string
	}{
		{"all printed", map[int]pageNumber{0: num(117), 1: num(118), 2: num(119)}, 3, []string{"117", "118", "119"}},
		{"gap between a sequence", map[int]pageNumber{0: num(31), 2: num(33)}, 3, []string{"31", "32", "33"}},
		{"unnumbered first page", map[int]pageNumber{1: num(12), 2: num(13)}, 3, []string{"11", "12", "13"}},
		{"neighbours disagree", map[int]pageNumber{0: num(5), 2: num(9)}, 3, []string{"5", "2", "9"}},
		{"a lone number is no sequence", map[int]pageNumber{1: num(40)}, 3, []string{"1", "40", "3"}},
		{"none printed", map[int]pageNumber{}, 2, []string{"1", "2"}},
		{"roman then arabic", map[int]pageNumber{0: {value: 1, label: "i", roman: true}, 1: {value: 2, label: "ii", roman: true}, 2: num(1), 4: num(3)}, 5, []string{"i", "ii", "1", "2", "3"}},
	} {
		if got := pageLabels(c.numbers, c.pages); !slices.Equal(got, c.want) {
			t.Errorf("%s: pageLabels = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestDigitless(t *testing.T) {
	for _, c := range [][2]string{
		{"Page 3 of 12", "page # of ## "},
		{"JOURNAL OF WATER LAW, Vol. 14", "journal of water law, vol. ## "},
		{"xii Contents", "# contents "},
	} {
		if got := digitless(c[0]); got != c[1] {
			t.Errorf("digitless(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestKeepHyphen(t *testing.T) {
	v := vocabulary{words: map[string]int{
		"planning": 1, "plan": 2, "so": 4, "called": 1, "long-term": 1, "long": 1, "term": 1,
		"government": 3, "led": 1, "first": 2, "first-": 1, "come": 1, "in": 9, "come-": 0, "many": 1,
	}}
	for _, c := range []struct {
		head, tail string
		keep       bool
	}{
		{"plan", "ning", false},               // the joined word occurs
		{"govern", "ment", false},             // the joined word occurs
		{"so", "called", true},                // both parts are words
		{"long", "term", true},                // the compound occurs
		{"Russian", "led", true},              // a capitalised word and a word
		{"first", "served", true},             // the head starts other compounds
		{"entit", "lement", false},            // neither part is a word
		{"con", "sumptive,", false},           // punctuation aside
		{"2021", "2022", true},                // numbers
		{"hissein@hco", "chad.example", true}, // an address
		{"www.hco", "chad.example.org", true},
		{"Ab", "led", false}, // too short to be a word of its own
	} {
		if got := v.keepHyphen(c.head, c.tail); got != c.keep {
			t.Errorf("keepHyphen(%q, %q) = %v, want %v", c.head, c.tail, got, c.keep)
		}
	}
}

func TestJoinLines(t *testing.T) {
	v := vocabulary{words: map[string]int{"planning": 1, "so": 1, "called": 1, "low-value": 1}}
	marked := v
	marked.marksBreaks = true
	for _, c := range []struct {
		v     vocabulary
		lines []string
		want  string
	}{
		{v, []string{"a review of the plan-", "ning rules"}, "a review of the planning rules"},
		{v, []string{"the so-", "called reform"}, "the so-called reform"},
		{v, []string{"the entit -", "lement"}, "the entitlement"}, // pdftohtml's space before a hyphen
		{v, []string{"a soft\u00ad", "ened stance"}, "a softened stance"},
		{v, []string{"a trans\u00ad\u2010", "boundary river"}, "a transboundary river"},
		{v, []string{"a transi\u2010", "tion"}, "a transition"},
		{v, []string{"for low\u2010", "value goods"}, "for low-value goods"}, // the compound occurs
		{v, []string{"bottom-", "towed gear"}, "bottomtowed gear"},
		{marked, []string{"bottom-", "towed gear"}, "bottom-towed gear"}, // the document marks its breaks
		{v, []string{"the state –", "and the market"}, "the state – and the market"},
		{v, []string{"the Prut–", "Danube–Black Sea"}, "the Prut–Danube–Black Sea"},
		{v, []string{"and/", "or"}, "and/or"},
		{v, []string{"河流的水量在夏季", "减少了一半。"}, "河流的水量在夏季减少了一半。"},
		{v, []string{"line one", "line two"}, "line one line two"},
	} {
		if got := c.v.joinLines(c.lines); got != c.want {
			t.Errorf("joinLines(%q) = %q, want %q", c.lines, got, c.want)
		}
	}
}

func TestNormaliseGlyphs(t *testing.T) {
	for _, c := range [][2]string{
		{"ﬁrst oﬃcial ﬂows, ﬀ ﬄ ﬅ ﬆ", "first official flows, ff ffl st st"},
		{"identi\uf001cation \uf002eet", "identification fleet"},
		{"a\u00a0b\u2009c\u202fd", "a b c d"},
		{"zero\u200bwidth", "zerowidth"},
		{"non\u2011breaking", "non-breaking"},
		{"break\u2010", "break\u2010"},
		{"soft\u00ad", "soft\u00ad"},
		{"private \ue000use\ue001", "private use"},
		{"plain", "plain"},
	} {
		if got := normaliseGlyphs(c[0]); got != c[1] {
			t.Errorf("normaliseGlyphs(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestEscapeStart(t *testing.T) {
	for _, c := range [][2]string{
		{"1990. That year", `1990\. That year`},
		{"3) and then", `3\) and then`},
		{"#1 on the list", `\#1 on the list`},
		{"> not a quote", `\> not a quote`},
		{"- not an item", `\- not an item`},
		{"+ 5 per cent", `\+ 5 per cent`},
		{"* footnote", `\* footnote`},
		{"---", `\---`},
		{"| a | b |", `\| a | b |`},
		{"<!-- x -->", `\<!-- x -->`},
		{"[^1]: not a note", `\[^1]: not a note`},
		{"[Note]: a label", `\[Note]: a label`},
		{"[The right of use]", "[The right of use]"},
		{"1990 was a year", "1990 was a year"},
		{"-5 degrees", "-5 degrees"},
		{"An ordinary line", "An ordinary line"},
	} {
		if got := escapeStart(c[0]); got != c[1] {
			t.Errorf("escapeStart(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestListMarker(t *testing.T) {
	for _, c := range [][2]string{
		{"• Connection queues", "•"},
		{"– a register", "–"},
		{"- an item", "-"},
		{"1. Treat the diversion", "1."},
		{"12) a clause", "12)"},
		{"(a) to suspend", "(a)"},
		{"(iv) the fourth", "(iv)"},
		{"b) second", "b)"},
		{"iv. fourth", "iv."},
		{"1990. That year", ""},
		{"A. Smith wrote", ""},
		{"i.e. that is", ""},
		{"3 analyses", ""},
	} {
		if got := listMarker(c[0]); got != c[1] {
			t.Errorf("listMarker(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

// TestColumns lays out fragments like a page with a full-width title, two
// columns, a full-width table and footnote, and checks the reading order.
func TestColumns(t *testing.T) {
	var frags []fragment
	add := func(top, left, width float64, text string) {
		frags = append(frags, fragment{top: top, left: left, width: width, height: 14, text: text, id: len(frags)})
	}
	add(50, 80, 600, "A title that runs across the whole of the page width")
	for i := range 8 {
		add(100+float64(i)*20, 80, 280, fmt.Sprintf("left column line %d with enough words", i))
		add(100+float64(i)*20, 400, 280, fmt.Sprintf("right column line %d with enough words", i))
	}
	// A table: cells apart, which is no gutter between prose.
	for i := range 4 {
		add(300+float64(i)*20, 80, 60, "cell")
		add(300+float64(i)*20, 380, 60, "12.5")
		add(300+float64(i)*20, 600, 60, "7")
	}
	add(400, 80, 600, "1 A footnote that runs across the whole of the page width")
	var got []string
	for _, col := range columns(frags, 12) {
		var texts []string
		for _, r := range rows(col) {
			var parts []string
			for _, f := range r {
				parts = append(parts, f.text)
			}
			texts = append(texts, strings.Join(parts, " | "))
		}
		got = append(got, strings.Join(texts, " / "))
	}
	want := []string{
		"A title that runs across the whole of the page width",
		"left column line 0 with enough words / left column line 1 with enough words / left column line 2 with enough words / left column line 3 with enough words / left column line 4 with enough words / left column line 5 with enough words / left column line 6 with enough words / left column line 7 with enough words",
		"right column line 0 with enough words / right column line 1 with enough words / right column line 2 with enough words / right column line 3 with enough words / right column line 4 with enough words / right column line 5 with enough words / right column line 6 with enough words / right column line 7 with enough words",
		"cell | 12.5 | 7 / cell | 12.5 | 7 / cell | 12.5 | 7 / cell | 12.5 | 7 / 1 A footnote that runs across the whole of the page width",
	}
	if !slices.Equal(got, want) {
		t.Errorf("columns:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSplitAuthors(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Camila Fuentes Ibáñez; Jörg Haßler", []string{"Camila Fuentes Ibáñez", "Jörg Haßler"}},
		{"Liisa Mägi, Tomasz Wójcik, Ana-Maria Ștefănescu", []string{"Liisa Mägi", "Tomasz Wójcik", "Ana-Maria Ștefănescu"}},
		{"Surveillance and Epidemiology Unit, Northern Regional Public Health Agency", []string{"Surveillance and Epidemiology Unit, Northern Regional Public Health Agency"}},
		{"Smith, John", []string{"Smith, John"}},
		{"", nil},
	} {
		if got := splitAuthors(c.in); !slices.Equal(got, c.want) {
			t.Errorf("splitAuthors(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestISODate(t *testing.T) {
	for _, c := range [][2]string{
		{"2024-05-20T09:30:00Z", "2024-05-20"},
		{"2024-05-20T09:30:00+02:00", "2024-05-20"},
		{"2024-05", "2024-05"},
		{"2024", "2024"},
		{"Mon May 20 09:30:00 2024 UTC", ""},
		{"0000-00-00", ""},
		{"", ""},
	} {
		if got := isoDate(c[0]); got != c[1] {
			t.Errorf("isoDate(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestParseInfo(t *testing.T) {
	info := parseInfo([]byte("Title:           A: Subtitle\nAuthor:          Jane Roe\nCustom Metadata: no\nCreationDate:    2024-02-27T12:00:00Z\n"))
	if info["Title"] != "A: Subtitle" || info["Author"] != "Jane Roe" || info["Custom Metadata"] != "no" || info["CreationDate"] != "2024-02-27T12:00:00Z" {
		t.Errorf("parseInfo = %q", info)
	}
}

func TestParseXMP(t *testing.T) {
	packet := `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2023-11-02T10:00:00Z">
<dc:title><rdf:Alt><rdf:li xml:lang="de">Wasser</rdf:li><rdf:li xml:lang="x-default">Water</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Ana Silva</rdf:li><rdf:li>Jan Novák</rdf:li></rdf:Seq></dc:creator>
<dc:language><rdf:Bag><rdf:li>pt-BR</rdf:li></rdf:Bag></dc:language>
<dc:publisher><rdf:Bag><rdf:li>River Press</rdf:li></rdf:Bag></dc:publisher>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">A report</rdf:li></rdf:Alt></dc:description>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
	x := parseXMP([]byte(packet))
	if x.title != "Water" || !slices.Equal(x.creators, []string{"Ana Silva", "Jan Novák"}) || x.language != "pt-BR" ||
		x.publisher != "River Press" || x.description != "A report" || x.created != "2023-11-02T10:00:00Z" {
		t.Errorf("parseXMP = %+v", x)
	}
}

func TestParseXML(t *testing.T) {
	data := `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="1262" width="892">
	<fontspec id="0" size="16" family="AAAAAA+DejaVuSerif" color="#111111"/>
<text top="104" left="85" width="83" height="17" font="0"><b>Chapter 2</b></text>
<text top="132" left="85" width="551" height="31" font="0"><i>Grid &amp; o` + "\x02" + `ﬀshore</i></text>
<text top="150" left="85" width="5" height="17" font="0"> </text>
<text top="104" left="86" width="83" height="17" font="0"><b>Chapter 2</b></text>
</page>
</pdf2xml>`
	doc, err := parseXML([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.pages) != 1 || len(doc.pages[0].frags) != 2 || doc.fonts[0].size != 16 {
		t.Fatalf("parseXML = %+v", doc)
	}
	f := doc.pages[0].frags
	if f[0].text != "Chapter 2" || !f[0].bold || f[0].italic || f[1].text != "Grid & o ffshore" || !f[1].italic || f[1].id != 1 {
		t.Errorf("fragments = %+v", f)
	}
}
