package render_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/view/csstest"
)

// hostileMarking holds what has broken the print margins, or could: a
// colon html/template took for a URL's, quotes, a backslash, a line
// break, letters past ASCII and the end of the <style> element.
const hostileMarking = "TLP:AMBER+STRICT // \"Q\" 'S' \\ \n СЕКРЕТНО </style><b>x</b>"

// The marking and the running titles print as they are written, from
// tmplexec as from html/template.
func TestPrintMarginsHoldTheMarkingAndTitlesAsWritten(t *testing.T) {
	const title = `Bases: "border" \ assistance </style>`
	content := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../testdata/site")); err != nil {
		t.Fatal(err)
	}
	replaceLine(t, filepath.Join(content, "dossier.yaml"), "marking: ", hostileMarking)
	replaceLine(t, filepath.Join(content, "themes", "bases.md"), "title: ", title)

	fast := buildAll(t, content)
	render.UseTmplexec(false)
	defer render.UseTmplexec(true)
	slow := buildAll(t, content)
	margins := regexp.MustCompile(`<style media="print">@page \{ @top-center \{ content: ([^;]*); \} @bottom-center \{ content: ([^;]*); \} \}</style>`)
	pages := 0
	for name, data := range fast {
		if string(slow[name]) != string(data) {
			t.Errorf("%s differs between tmplexec and html/template", name)
		}
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		m := margins.FindStringSubmatch(string(data))
		if m == nil {
			t.Errorf("%s: no marking in the print margins", name)
			continue
		}
		for _, css := range m[1:] {
			if got, err := csstest.Unquote(css); err != nil || got != hostileMarking {
				t.Errorf("%s: the margins show %s, which reads as %q (%v)", name, css, got, err)
			}
		}
	}
	if pages < 10 {
		t.Errorf("%d pages built", pages)
	}
	for _, r := range []struct{ page, rule, want string }{
		{"print/index.html", "@page s-theme-bases", "2 · " + title},
		{"themes/bases/print/index.html", "@page s-brief", title},
	} {
		m := regexp.MustCompile(regexp.QuoteMeta(r.rule) + ` \{ @top-left \{ content: ([^;]*); \} \}`).FindStringSubmatch(string(fast[r.page]))
		if m == nil {
			t.Errorf("%s: no rule %s", r.page, r.rule)
			continue
		}
		if got, err := csstest.Unquote(m[1]); err != nil || got != r.want {
			t.Errorf("%s: the running title is %s, which reads as %q (%v), want %q", r.page, m[1], got, err, r.want)
		}
	}
}

// replaceLine sets the YAML value of the line of file that starts with
// key to value.
func replaceLine(t *testing.T, file, key, value string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	quoted, _ := json.Marshal(value)
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(key) + `.*$`)
	if !re.Match(data) {
		t.Fatalf("%s has no line %q", file, key)
	}
	data = re.ReplaceAllLiteral(data, append([]byte(key), quoted...))
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
