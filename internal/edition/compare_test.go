package edition

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/resolve"
)

// passages makes a source version from texts: ids from the text, as the
// cleaner's are, numbers counting from 1 ("#" starts a heading, which
// has none).
func passages(texts ...string) ([]Passage, []string) {
	var ps []Passage
	var folded []string
	n := 0
	for _, text := range texts {
		p := Passage{ID: "p-" + Hash(text)[:8], SHA256: Hash(text)}
		if !strings.HasPrefix(text, "#") {
			n++
			p.Number = n
		}
		ps = append(ps, p)
		folded = append(folded, resolve.Fold(text))
	}
	return ps, folded
}

// TestClassify is quote drift: what became of a quote of old[cited] in
// each revision of the source.
func TestClassify(t *testing.T) {
	old, _ := passages("The reservoir filled early.", "Engineers opened the spillway.", "The herds went up.", "Boats were counted.")
	tests := []struct {
		name   string
		cited  int
		quote  string
		now    []string
		want   DriftKind // "" for no drift
		wantAt []int     // numbers of the passages now
	}{
		{"unchanged", 1, "opened the spillway", []string{"The reservoir filled early.", "Engineers opened the spillway.", "The herds went up.", "Boats were counted."}, "", nil},
		{"another passage changed", 1, "opened the spillway", []string{"The reservoir filled late.", "Engineers opened the spillway.", "The herds went up.", "Boats were counted."}, "", nil},
		{"renumbered by an insertion", 1, "opened the spillway", []string{"A preface.", "The reservoir filled early.", "Engineers opened the spillway.", "The herds went up.", "Boats were counted."}, Moved, []int{3}},
		{"a heading before it is no ¶", 1, "opened the spillway", []string{"# A heading", "The reservoir filled early.", "Engineers opened the spillway.", "The herds went up.", "Boats were counted."}, "", nil},
		{"moved into the passage before", 1, "opened the spillway", []string{"The reservoir filled early, so engineers opened the spillway.", "The herds went up.", "Boats were counted."}, Moved, []int{1}},
		{"same place, passage rewritten around the words", 1, "opened the spillway", []string{"The reservoir filled early.", "At dawn engineers opened the spillway.", "The herds went up.", "Boats were counted."}, Moved, []int{2}},
		{"matches as quotes do: case, dashes, line breaks", 1, "opened the spillway", []string{"The reservoir filled early.", "ENGINEERS OPENED THE SPILL-\nWAY AT DAWN.", "The herds went up.", "Boats were counted."}, Moved, []int{2}},
		{"words reworded in their passage", 2, "herds went up", []string{"The reservoir filled early.", "Engineers opened the spillway.", "The cattle were driven uphill.", "Boats were counted."}, Reworded, []int{3}},
		{"reworded next to a deletion", 2, "herds went up", []string{"The reservoir filled early.", "The cattle were driven uphill.", "Boats were counted."}, Reworded, []int{2}},
		{"passage deleted", 2, "herds went up", []string{"The reservoir filled early.", "Engineers opened the spillway.", "Boats were counted."}, Gone, nil},
		{"last passage deleted", 3, "Boats were counted", []string{"The reservoir filled early.", "Engineers opened the spillway.", "The herds went up."}, Gone, nil},
		{"now in two passages", 0, "filled early", []string{"The reservoir filled early.", "Engineers opened the spillway.", "The lake filled early too.", "Boats were counted."}, Ambiguous, []int{1, 3}},
		{"everything rewritten", 0, "filled early", []string{"Nothing is as it was."}, Reworded, []int{1}},
		{"source emptied", 0, "filled early", nil, Gone, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now, folded := passages(tt.now...)
			c := Citation{Document: "notes/x.md", Source: "doe-2019", Passage: old[tt.cited].ID, Number: old[tt.cited].Number, Quote: tt.quote}
			d, ok := classify(c, old, now, folded)
			if !ok {
				if tt.want != "" {
					t.Fatalf("no drift, want %s", tt.want)
				}
				return
			}
			var at []int
			for _, p := range d.Now {
				at = append(at, p.Number)
			}
			if d.Kind != tt.want || !slices.Equal(at, tt.wantAt) {
				t.Errorf("got %s at %v (%s), want %q at %v", d.Kind, at, d.Where(), tt.want, tt.wantAt)
			}
		})
	}
}

