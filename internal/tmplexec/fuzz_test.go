package tmplexec

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"testing"
)

// FuzzDifferential runs templates made from prog by a small grammar
// (actions and pipelines in HTML, attribute, URL, CSS, JavaScript and
// RCDATA contexts, if, with, range, variables and template calls) on
// data holding s, with tmplexec and with html/template. Where tmplexec
// compiles a template, it must write what html/template writes, and
// fail where html/template fails, escaping errors among them.
func FuzzDifferential(f *testing.F) {
	f.Fuzz(func(t *testing.T, prog []byte, s string) {
		g := &grammar{prog: prog}
		text := g.template()
		std, err := template.New("t").Funcs(funcs).Parse(text)
		if err != nil {
			return // the grammar can make what does not parse, $y = 1 among it
		}
		d := fuzzData(s, g.pick(4))
		set := template.Must(std.Clone()) // before std is escaped
		var want bytes.Buffer
		stdErr := std.Execute(&want, d)
		p, err := Compile(set, "t", funcs)
		if err != nil {
			var escapeErr *template.Error
			if errors.As(err, &escapeErr) && stdErr == nil {
				t.Fatalf("%s\ntmplexec: %v; html/template does not fail", text, err)
			}
			return // the caller runs html/template instead
		}
		var got bytes.Buffer
		switch err := p.Execute(&got, d); {
		case err == nil && stdErr != nil:
			t.Fatalf("%s\ntmplexec succeeds, html/template fails: %v", text, stdErr)
		case err != nil && stdErr == nil:
			t.Fatalf("%s\ntmplexec fails: %v; html/template does not", text, err)
		case err == nil && got.String() != want.String():
			t.Fatalf("%s\ntmplexec:      %q\nhtml/template: %q", text, got.String(), want.String())
		}
	})
}

// fuzzData is the data templates run on, its strings s in every type
// html/template treats apart.
func fuzzData(s string, n int) map[string]any {
	return map[string]any{
		"S":     s,
		"N":     n,
		"Float": float64(n) / 2,
		"Items": []*item{
			{Title: s, Href: s, N: n, Tags: []string{s, "b"}, HTML: template.HTML(s), URL: template.URL(s), Any: s},
			{Title: "two", Href: "/two?x=" + s, N: n + 1, Inner: &item{Title: s}, Any: n},
		},
		"HTML":   template.HTML(s),
		"Attr":   template.HTMLAttr(s),
		"URL":    template.URL(s),
		"CSS":    template.CSS(s),
		"JS":     template.JS(s),
		"Srcset": template.Srcset(s),
		"Str":    stringer{s},
		"Map":    map[string]any{"a": s, "b": n},
		"Nil":    (*item)(nil),
		"Empty":  []string{},
	}
}

// grammar reads its choices from prog, one byte each; past its end,
// every choice is the first, which ends what is being made.
type grammar struct {
	prog  []byte
	depth int
	// inSub is set while making the called template, which must not
	// call itself: recursion without end takes html/template seconds
	// to refuse.
	inSub bool
}

func (g *grammar) pick(n int) int {
	if len(g.prog) == 0 {
		return 0
	}
	c := g.prog[0]
	g.prog = g.prog[1:]
	return int(c) % n
}

func (g *grammar) choose(options ...string) string { return options[g.pick(len(options))] }

// template is a sequence of parts, and perhaps a template they call.
func (g *grammar) template() string {
	var b strings.Builder
	if g.pick(4) == 1 {
		b.WriteString(`{{define "sub"}}`)
		g.inSub = true
		g.parts(&b)
		g.inSub = false
		b.WriteString(`{{end}}`)
	}
	g.parts(&b)
	return b.String()
}

func (g *grammar) parts(b *strings.Builder) {
	for range 1 + g.pick(4) {
		g.part(b)
	}
}

