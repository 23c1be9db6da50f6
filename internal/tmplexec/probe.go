package tmplexec

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// A probe runs one of html/template's own escapers, which are not
// exported, by executing a one-action template whose action it alone
// guards, and cutting the action's output out of the page. It is slow
// (a template execution per value), so it serves the escapers templates
// rarely reach.
type probe struct {
	t              *template.Template
	prefix, suffix string
}

func newProbe(prefix, suffix string) *probe {
	return &probe{t: template.Must(template.New("probe").Parse(prefix + "{{.}}" + suffix)), prefix: prefix, suffix: suffix}
}

var (
	// Typed HTML in an attribute loses its tags, which takes
	// html/template's whole HTML lexer.
	stripTagsProbe        = newProbe(`<a title="`, `">`)
	stripTagsNospaceProbe = newProbe(`<a title=`, `>`)
	// probes are the escapers run through html/template, by name.
	probes = map[string]*probe{
		"_html_template_cssvaluefilter": newProbe(`<style>p { color: `, ` }</style>`),
		"_html_template_htmlnamefilter": newProbe(`<p `, `="">`),
	}
)

// run escapes s, of content type t, as the probe's escaper does.
func (p *probe) run(s string, t contentType) string {
	var buf bytes.Buffer
	if err := p.t.Execute(&buf, typedValue(s, t)); err != nil {
		// The probe's template is fixed and its data a string: it
		// cannot fail.
		panic(fmt.Sprintf("tmplexec: probe %q: %v", p.prefix, err))
	}
	out, ok := strings.CutPrefix(buf.String(), p.prefix)
	out, ok2 := strings.CutSuffix(out, p.suffix)
	if !ok || !ok2 {
		panic(fmt.Sprintf("tmplexec: probe %q wrote %q", p.prefix, buf.String()))
	}
	return out
}

// typedValue is s as a value of the type that says it is content of type t.
func typedValue(s string, t contentType) any {
	for typ, ct := range typed {
		if ct == t {
			return reflect.ValueOf(s).Convert(typ).Interface()
		}
	}
	return s
}
