package passage

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

// sourcesDir holds the dossier's sources, relative to this package.
const sourcesDir = "../../content/sources"

// source is a source file of the dossier: its body and cleaning rules.
type source struct {
	key   string
	body  string
	rules site.CleaningRules
}

// readSources reads content/sources/*.txt, splitting off the front matter.
// It skips the test when the files are missing.
func readSources(tb testing.TB) []source {
	tb.Helper()
	srcs, err := loadSources()
	if err != nil {
		tb.Fatal(err)
	}
	if len(srcs) == 0 {
		tb.Skip("no sources in " + sourcesDir)
	}
	return srcs
}

// loadSources reads the sources there are.
func loadSources() ([]source, error) {
	paths, err := filepath.Glob(filepath.Join(sourcesDir, "*.txt"))
	if err != nil {
		return nil, err
	}
	var srcs []source
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		front, body := splitFrontMatter(string(data))
		rules, err := parseRules(front)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		srcs = append(srcs, source{key: strings.TrimSuffix(filepath.Base(p), ".txt"), body: body, rules: rules})
	}
	return srcs, nil
}

// splitFrontMatter returns the front matter between the first two "---"
// lines and the body after them.
func splitFrontMatter(s string) (front, body string) {
	rest, ok := strings.CutPrefix(s, "---\n")
	if !ok {
		return "", s
	}
	front, body, ok = strings.Cut(rest, "\n---\n")
	if !ok {
		return "", s
	}
	return front, body
}

// parseRules reads the "cleaning:" block of front matter, written as
//
//	cleaning:
//	  format: pdf
//	  break_before: [12, 40]
//
// The loader parses it as YAML; this test only needs these flat forms, and
// the package may not import a YAML parser. Like the loader, it turns the
// file lines that rules name into the body lines cleaning counts.
func parseRules(front string) (site.CleaningRules, error) {
	var r site.CleaningRules
	frontLines := strings.Count(front, "\n") + 3 // with both "---" lines
	in := false
	for _, ln := range strings.Split(front, "\n") {
		if ln == "cleaning:" {
			in = true
			continue
		}
		if in && strings.HasPrefix(strings.TrimSpace(ln), "#") {
			continue
		}
		if !in || !strings.HasPrefix(ln, "  ") {
			in = false
			continue
		}
		key, val, _ := strings.Cut(strings.TrimSpace(ln), ":")
		val = strings.TrimSpace(val)
		var nums []int
		for _, f := range strings.FieldsFunc(strings.Trim(val, "[]"), func(r rune) bool { return r == ',' || r == ' ' }) {
			var n int
			if _, err := fmt.Sscan(f, &n); err == nil {
				nums = append(nums, n-frontLines)
			}
		}
		switch key {
		case "format":
			r.Format = val
		case "break_before":
			r.BreakBefore = nums
		case "join_before":
			r.JoinBefore = nums
		case "drop":
			r.Drop = nums
		case "keep":
			r.Keep = nums
		default:
			return r, fmt.Errorf("unknown cleaning rule %q", key)
		}
	}
	return r, nil
}

// dump writes a normalised source in a form to read and diff: each passage
// as a header line and its text, then the footnotes, then the removed
// lines.
func dump(n site.Normalised) string {
	var b strings.Builder
	kinds := map[site.PassageKind]string{site.Paragraph: "paragraph", site.Heading: "heading", site.BlockQuote: "quote",
		site.List: "list", site.Table: "table"}
	for _, p := range n.Passages {
		kind := kinds[p.Kind]
		if p.Kind == site.Heading {
			kind += fmt.Sprint(p.Level)
		}
		if p.Lang != "" {
			kind += "/" + p.Lang
		}
		pages := ""
		if p.Pages.First > 0 {
			pages = fmt.Sprintf(" pages %d-%d", p.Pages.First, p.Pages.Last)
		}
		fmt.Fprintf(&b, "¶%d %s lines %d-%d%s [%s]\n%s\n", p.Number, p.ID, p.Lines.First, p.Lines.Last, pages, kind, p.Text)
		for _, s := range p.Emphasis {
			fmt.Fprintf(&b, "  emphasis %q\n", p.Text[s.Start:s.End])
		}
		for _, r := range p.Footnotes {
			fmt.Fprintf(&b, "  note %s after %q\n", r.Label, p.Text[max(0, r.At-20):r.At])
		}
		b.WriteString("\n")
	}
	for _, f := range n.Footnotes {
		fmt.Fprintf(&b, "[%s] lines %d-%d\n%s\n\n", f.Label, f.Lines.First, f.Lines.Last, f.Text)
	}
	for _, r := range n.Removed {
		fmt.Fprintf(&b, "removed %d (%s): %s\n", r.Line, r.Reason, r.Text)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	for _, src := range readSources(t) {
		t.Run(src.key, func(t *testing.T) {
			n := Normalise(src.body, src.rules)
			checkInvariants(t, src.body, n)
			got := []byte(dump(n))
			path := filepath.Join("testdata", "golden", src.key+".txt")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output; run go test -update and review the diff", path)
			}
		})
	}
}