// contexts wrap an action in the places html/template escapes apart.
var contexts = []string{
	`<p>%</p>`,
	`<a title="%">x</a>`,
	`<a title='%'>x</a>`,
	`<a title=%>x</a>`,
	`<a href="%">x</a>`,
	`<a href="/search?q=%&amp;n=1">x</a>`,
	`<a href="/notes/%.html#top">x</a>`,
	`<img src=% alt="">`,
	`<title>%</title>`,
	`<textarea>%</textarea>`,
	`<style>p { color: % }</style>`,
	`<style>q::before { content: "%" }</style>`,
	`<p style="margin: %px">x</p>`,
	`<p style="background: url('%')">x</p>`,
	`<p %="1">x</p>`,
	`<h% class="x">h</h%>`,
	`<script>var x = %;</script>`,
	`<a onclick="f('%')">x</a>`,
	`<img srcset="%">`,
	`<!-- % -->`,
	`<p class="a %">x</p>`,
}

func (g *grammar) part(b *strings.Builder) {
	if g.depth > 2 {
		b.WriteString(g.choose(`x`, `&amp; `, `<br>`))
		return
	}
	g.depth++
	defer func() { g.depth-- }()
	switch g.pick(10) {
	case 0:
		b.WriteString(g.choose(`text `, `<br>`, `&lt;`, ` `, "\n"))
	case 1, 2, 3:
		ctx, action := contexts[g.pick(len(contexts))], "{{"+g.pipeline()+"}}"
		b.WriteString(strings.ReplaceAll(ctx, "%", action))
	case 4:
		b.WriteString("{{if " + g.pipeline() + "}}")
		g.part(b)
		if g.pick(2) == 1 {
			b.WriteString("{{else}}")
			g.part(b)
		}
		b.WriteString("{{end}}")
	case 5:
		b.WriteString("{{with " + g.choose("", "$w := ") + g.pipeline() + "}}")
		g.part(b)
		b.WriteString(g.choose("", "{{else}}-") + "{{end}}")
	case 6:
		b.WriteString("{{range " + g.choose("", "$i, $v := ", "$v := ") + g.choose(".Items", ".Tags", ".Map", ".Empty", ".S", ".N", "3", "$", ".Nil") + "}}")
		g.part(b)
		b.WriteString(g.choose("", "{{if .}}{{break}}{{end}}", "{{continue}}"))
		b.WriteString(g.choose("", "{{else}}none") + "{{end}}")
	case 7:
		b.WriteString("{{" + g.choose("$x := ", "$x = ", "$y = ") + g.pipeline() + "}}{{$x}}")
	case 8:
		if g.inSub {
			b.WriteString(`{{.}}`)
			return
		}
		b.WriteString(`{{template "sub" ` + g.operand() + `}}`)
	case 9:
		b.WriteString(g.choose(`{{- " trim " -}}`, `{{/* c */}}`, `<a href="`, `">`, `<p title="`, `<script>`, `</script>`, `<style>`))
	}
}

// pipeline is an operand, perhaps piped into functions.
func (g *grammar) pipeline() string {
	p := g.operand()
	for range g.pick(3) {
		p += g.choose(" | lower", ` | printf "%v-%q"`, " | print", " | len", ` | eq "two"`, " | not", " | html", " | urlquery", ` | or "x"`, ` | and .S`)
	}
	return p
}

func (g *grammar) operand() string {
	switch g.pick(6) {
	case 0:
		return g.choose(".S", ".N", ".", "$", ".HTML", ".URL", ".CSS", ".Attr", ".JS", ".Srcset", ".Str", ".Float", ".Missing", ".Nil", ".Empty")
	case 1:
		return g.choose(`"lit<&>"`, "1", "-2", "2.5", "true", "nil", `"javascript:x"`, `"http://a/b c"`, `'x'`)
	case 2:
		return g.choose(".Map.a", ".Map.b", "(index .Items 0).Title", "(index .Items 1).Inner.Title", "(index .Items 0).HTML", "(index .Items 0).URL", "(index .Items 0).Upper", `(index .Items 0).Join ", "`, ".Nil.Title", "(index .Map \"a\")", "(index .Items 0).Any")
	case 3:
		return g.choose("$x", "$v", "$i", "$w", "$")
	case 4:
		return "(" + g.choose("len ", "index .Items ", "not ", "lower ", "print ", `printf "%d" `, "eq 1 ", "lt 1 ", "le .N ", "ge ", "ne 1 ", "and ", "or ", "pair ", "html ", "js ", "urlquery ", "slice ") + g.operand() + ")"
	}
	return g.choose(`(eq .N 1 2)`, `(and .S .N)`, `(or .Empty .S)`, `(list 1 .S)`, `(join (index .Items 0).Tags "|")`)
}
