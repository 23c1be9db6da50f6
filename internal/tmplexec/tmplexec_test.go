package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
)

type item struct {
	Title, Href string
	N           int
	Tags        []string
	Inner       *item
	Any         any
	HTML        template.HTML
	URL         template.URL
	//lint:ignore U1000 templates name it, to check that an unexported field is refused
	hidden string
}

func (i item) Upper() string           { return strings.ToUpper(i.Title) }
func (i *item) Join(sep string) string { return strings.Join(i.Tags, sep) }
func (i item) Fails() (string, error)  { return "", errors.New("it fails") }

type stringer struct{ v string }

func (s stringer) String() string { return "<" + s.v + ">" }

var funcs = template.FuncMap{
	"lower": strings.ToLower,
	"join":  strings.Join,
	"pair":  func(a, b any) string { return fmt.Sprint(a, "+", b) },
	"list":  func(xs ...any) []any { return xs },
	"oops":  func() (string, error) { return "", errors.New("oops") },
	"boom":  func(string) string { panic("boom") },
}

var data = map[string]any{
	"Title": `Tom & "Jerry" <b>'s</b>`,
	"Items": []*item{
		{Title: "One <1>", Href: "a/b c.html?x=1&y=2", N: 1, Tags: []string{"x", "y"}, HTML: "<i>it</i> & <b>bold</b>", URL: "javascript:alert(1)"},
		{Title: "Two", Href: "javascript:alert(2)", N: 2, Inner: &item{Title: "inner"}, Any: 3, HTML: `<a title="1>2">x</a>`},
		{Title: "", Href: "https://example.org/ü?q=a b", N: 0, Any: stringer{"s"}},
	},
	"Empty":   []string{},
	"Map":     map[string]int{"b": 2, "a": 1, "c": 3},
	"IntMap":  map[int]string{3: "c", 1: "a", 2: "b"},
	"Nil":     (*item)(nil),
	"NilAny":  nil,
	"Count":   3,
	"Float":   2.5,
	"Safe":    template.HTML("<em>safe</em>"),
	"CSS":     "red; background: url(evil)",
	"Level":   2,
	"Stringy": stringer{"x & y"},
	"NaNMap":  map[float64]string{math.NaN(): "nan", 1: "one"},
	"AnyKeys": map[any]string{"a": "b"},
}

