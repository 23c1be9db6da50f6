// Package tmplexec executes html/template templates several times faster
// than html/template does, with the same output.
//
// html/template decides, by context, which escapers guard each action,
// and rewrites the template's parse tree to call them; text/template then
// walks that tree by reflection, looking each field up by name and
// calling each escaper through reflect.Value.Call, on every execution.
// At 10,000 notes that walk was half of a build. tmplexec compiles the
// escaped tree once into Go closures: a field is looked up once per type,
// the escapers html/template chose are called directly, and nothing
// about the template is decided again per page.
//
// It runs what dossier's templates and their users' edits need; a
// template using anything else (a template invoked in a non-HTML
// context, call, slice, a JavaScript escaper, ...) does not compile, and
// the caller executes it with html/template as before. Execution errors
// are not html/template's messages: a caller that reports them runs
// html/template again for its message.
//
// Its escapers are copies of Go 1.26's (escape.go), so three rails keep
// it honest: a test fails when the toolchain's html/template escapers
// differ from those they were copied from (upstream_test.go), a fuzz
// test compares it with html/template on generated templates and data
// (FuzzDifferential), and a site's own templates are checked against
// html/template on their first page (Checked); dossier's --html-template
// flag runs everything on html/template.
//
// Delete this package once html/template's own reflection cost has
// fallen (golang/go#81610) so far that tmplexec saves less than about
// 15% of a build: it is then not worth keeping copies of escapers that
// Go's security fixes do not reach. To measure, time dossier build with
// and without --html-template on a 1,000-note corpus from
// go run ./cmd/corpus; when it was written, they took 0.78 s and 1.40 s.
package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"sync"
	"sync/atomic"
)

// ErrUnsupported says a template uses something tmplexec does not run.
var ErrUnsupported = errors.New("not supported by tmplexec")

// Program is a compiled template, safe for concurrent use.
type Program struct {
	entry *compiled
	// set and name are the template as html/template runs it.
	set  *template.Template
	name string
	// check is set on a Checked program.
	check *check
}

// check is what a Checked program found on its first execution.
type check struct {
	once sync.Once
	// diverged says how tmplexec differed from html/template; from then
	// on the program runs on html/template.
	diverged atomic.Pointer[error]
}

// compiled is one named template of the set; body is filled in after
// the compiled is made, so that templates may invoke each other.
type compiled struct {
	body step
}

// Compile escapes the template name of set as html/template does on its
// first execution, and compiles it and the templates it invokes. funcs
// are the functions set was given with Funcs; the set must keep
// text/template's default missingkey option.
func Compile(set *template.Template, name string, funcs template.FuncMap) (*Program, error) {
	t := set.Lookup(name)
	if t == nil {
		return nil, fmt.Errorf("tmplexec: no template %q", name)
	}
	// Escaping happens on the first execution, and is kept; with no
	// data the execution itself soon stops, which is of no interest.
	var escapeErr *template.Error
	if err := set.ExecuteTemplate(io.Discard, name, nil); errors.As(err, &escapeErr) {
		return nil, err
	}
	c := &compiler{set: set, funcs: funcs, templates: map[string]*compiled{}}
	entry, err := c.template(name)
	if err != nil {
		return nil, err
	}
	return &Program{entry: entry, set: set, name: name}, nil
}

// Checked returns p checked against html/template on its first
// execution: that one runs on both, and writes html/template's output.
// If tmplexec wrote something else, or failed where html/template did
// not, or the other way round, every later execution runs on
// html/template, and Diverged says how they differed. This is for
// templates the tests do not compare, such as a site's own: a template
// construct tmplexec runs wrongly costs speed, never a wrong page. The
// first execution's output is held in memory, twice.
func (p *Program) Checked() *Program {
	return &Program{entry: p.entry, set: p.set, name: p.name, check: &check{}}
}

// Diverged says how a Checked program differed from html/template on its
// first execution; nil if it did not, or has not run yet.
func (p *Program) Diverged() error {
	if p.check == nil {
		return nil
	}
	if err := p.check.diverged.Load(); err != nil {
		return *err
	}
	return nil
}

