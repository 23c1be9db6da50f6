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
package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"reflect"
)

// ErrUnsupported says a template uses something tmplexec does not run.
var ErrUnsupported = errors.New("not supported by tmplexec")

// Program is a compiled template, safe for concurrent use.
type Program struct {
	entry *compiled
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
	return &Program{entry: entry}, nil
}

// Execute applies the template to data and writes the output to w. A
// failure of w is a *WriteError.
func (p *Program) Execute(w io.Writer, data any) error {
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
