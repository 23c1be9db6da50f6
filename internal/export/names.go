package export

import (
	"strings"
	"unicode"
)

// name is an author: a person's family and given names, or an
// organisation's name as a literal that no tool should reorder.
type name struct {
	Family, Given string
	// Particle is a lowercase particle that belongs with the family
	// name and is sorted under it ("van" in "Ludwig van Beethoven").
	Particle string
	Suffix   string
	Literal  string
}

// orgWords are words that make a name an organisation's.
var orgWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`academy agency alliance association authority bank board bureau
		cell center centre college commission committee company corporation council court daily
		department desk directorate division editors editorial federation forum foundation gazette
		government group herald inc institute institution journal league library ltd ministry
		network news observatory office organisation organization parliament post press programme
		program project reuters review secretariat service services society staff team times
		tribune trust unit union university of for the on and &`) {
		orgWords[w] = true
	}
}

// particles are lowercase words that start a family name; connectors
// join two family names ("Puig i Solé").
var (
	particles  = map[string]bool{"van": true, "von": true, "der": true, "den": true, "de": true, "del": true, "della": true, "di": true, "da": true, "du": true, "des": true, "la": true, "le": true, "ter": true, "ten": true, "bin": true, "ibn": true, "al": true, "el": true, "dos": true, "das": true}
	connectors = map[string]bool{"i": true, "y": true, "e": true}
	suffixes   = map[string]bool{"Jr.": true, "Jr": true, "Sr.": true, "Sr": true, "II": true, "III": true, "IV": true}
)

// parseName reads an author as front matter writes it: "Joshua Kucera",
// "Kucera, Joshua", "Ludwig van Beethoven", "Martin Luther King Jr.",
// or an organisation. A name is a person's when it has two to five words,
// each capitalised or a particle, and no word that organisations use
// ("Department", "Institute", "of"); anything else, a single word too
// ("Reuters"), is kept whole as a literal. A name in another order than
// given-family ("Zheng Haiqi") is read as given-family: write such a name
// "Zheng, Haiqi" to say which part is the family name.
func parseName(s string) name {
	s = strings.Join(strings.Fields(s), " ")
	if family, given, ok := strings.Cut(s, ", "); ok && !strings.Contains(given, ",") && personWords(family) && personWords(given) {
		n := splitFamily(strings.Fields(family))
		n.Given = given
		return n
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 5 || !personWords(s) {
		return name{Literal: s}
	}
	n := name{}
	if suffixes[words[len(words)-1]] {
		n.Suffix = words[len(words)-1]
		words = words[:len(words)-1]
	}
	// The family name starts at the first particle after the first
	// word, or with the word before a connector, or is the last word.
	start := len(words) - 1
	for i := 1; i < len(words)-1; i++ {
		if particles[words[i]] {
			start = i
			break
		}
		if connectors[words[i]] {
			start = i - 1
			break
		}
	}
	if start < 1 {
		return name{Literal: s}
	}
	f := splitFamily(words[start:])
	n.Family, n.Particle = f.Family, f.Particle
	n.Given = strings.Join(words[:start], " ")
	return n
}

// splitFamily splits leading particles off family name words.
func splitFamily(words []string) name {
	i := 0
	for i < len(words)-1 && particles[words[i]] {
		i++
	}
	return name{Particle: strings.Join(words[:i], " "), Family: strings.Join(words[i:], " ")}
}

// personWords reports whether every word of s could be part of a
// person's name: capitalised (initials and hyphenated names too), a
// particle, a connector or a suffix, and none an organisation's word.
func personWords(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		if orgWords[strings.ToLower(strings.Trim(w, ".,"))] {
			return false
		}
		if particles[w] || connectors[w] || suffixes[w] {
			continue
		}
		for i, r := range w {
			switch {
			case i == 0 && !unicode.IsUpper(r):
				return false
			case !unicode.IsLetter(r) && r != '.' && r != '-' && r != '\'' && r != '’':
				return false
			}
		}
	}
	return true
}
