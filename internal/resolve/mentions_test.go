package resolve

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/passage"
)

// unfiltered is idx with its pair filter open to every byte, as though
// every phrase's first word were one byte long: the scan then reads every
// word that lengths lets through, as it did before the filter.
func unfiltered(idx *phraseIndex) *phraseIndex {
	open := *idx
	for c := range open.pairs {
		open.pairs[c] = [4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	}
	return &open
}

// shippedPhrases indexes the shipped dossier's entity names and theme
// terms, and lists its notes' and passages' texts.
func shippedPhrases(t testing.TB) (names, terms *phraseIndex, texts []string) {
	c, diags := load.Load(os.DirFS("../../content"), "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	names, terms = newNameIndex(c.Entities), newPhraseIndex(true)
	for i, th := range c.Themes {
		for _, term := range th.Terms {
			if !strings.HasPrefix(term.Text, "/") {
				terms.add(term.Text, i)
			}
		}
	}
	// Phrases of one byte, and of a first word that is a prefix of
	// another's, which the filter must let through.
	names.add("X", len(c.Entities))
	names.add("Ru", len(c.Entities)+1)
	for _, n := range c.Notes {
		texts = append(texts, n.Title, n.Body)
	}
	for _, s := range c.Sources {
		for _, p := range passage.Normalise(s.Body, s.Rules).Passages {
			texts = append(texts, p.Text)
		}
	}
	return names, terms, texts
}

func TestPairFilterFindsWhatTheScanFinds(t *testing.T) {
	names, terms, texts := shippedPhrases(t)
	texts = append(texts, "X", "X marks", "Ru", "Russia.", "“Tajikistan”", "CSTO-led", "Kŭlob", "e\u0301")
	found := 0
	for _, idx := range []*phraseIndex{names, terms} {
		open := unfiltered(idx)
		for _, text := range texts {
			got, want := idx.find(text, nil), open.find(text, nil)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("fold %v, %.60q: found %v, want %v", idx.fold, text, got, want)
			}
			found += len(want)
		}
	}
	if found < 1000 {
		t.Errorf("found %d phrases in the shipped dossier; want the test to see many", found)
	}
}

func FuzzPairFilter(f *testing.F) {
	names, terms, texts := shippedPhrases(f)
	for _, text := range texts[:20] {
		f.Add(text)
	}
	f.Add("X Ru Russia")
	openNames, openTerms := unfiltered(names), unfiltered(terms)
	f.Fuzz(func(t *testing.T, text string) {
		for _, pair := range [][2]*phraseIndex{{names, openNames}, {terms, openTerms}} {
			if got, want := pair[0].find(text, nil), pair[1].find(text, nil); !reflect.DeepEqual(got, want) {
				t.Errorf("fold %v, %q: found %v, want %v", pair[0].fold, text, got, want)
			}
		}
	})
}
