package render_test

import (
	"slices"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/render"
)

// shippedAndGenerated names the shipped dossier's content folder and a
// generated one of 300 notes, where themes and sources have hundreds of
// neighbours and the print edition still holds every note.
func shippedAndGenerated(t *testing.T) map[string]string {
	return map[string]string{
		"shipped":   "../../content",
		"generated": corpustest.Write(t, "../../content", 300),
	}
}

// tmplexec runs the page templates; every page must be what
// html/template makes of them, on the shipped dossier and on a generated
// one.
func TestTmplexecPagesEqualHTMLTemplates(t *testing.T) {
	for name, content := range shippedAndGenerated(t) {
		t.Run(name, func(t *testing.T) {
			fast := buildAll(t, content)
			render.UseTmplexec(false)
			defer render.UseTmplexec(true)
			slow := buildAll(t, content)
			if len(fast) != len(slow) {
				t.Errorf("%d files with tmplexec, %d with html/template", len(fast), len(slow))
			}
			for p, want := range slow {
				if string(fast[p]) != string(want) {
					t.Errorf("%s differs from html/template's", p)
				}
			}
		})
	}
}

func buildAll(t *testing.T, content string) map[string][]byte {
	t.Helper()
	res, diags, err := build.New(build.Options{Content: content}).Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	return res.Files
}

// tmplexec compiles every built-in page template.
func TestTmplexecRunsEveryTemplate(t *testing.T) {
	res, diags, err := build.New(build.Options{Content: "../../content", OneShot: true}).Site()
	if err != nil || len(diags) > 0 {
		t.Fatalf("site: %v %v", err, diags)
	}
	want := []string{"404.html", "changes.html", "entity.html", "evidence.html", "graph.html", "index.html", "list.html", "note.html", "print.html", "search.html", "source.html", "theme.html", "timeline.html"}
	if got := render.Compiled(res.Site); !slices.Equal(got, want) {
		t.Errorf("tmplexec compiled %v, want %v", got, want)
	}
}