// Each template runs on data with tmplexec and with html/template; the
// outputs must be the same.
var same = []string{
	`<p>{{.Title}}</p>`,
	`<title>{{.Title}}</title>`,
	`<textarea>{{.Safe}}{{.Title}}</textarea>`,
	`{{range .Items}}<a href="{{.Href}}" title="{{.Title}}">{{.Title}}</a>{{end}}`,
	`{{range $i, $it := .Items}}{{if $i}}, {{end}}{{$i}}={{$it.N}}{{end}}`,
	`{{range .Items}}{{.Upper}} {{.Join "-"}} {{with .Inner}}{{.Title}}{{else}}none{{end}}{{end}}`,
	`{{range .Empty}}x{{else}}empty{{end}}`,
	`{{range $k, $v := .Map}}{{$k}}:{{$v}} {{end}}`,
	`{{range .IntMap}}{{.}} {{end}}`,
	`{{range 3}}{{.}}{{end}}`,
	`{{range .Items}}{{if eq .N 2}}{{break}}{{end}}{{.N}}{{end}}`,
	`{{range .Items}}{{if eq .N 1}}{{continue}}{{end}}{{.N}}{{end}}`,
	`{{$x := 1}}{{range .Items}}{{$x = .N}}{{end}}{{$x}}`,
	`{{with .Nil}}x{{else}}nil{{end}} {{.NilAny}} [{{.Missing}}]`,
	`{{if and .Count (not .Empty)}}yes{{end}} {{or .Empty "fallback"}} {{and 1 0 2}}`,
	`{{if lt .Count 4}}lt{{end}}{{if ge .Float 2.5}}ge{{end}}{{if ne .Title "x"}}ne{{end}}{{if eq .Count 1 2 3}}in{{end}}`,
	`{{len .Items}} {{index .Items 1 | printf "%v"}} {{(index .Items 0).Title}} {{index .Map "b"}}`,
	`{{printf "%d-%s" .Count "x"}} {{print .Count .Title}} {{println "a"}}`,
	`{{lower "ABC"}} {{.Title | lower}} {{join (index .Items 0).Tags ", "}} {{pair 1 "a"}} {{pair .Count .Float}}`,
	`{{range .Items}}<a href="{{.URL}}">{{.HTML}}</a><span title="{{.HTML}}"></span>{{end}}`,
	`{{range .Items}}<img alt={{.Title}} src={{.Href}}>{{end}}`,
	`<p title="{{.Stringy}}">{{.Stringy}} {{.Safe}}</p>{{range .Items}}{{.Any}}{{end}}`,
	`<style>p { color: {{.CSS}}; } q::before { content: "{{.Title}}"; }</style>`,
	`<h{{.Level}} class="x">h</h{{.Level}}>`,
	`<a href="/search?q={{.Title}}&n={{.Count}}">s</a>`,
	`{{define "item"}}<li>{{.Title}}</li>{{end}}<ul>{{range .Items}}{{template "item" .}}{{end}}</ul>`,
	`{{define "rec"}}{{if .}}{{.Title}}>{{template "rec" .Inner}}{{end}}{{end}}{{range .Items}}{{template "rec" .}}{{end}}`,
	`{{define "vars"}}{{$}} {{.}}{{end}}{{$y := "outer"}}{{template "vars" "inner"}}`,
	`{{with $z := .Count}}{{$z}}{{end}} {{range $i, $e := list 1 "b" nil}}{{$i}}{{$e}}{{end}}`,
	`{{/* a comment */}}{{- .Count -}} x`,
	`{{with .Items}}{{range .}}{{.N}}{{end}}{{end}}{{if .Empty}}a{{else if .Count}}b{{end}}`,
	`<a onclick="" href="{{.Title}}">x</a>`,
	// A NaN key cannot be looked up again: its value is read with it.
	`{{range $k, $v := .NaNMap}}{{$k}}={{$v}} {{end}}`,
	// nil as a command fails only if it runs.
	`{{if false}}{{nil}}{{end}}ok`,
}

func TestSameOutputAsHTMLTemplate(t *testing.T) {
	for _, text := range same {
		t.Run(text, func(t *testing.T) {
			want := execStd(t, text)
			set := template.Must(template.New("t").Funcs(funcs).Parse(text))
			p, err := Compile(set, "t", funcs)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			var got bytes.Buffer
			if err := p.Execute(&got, data); err != nil {
				t.Fatalf("execute: %v", err)
			}
			if got.String() != want {
				t.Errorf("tmplexec:\n%s\nhtml/template:\n%s", got.String(), want)
			}
		})
	}
}

func execStd(t *testing.T, text string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := template.Must(template.New("t").Funcs(funcs).Parse(text)).Execute(&buf, data); err != nil {
		t.Fatalf("html/template: %v", err)
	}
	return buf.String()
}

// Templates html/template fails on fail here too.
func TestFailsWhereHTMLTemplateFails(t *testing.T) {
	for _, text := range []string{
		`{{.Title.Nope}}`,
		`{{range .Items}}{{.Nope}}{{end}}`,
		`{{(index .Items 0).Fails}}`,
		`{{oops}}`,
		`{{index .Items 7}}`,
		`{{lt .Title 1}}`,
		`{{(index .Items 0).hidden}}`,
		`{{.Nil.Title}}`,
		`{{template "none" .}}`,
		`{{range .Count}}{{end}}{{range .Title}}{{end}}`,
		`{{and}}`,
		`{{or}}`,
		// Panics in functions are errors, as in text/template.
		`{{index .Items 3}}`,
		`{{len nil}}`,
		`{{index .AnyKeys .Empty}}`,
		`{{boom "x"}}`,
	} {
		t.Run(text, func(t *testing.T) {
			set, err := template.New("t").Funcs(funcs).Parse(text)
			if err != nil {
				t.Fatal(err)
			}
			if stdErr := template.Must(set.Clone()).Execute(io.Discard, data); stdErr == nil {
				t.Fatalf("html/template does not fail")
			}
			p, err := Compile(set, "t", funcs)
			if err != nil {
				return // refused before running: fine too
			}
			if err := p.Execute(io.Discard, data); err == nil {
				t.Errorf("tmplexec does not fail")
			}
		})
	}
}

