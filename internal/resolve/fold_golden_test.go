package resolve

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var updateFold = flag.Bool("update-fold", false, "rewrite "+foldGolden+" from the current fold")

// foldGolden records fold's output, folded text and offsets, for every
// line of the corpora (a digest per file) and for foldEdgeLines (in
// full), so that a faster fold shows no diff.
const foldGolden = "testdata/fold.golden"

// foldCorpora are the trees whose lines are folded; shared ones, outside
// the repository, may be absent. The content tree is left out, as every
// edit to it would change the digests.
var foldCorpora = []struct {
	dir    string
	shared bool
}{
	{dir: "../../testdata/cleaning"},
	{dir: "../../../shared/seeds", shared: true},
}

// foldEdgeLines hold each ligature, the code points either side of
// them, and ligatures next to dashes, spaces and invalid UTF-8.
var foldEdgeLines = []string{
	"", "oﬀer", "ﬁnd", "ﬂow", "oﬃcial", "baﬄe", "ﬅ", "ﬆ", "\ufaff\ufb07\ufb1d", "ﬁ-ﬂ", "ﬁ – ﬂ", " ﬃ ",
	"\xef\xac", "\xef\xac\x81\xff", "ＦＩ", "“Quoted” — ‘it’ said", "Ǆ İ K",
}

func TestFoldGolden(t *testing.T) {
	var b strings.Builder
	for _, c := range foldCorpora {
		if _, err := os.Stat(c.dir); c.shared && os.IsNotExist(err) {
			t.Skipf("%s is absent", c.dir)
		}
		err := filepath.WalkDir(c.dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			h := sha256.New()
			sc := bufio.NewScanner(f)
			sc.Buffer(nil, 16<<20)
			for sc.Scan() {
				folded, offsets := fold(sc.Text())
				h.Write(folded)
				binary.Write(h, binary.LittleEndian, offsets)
			}
			rel, _ := filepath.Rel("../..", p)
			fmt.Fprintf(&b, "%s %x\n", filepath.ToSlash(rel), h.Sum(nil))
			return sc.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range foldEdgeLines {
		folded, offsets := fold(s)
		fmt.Fprintf(&b, "%q %q %v\n", s, folded, offsets)
	}
	if *updateFold {
		if err := os.MkdirAll(filepath.Dir(foldGolden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(foldGolden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(foldGolden)
	if err != nil {
		t.Fatal(err)
	}
	wantLines := strings.Split(string(want), "\n")
	for _, l := range strings.Split(b.String(), "\n") {
		if !slices.Contains(wantLines, l) {
			t.Errorf("%s has no line %s", foldGolden, l)
		}
	}
	if string(want) != b.String() {
		t.Errorf("fold differs from %s", foldGolden)
	}
}
