package tmplexec

import (
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"text/template/parse"
)

// step runs a node of a template; errBreak and errContinue end loops.
type step func(s *state, dot reflect.Value) error

// command evaluates one command of a pipeline; final is the previous
// command's value, or missing.
type command func(s *state, dot, final reflect.Value) (reflect.Value, error)

// pipeline evaluates a pipeline, declaring or assigning its variables.
type pipeline func(s *state, dot reflect.Value) (reflect.Value, error)

var (
	errBreak    = errors.New("break")
	errContinue = errors.New("continue")
)

// maxDepth bounds template recursion, as text/template's does.
const maxDepth = 100000

type compiler struct {
	set       *template.Template
	funcs     template.FuncMap
	templates map[string]*compiled
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrUnsupported, fmt.Sprintf(format, args...))
}

func (c *compiler) template(name string) (*compiled, error) {
	if t := c.templates[name]; t != nil {
		return t, nil
	}
	t := c.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		// Among others, the copies html/template derives of a template
		// invoked in a non-HTML context live only in text/template.
		return nil, unsupported("template %q", name)
	}
	ct := &compiled{}
	c.templates[name] = ct
	body, err := c.list(t.Tree.Root)
	if err != nil {
		return nil, err
	}
	ct.body = body
	return ct, nil
}

func (c *compiler) node(n parse.Node) (step, error) {
	switch n := n.(type) {
	case *parse.ActionNode:
		return c.action(n)
	case *parse.BreakNode:
		return func(*state, reflect.Value) error { return errBreak }, nil
	case *parse.ContinueNode:
		return func(*state, reflect.Value) error { return errContinue }, nil
	case *parse.CommentNode:
		return func(*state, reflect.Value) error { return nil }, nil
	case *parse.IfNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.ifOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.ListNode:
		return c.list(n)
	case *parse.RangeNode:
		return c.rangeNode(n)
	case *parse.TemplateNode:
		return c.invoke(n)
	case *parse.TextNode:
		text := string(n.Text)
		return func(s *state, _ reflect.Value) error {
			_, err := s.w.WriteString(text)
			return err
		}, nil
	}
	return nil, unsupported("node %s", n)
}