// Execute applies the template to data and writes the output to w. A
// failure of w is a *WriteError.
func (p *Program) Execute(w io.Writer, data any) error {
	if p.check != nil {
		first, err := false, error(nil)
		p.check.once.Do(func() { first, err = true, p.compare(w, data) })
		switch {
		case first:
			return err
		case p.check.diverged.Load() != nil:
			return p.set.ExecuteTemplate(output{stringWriter(w)}, p.name, data)
		}
	}
	return p.execute(w, data)
}

// compare runs the template on both tmplexec and html/template, notes
// where they differ, and writes html/template's output.
func (p *Program) compare(w io.Writer, data any) error {
	var want, got bytes.Buffer
	stdErr := p.set.ExecuteTemplate(&want, p.name, data)
	err := p.execute(&got, data)
	var diverged error
	switch {
	case stdErr != nil && err == nil:
		diverged = fmt.Errorf("tmplexec succeeded where html/template failed: %v", stdErr)
	case stdErr == nil && err != nil:
		diverged = fmt.Errorf("tmplexec failed where html/template did not: %v", err)
	case stdErr == nil && got.String() != want.String():
		diverged = fmt.Errorf("tmplexec's output differs from html/template's %s", firstDifference(got.String(), want.String()))
	}
	if diverged != nil {
		p.check.diverged.Store(&diverged)
	}
	if stdErr != nil {
		return stdErr
	}
	_, err = output{stringWriter(w)}.Write(want.Bytes())
	return err
}

// firstDifference says where two outputs part, and shows a little of
// each from there.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	excerpt := func(s string) string { return s[i:min(len(s), i+40)] }
	return fmt.Sprintf("at byte %d: %q, not %q", i, excerpt(got), excerpt(want))
}

func (p *Program) execute(w io.Writer, data any) error {
	s := &state{w: output{stringWriter(w)}}
	// As in text/template, data that is a reflect.Value stands for the
	// value it holds.
	dot, ok := data.(reflect.Value)
	if !ok {
		dot = reflect.ValueOf(data)
	}
	s.vars = append(s.vars, variable{"$", dot})
	return p.entry.body(s, dot)
}

// state is one execution's.
type state struct {
	w writer
	// vars is the variable stack; a template invocation's own start at
	// base, as text/template's invocations inherit no variables.
	vars  []variable
	base  int
	depth int
}

type variable struct {
	name  string
	value reflect.Value
}

type writer interface {
	io.Writer
	io.StringWriter
}

// WriteError is a failure of the writer Execute writes to, rather than
// of the template.
type WriteError struct{ Err error }

func (e *WriteError) Error() string { return "tmplexec: write: " + e.Err.Error() }

func (e *WriteError) Unwrap() error { return e.Err }

// output is the writer Execute writes to, with its failures marked.
type output struct{ w writer }

func (o output) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil {
		err = &WriteError{err}
	}
	return n, err
}

func (o output) WriteString(s string) (int, error) {
	n, err := o.w.WriteString(s)
	if err != nil {
		err = &WriteError{err}
	}
	return n, err
}

type stringWriterAdapter struct{ io.Writer }

func (w stringWriterAdapter) WriteString(s string) (int, error) { return w.Write([]byte(s)) }

func stringWriter(w io.Writer) writer {
	if sw, ok := w.(writer); ok {
		return sw
	}
	return stringWriterAdapter{w}
}

func (s *state) push(name string, value reflect.Value) {
	s.vars = append(s.vars, variable{name, value})
}

// mark and pop scope the variables declared in a control structure.
func (s *state) mark() int { return len(s.vars) }

func (s *state) pop(mark int) { s.vars = s.vars[:mark] }

func (s *state) setVar(name string, value reflect.Value) error {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			s.vars[i].value = value
			return nil
		}
	}
	return fmt.Errorf("undefined variable: %s", name)
}

// setTopVar sets the variable n from the top of the stack.
func (s *state) setTopVar(n int, value reflect.Value) {
	s.vars[len(s.vars)-n].value = value
}

func (s *state) varValue(name string) (reflect.Value, error) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, nil
		}
	}
	return reflect.Value{}, fmt.Errorf("undefined variable: %s", name)
}
