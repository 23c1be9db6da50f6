package tmplexec

import (
	"bytes"
	"html/template"
	"reflect"
	"strings"
	"sync"
	"testing"
)

// A Checked program that agrees with html/template on its first page
// goes on running on tmplexec.
func TestCheckedAgrees(t *testing.T) {
	p := compileChecked(t, `<a href="{{.Href}}">{{.Title}}</a>`)
	for range 2 {
		if got := execute(t, p, item{Title: "a<b", Href: "x y"}); got != `<a href="x%20y">a&lt;b</a>` {
			t.Errorf("Execute wrote %q", got)
		}
	}
	if err := p.Diverged(); err != nil {
		t.Errorf("Diverged: %v", err)
	}
}

// Where tmplexec writes something other than html/template, a Checked
// program writes html/template's output, on the first page and every
// later one, and says how they differed.
func TestCheckedFallsBack(t *testing.T) {
	p := compileChecked(t, `<p>{{.Title}}</p>`)
	// A stand-in for a tmplexec bug.
	p.entry = &compiled{body: func(s *state, _ reflect.Value) error {
		_, err := s.w.WriteString("<p>wrong</p>")
		return err
	}}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if got := execute(t, p, item{Title: "x"}); got != "<p>x</p>" {
				t.Errorf("Execute wrote %q", got)
			}
		})
	}
	wg.Wait()
	if err := p.Diverged(); err == nil || !strings.Contains(err.Error(), `at byte 3: "wrong</p>", not "x</p>"`) {
		t.Errorf("Diverged: %v", err)
	}
}

// tmplexec succeeding where html/template fails is a divergence too,
// and the execution fails as html/template's does.
func TestCheckedFailsAsHTMLTemplate(t *testing.T) {
	p := compileChecked(t, `{{.Fails}}`)
	p.entry = &compiled{body: func(*state, reflect.Value) error { return nil }}
	if err := p.Execute(&bytes.Buffer{}, item{}); err == nil || !strings.Contains(err.Error(), "it fails") {
		t.Errorf("Execute: %v, want html/template's error", err)
	}
	if err := p.Diverged(); err == nil || !strings.Contains(err.Error(), "succeeded where html/template failed") {
		t.Errorf("Diverged: %v", err)
	}
}

func compileChecked(t *testing.T, text string) *Program {
	t.Helper()
	p, err := Compile(template.Must(template.New("t").Parse(text)), "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	return p.Checked()
}

func execute(t *testing.T, p *Program, data any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := p.Execute(&buf, data); err != nil {
		t.Error(err)
	}
	return buf.String()
}