func (c *compiler) list(l *parse.ListNode) (step, error) {
	if l == nil {
		return func(*state, reflect.Value) error { return nil }, nil
	}
	steps := make([]step, len(l.Nodes))
	for i, n := range l.Nodes {
		st, err := c.node(n)
		if err != nil {
			return nil, err
		}
		steps[i] = st
	}
	if len(steps) == 1 {
		return steps[0], nil
	}
	return func(s *state, dot reflect.Value) error {
		for _, st := range steps {
			if err := st(s, dot); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

// action prints its pipeline's value, or declares its variables. The
// escapers html/template appended to the pipeline run directly on the
// value the rest of it gives.
func (c *compiler) action(n *parse.ActionNode) (step, error) {
	cmds, escapers := n.Pipe.Cmds, []escaper(nil)
	if len(n.Pipe.Decl) == 0 {
		for len(cmds) > 1 {
			e := c.escaper(cmds[len(cmds)-1])
			if e == nil {
				break
			}
			escapers = append([]escaper{e}, escapers...)
			cmds = cmds[:len(cmds)-1]
		}
	}
	pipe, err := c.pipelineOf(n.Pipe, cmds)
	if err != nil {
		return nil, err
	}
	if len(n.Pipe.Decl) > 0 {
		return func(s *state, dot reflect.Value) error {
			_, err := pipe(s, dot)
			return err
		}, nil
	}
	if len(escapers) == 0 {
		return func(s *state, dot reflect.Value) error {
			v, err := pipe(s, dot)
			if err != nil {
				return err
			}
			return printValue(s.w, n, v)
		}, nil
	}
	return func(s *state, dot reflect.Value) error {
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		out, t := stringify(v)
		for _, e := range escapers {
			out, t = e(out, t), contentTypePlain
		}
		_, err = s.w.WriteString(out)
		return err
	}, nil
}

// escaper returns the html/template escaper the command calls with no
// arguments but the piped value, or nil.
func (c *compiler) escaper(cmd *parse.CommandNode) escaper {
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok || len(cmd.Args) != 1 {
		return nil
	}
	if e := natives[id.Ident]; e != nil {
		return e
	}
	if p := probes[id.Ident]; p != nil {
		return p.run
	}
	return nil
}

// branch compiles what if, with and range share: a pipeline, a body and
// an else branch, nil when there is none.
func (c *compiler) branch(p *parse.PipeNode, list, elseList *parse.ListNode) (pipe pipeline, body, otherwise step, err error) {
	if pipe, err = c.pipeline(p); err != nil {
		return nil, nil, nil, err
	}
	if body, err = c.list(list); err != nil {
		return nil, nil, nil, err
	}
	if elseList != nil {
		if otherwise, err = c.list(elseList); err != nil {
			return nil, nil, nil, err
		}
	}
	return pipe, body, otherwise, nil
}

func (c *compiler) ifOrWith(p *parse.PipeNode, list, elseList *parse.ListNode, with bool) (step, error) {
	pipe, then, otherwise, err := c.branch(p, list, elseList)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) error {
		defer s.pop(s.mark())
		val, err := pipe(s, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(val))
		if !ok {
			return fmt.Errorf("if/with can't use %v", val)
		}
		switch {
		case truth && with:
			return then(s, val)
		case truth:
			return then(s, dot)
		case otherwise != nil:
			return otherwise(s, dot)
		}
		return nil
	}, nil
}

func (c *compiler) invoke(n *parse.TemplateNode) (step, error) {
	t, err := c.template(n.Name)
	if err != nil {
		return nil, err
	}
	pipe, err := c.pipeline(n.Pipe)
	if err != nil {
		return nil, err
	}
	return func(s *state, dot reflect.Value) error {
		if s.depth == maxDepth {
			return fmt.Errorf("exceeded maximum template depth (%v)", maxDepth)
		}
		// Variables declared by the pipeline persist.
		newDot, err := pipe(s, dot)
		if err != nil {
			return err
		}
		mark, base := s.mark(), s.base
		s.base = mark
		s.push("$", newDot)
		s.depth++
		err = t.body(s, newDot)
		s.depth--
		s.pop(mark)
		s.base = base
		return err
	}, nil
}

func (c *compiler) pipeline(p *parse.PipeNode) (pipeline, error) {
	if p == nil {
		return func(*state, reflect.Value) (reflect.Value, error) { return reflect.Value{}, nil }, nil
	}
	return c.pipelineOf(p, p.Cmds)
}

// pipelineOf evaluates cmds, some or all of p's commands, and declares
// or assigns p's variables.
func (c *compiler) pipelineOf(p *parse.PipeNode, cmds []*parse.CommandNode) (pipeline, error) {
	commands := make([]command, len(cmds))
	for i, cmd := range cmds {
		cm, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		commands[i] = cm
	}
	decl := make([]string, len(p.Decl))
	for i, v := range p.Decl {
		decl[i] = v.Ident[0]
	}
	assign := p.IsAssign
	return func(s *state, dot reflect.Value) (reflect.Value, error) {
		value := missing
		for _, cm := range commands {
			var err error
			if value, err = cm(s, dot, value); err != nil {
				return reflect.Value{}, err
			}
			// A value of type interface{} stands for what it holds.
			if value.Kind() == reflect.Interface && value.Type().NumMethod() == 0 {
				value = value.Elem()
			}
		}
		for _, name := range decl {
			if assign {
				if err := s.setVar(name, value); err != nil {
					return reflect.Value{}, err
				}
			} else {
				s.push(name, value)
			}
		}
		return value, nil
	}, nil
}
