package passage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

// FuzzNormalise checks that no body and no rules make Normalise panic or
// lose a line.
//
// Its seeds are the excerpts, not the whole sources (TestGolden checks
// those): the fuzzer minimises each input that finds new code for up to
// -fuzzminimizetime, 60 s by default, and on a 40 KB source it takes all
// of that, so that with whole sources as seeds it ran 23 inputs a minute.
// Excerpts of a few KB are minimised in moments.
func FuzzNormalise(f *testing.F) {
	excerpts, _ := filepath.Glob(filepath.Join("testdata", "excerpts", "*.txt"))
	for _, e := range excerpts {
		body, err := os.ReadFile(e)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(body), uint8(1), 2, 4, 6, 8)
	}
	f.Add("1. Heading\nText 1\n\n1\n\nNote.\n a page\n", uint8(1), 2, 3, 4, 5)
	f.Add("## Title\n\n*a* [b](#) **c\n", uint8(2), 1, 1, 1, 1)
	f.Add("\r\n \t\n\xff\xfe\n", uint8(3), 0, -1, 100, 2)
	formats := []string{"", "pdf", "markdown", "plain"}
	f.Fuzz(func(t *testing.T, body string, format uint8, brk, join, drop, keep int) {
		rules := site.CleaningRules{
			Format:      formats[int(format)%len(formats)],
			BreakBefore: []int{brk},
			JoinBefore:  []int{join},
			Drop:        []int{drop},
			Keep:        []int{keep},
		}
		checkInvariants(t, body, Normalise(body, rules))
	})
}

func BenchmarkNormalise(b *testing.B) {
	srcs := readSources(b)
	size := 0
	for _, s := range srcs {
		size += len(s.body)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, s := range srcs {
			Normalise(s.body, s.rules)
		}
	}
}