// TestComparePassages counts a revised source's passages changed, added
// and removed.
func TestComparePassages(t *testing.T) {
	old, _ := passages("a", "b", "c", "d")
	tests := []struct {
		now                     []string
		changed, added, removed int
	}{
		{[]string{"a", "b", "c", "d"}, 0, 0, 0},
		{[]string{"a", "B", "c", "d"}, 1, 0, 0},
		{[]string{"new", "a", "b", "c", "d"}, 0, 1, 0},
		{[]string{"a", "b", "d"}, 0, 0, 1},
		{[]string{"B", "a", "C", "d"}, 1, 1, 1},
		{[]string{"d", "c", "b", "a"}, 0, 3, 3}, // order reversed: one kept, three moved
		{nil, 0, 0, 4},
	}
	for _, tt := range tests {
		now, _ := passages(tt.now...)
		c := comparePassages(old, now)
		if c.Changed != tt.changed || c.Added != tt.added || c.Removed != tt.removed {
			t.Errorf("%q: got %s, want %d changed, %d added, %d removed", tt.now, c.Counts(), tt.changed, tt.added, tt.removed)
		}
	}
}

// TestCompareJudgements pairs judgements by headline, then by number.
func TestCompareJudgements(t *testing.T) {
	j := func(n int, headline, text string, conf ...string) Judgement {
		return Judgement{Number: n, Headline: headline, Text: headline + " " + text, SHA256: Hash(headline + text), Confidence: conf}
	}
	since := []Judgement{j(1, "Russia leads.", "It is likely.", "likely"), j(2, "China follows.", ""), j(3, "The CSTO acts.", "")}
	now := []Judgement{j(1, "A new judgement.", ""), j(2, "Russia leads.", "It is almost certain.", "almost certainly"), j(3, "China follows.", ""), j(4, "The CSTO acts at last.", "")}
	var got []string
	for _, c := range compareJudgements(since, now) {
		got = append(got, string(c.Change)+" "+c.Headline+" "+c.Details())
	}
	want := []string{
		"added A new judgement. ",
		"changed Russia leads. was 1, text, confidence likely -> almost certainly",
		"changed The CSTO acts at last. was 3, text",
		// "China follows." only moved from 2 to 3: not reported.
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestConfidenceWords(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Russia will almost certainly stay; it is likely to grow.", []string{"almost certainly", "likely"}},
		{"Highly unlikely, though Unlikely is not highly likely.", []string{"highly unlikely", "unlikely", "highly likely"}},
		{"We judge with high confidence that likely-sounding words are likely.", []string{"high confidence", "likely"}},
		{"The likelihood is unclear; a likeable plan.", nil},
		{"There is a realistic possibility, a remote chance.", []string{"realistic possibility", "remote chance"}},
	}
	for _, tt := range tests {
		if got := ConfidenceWords(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("ConfidenceWords(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		data, want string
	}{
		{"", "not an edition.json: the file is empty"},
		{"{\n  \"format\": 1,,\n}", "2:15: not an edition.json: invalid character ','"},
		{`{"format": "one"}`, "1:17: not an edition.json: json: cannot unmarshal string"},
		{`{"notes": []}`, `not an edition.json: it has no "format"`},
		{`{"format": 2}`, "not an edition.json: format 2, where this dossier reads format 1"},
		{`{"format": 1} {}`, "1:15: not an edition.json: more than one JSON value"},
		{`[1]`, "1:2: not an edition.json: json: cannot unmarshal array"},
	}
	for _, tt := range tests {
		_, err := Decode([]byte(tt.data))
		var de *DecodeError
		if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Decode(%q) = %v, want %q...", tt.data, err, tt.want)
		}
	}
	if e, err := Decode([]byte(`{"format": 1}`)); err != nil || e.Format != 1 {
		t.Errorf("Decode of a minimal edition: %v", err)
	}
}