// Data given as a reflect.Value stands for the value it holds.
func TestReflectValueData(t *testing.T) {
	const text = `{{.Title}} {{len .Items}}`
	var want, got bytes.Buffer
	if err := template.Must(template.New("t").Parse(text)).Execute(&want, reflect.ValueOf(data)); err != nil {
		t.Fatal(err)
	}
	p, err := Compile(template.Must(template.New("t").Parse(text)), "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Execute(&got, reflect.ValueOf(data)); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("tmplexec: %q, html/template: %q", got.String(), want.String())
	}
}

// What tmplexec does not run, it refuses to compile, so that the caller
// uses html/template.
func TestRefusesWhatItDoesNotRun(t *testing.T) {
	for _, text := range []string{
		`<script>var x = {{.Title}};</script>`,
		`<a onclick="f({{.Title}})">x</a>`,
		`{{slice .Title 1 2}}`,
		`{{define "p"}}{{.}}{{end}}<a title="{{template "p" .Title}}">x</a>`,
		`<img srcset="{{.Title}}">`,
	} {
		t.Run(text, func(t *testing.T) {
			set := template.Must(template.New("t").Funcs(funcs).Parse(text))
			if _, err := Compile(set, "t", funcs); !errors.Is(err, ErrUnsupported) {
				t.Errorf("Compile: %v, want ErrUnsupported", err)
			}
		})
	}
}

// An escaping error is html/template's, found at Compile.
func TestEscapeErrorAtCompile(t *testing.T) {
	set := template.Must(template.New("t").Parse(`<a href="{{if .}}x{{else}}"{{end}}">`))
	var escapeErr *template.Error
	if _, err := Compile(set, "t", nil); !errors.As(err, &escapeErr) {
		t.Errorf("Compile: %v, want a *template.Error", err)
	}
}

// Each probe's template must guard its action with its escaper alone.
func TestProbesRunOneEscaper(t *testing.T) {
	all := map[string]*probe{"striptags": stripTagsProbe, "striptags-nospace": stripTagsNospaceProbe}
	for name, p := range probes {
		all[name] = p
	}
	for name, p := range all {
		p.run("x", contentTypePlain) // escapes the probe's template
		tree := p.t.Tree.Root.String()
		if strings.Count(tree, "_html_template_") != 1 {
			t.Errorf("%s: probe runs %s, want one escaper", name, tree)
		}
		if name != "striptags" && name != "striptags-nospace" && !strings.Contains(tree, name) {
			t.Errorf("%s: probe runs %s", name, tree)
		}
	}
}

// The HTML escapers run here give what html/template's own do, asked
// through probes, on tricky strings, typed HTML and invalid UTF-8 among
// them.
func TestHTMLEscapersMatchHTMLTemplate(t *testing.T) {
	oracles := map[string]*probe{
		"_html_template_htmlescaper":    newProbe(`<p>`, `</p>`),
		"_html_template_attrescaper":    newProbe(`<p title="`, `">`),
		"_html_template_rcdataescaper":  newProbe(`<title>`, `</title>`),
		"_html_template_nospaceescaper": newProbe(`<p title=`, `>`),
	}
	for _, s := range []string{"", "plain", `a&b<c>"d'e+f`, "\x00nul", "Kŭlob “quoted” ü&", "bad \xff\xfe utf-8 & <", "&", "end<", "tab\tnew\nline = `x`", "\ufdd0 and \uffff"} {
		for name, oracle := range oracles {
			for _, ct := range []contentType{contentTypePlain, contentTypeHTML} {
				if got, want := natives[name](s, ct), oracle.run(s, ct); got != want {
					t.Errorf("%s(%q, %d) = %q, html/template: %q", name, s, ct, got, want)
				}
			}
		}
	}
}

// A failing writer is a WriteError, not a template error.
func TestWriteError(t *testing.T) {
	set := template.Must(template.New("t").Parse(`<p>{{.}}</p>`))
	p, err := Compile(set, "t", nil)
	if err != nil {
		t.Fatal(err)
	}
	full := errors.New("disk full")
	var writeErr *WriteError
	if err := p.Execute(failingWriter{full}, "x"); !errors.As(err, &writeErr) || !errors.Is(err, full) {
		t.Errorf("Execute: %v, want a WriteError of %v", err, full)
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) { return 0, w.err }
