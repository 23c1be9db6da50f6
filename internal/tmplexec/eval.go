package tmplexec

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync/atomic"
	"text/template/parse"
)

// missing is the final argument of a pipeline's first command: there is
// no previous value to pass on.
var missing = reflect.ValueOf(missingType{})

type missingType struct{}

func isMissing(v reflect.Value) bool { return v.IsValid() && v.Type() == missing.Type() }

func (c *compiler) command(cmd *parse.CommandNode) (command, error) {
	args := cmd.Args
	switch n := args[0].(type) {
	case *parse.FieldNode:
		return c.fieldChain(func(_ *state, dot reflect.Value) (reflect.Value, error) { return dot, nil }, n.Ident, args)
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return nil, fmt.Errorf("indirection through explicit nil in %s", n)
		}
		node, err := c.argument(n.Node)
		if err != nil {
			return nil, err
		}
		receiver := func(s *state, dot reflect.Value) (reflect.Value, error) { return evalArg(s, dot, nil, node) }
		return c.fieldChain(receiver, n.Field, args)
	case *parse.VariableNode:
		name := n.Ident[0]
		receiver := func(s *state, _ reflect.Value) (reflect.Value, error) { return s.varValue(name) }
		if len(n.Ident) == 1 {
			return constant(args, receiver), nil
		}
		return c.fieldChain(receiver, n.Ident[1:], args)
	case *parse.IdentifierNode:
		return c.function(n.Ident, args)
	case *parse.PipeNode:
		pipe, err := c.pipeline(n)
		if err != nil {
			return nil, err
		}
		return constant(args, pipe), nil
	}
	if _, ok := args[0].(*parse.NilNode); ok {
		// An error only if it runs, as in text/template: it may sit
		// in a branch never taken.
		return func(*state, reflect.Value, reflect.Value) (reflect.Value, error) {
			return reflect.Value{}, errors.New("nil is not a command")
		}, nil
	}
	node, err := c.argument(args[0])
	if err != nil {
		return nil, err
	}
	value := func(s *state, dot reflect.Value) (reflect.Value, error) { return evalArg(s, dot, nil, node) }
	return constant(args, value), nil
}

// constant is a command that is not a function: it takes no arguments.
func constant(args []parse.Node, value pipeline) command {
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		if len(args) > 1 || !isMissing(final) {
			return reflect.Value{}, fmt.Errorf("can't give argument to non-function %s", args[0])
		}
		return value(s, dot)
	}
}

// fieldChain evaluates .X.Y.Z on the receiver, the last with the
// command's arguments if it is a method.
func (c *compiler) fieldChain(receiver pipeline, idents []string, nodes []parse.Node) (command, error) {
	args, err := c.arguments(nodes[1:])
	if err != nil {
		return nil, err
	}
	fields := make([]*field, len(idents))
	for i, name := range idents {
		fields[i] = &field{name: name, nameValue: reflect.ValueOf(name)}
	}
	last := len(fields) - 1
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		v, err := receiver(s, dot)
		if err != nil {
			return reflect.Value{}, err
		}
		for _, f := range fields[:last] {
			if v, err = evalField(s, dot, f, nil, missing, v); err != nil {
				return reflect.Value{}, err
			}
		}
		return evalField(s, dot, fields[last], args, final, v)
	}, nil
}

// field is one name in a chain, with what it was found to be in the
// type it was last looked up in.
type field struct {
	name      string
	nameValue reflect.Value
	found     atomic.Pointer[lookup]
}

// lookup is what a name is in a type: a method of ptr, else a field of
// receiver, else a map key.
type lookup struct {
	ptr, receiver reflect.Type
	method        int // -1 if none
	index         []int
	exported      bool
}

func (f *field) lookup(ptr, receiver reflect.Value) *lookup {
	l := f.found.Load()
	if l != nil && l.ptr == ptr.Type() && l.receiver == receiver.Type() {
		return l
	}
	l = &lookup{ptr: ptr.Type(), receiver: receiver.Type(), method: -1}
	if m, ok := ptr.Type().MethodByName(f.name); ok {
		l.method = m.Index
	} else if receiver.Kind() == reflect.Struct {
		if sf, ok := receiver.Type().FieldByName(f.name); ok {
			l.index, l.exported = sf.Index, sf.IsExported()
		}
	}
	f.found.Store(l)
	return l
}

// evalField is text/template's: the named method, field or map element
// of receiver.
func evalField(s *state, dot reflect.Value, f *field, args []argument, final, receiver reflect.Value) (reflect.Value, error) {
	if !receiver.IsValid() {
		return reflect.Value{}, nil
	}
	typ := receiver.Type()
	receiver, isNil := indirect(receiver)
	if receiver.Kind() == reflect.Interface && isNil {
		return reflect.Value{}, fmt.Errorf("nil pointer evaluating %s.%s", typ, f.name)
	}
	// Unless it's an interface, *T to see the methods of both T and *T.
	ptr := receiver
	if ptr.Kind() != reflect.Interface && ptr.Kind() != reflect.Pointer && ptr.CanAddr() {
		ptr = ptr.Addr()
	}
	l := f.lookup(ptr, receiver)
	if l.method >= 0 {
		return call(s, dot, ptr.Method(l.method), f.name, args, final)
	}
	hasArgs := len(args) > 0 || !isMissing(final)
	switch receiver.Kind() {
	case reflect.Struct:
		if l.index != nil {
			if !l.exported {
				return reflect.Value{}, fmt.Errorf("%s is an unexported field of struct type %s", f.name, typ)
			}
			v, err := receiver.FieldByIndexErr(l.index)
			if err != nil {
				return reflect.Value{}, err
			}
			if hasArgs {
				return reflect.Value{}, fmt.Errorf("%s has arguments but cannot be invoked as function", f.name)
			}
			return v, nil
		}
	case reflect.Map:
		if f.nameValue.Type().AssignableTo(receiver.Type().Key()) {
			if hasArgs {
				return reflect.Value{}, fmt.Errorf("%s is not a method but has arguments", f.name)
			}
			return receiver.MapIndex(f.nameValue), nil
		}
	case reflect.Pointer:
		etyp := receiver.Type().Elem()
		if etyp.Kind() == reflect.Struct {
			if _, ok := etyp.FieldByName(f.name); !ok {
				break
			}
		}
		if isNil {
			return reflect.Value{}, fmt.Errorf("nil pointer evaluating %s.%s", typ, f.name)
		}
	}
	return reflect.Value{}, fmt.Errorf("can't evaluate field %s in type %s", f.name, typ)
}

// indirect returns the item at the end of indirection, and whether it is
// nil, in which case it is a pointer or interface.
func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

// indirectInterface returns the concrete value in an interface value, or
// the zero reflect.Value.
func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}

// isTrue is text/template's truth, and whether the value has one.
func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

// printValue writes a value no escaper guards, as text/template does.
func printValue(w writer, n parse.Node, v reflect.Value) error {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v)
	}
	if !v.IsValid() {
		_, err := w.WriteString("<no value>")
		return err
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else if k := v.Kind(); k == reflect.Chan || k == reflect.Func {
			return fmt.Errorf("can't print %s of type %s", n, v.Type())
		}
	}
	_, err := fmt.Fprint(w, v.Interface())
	return err
}

// isRuneInt and isHexInt guide idealConstant, as in text/template.
func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !strings.ContainsAny(s, "pP")
}

// idealConstant is a number's value where its type is unknown.
func idealConstant(n *parse.NumberNode) (reflect.Value, error) {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), nil
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && strings.ContainsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), nil
	case n.IsInt:
		i := int(n.Int64)
		if int64(i) != n.Int64 {
			return reflect.Value{}, fmt.Errorf("%s overflows int", n.Text)
		}
		return reflect.ValueOf(i), nil
	case n.IsUint:
		return reflect.Value{}, fmt.Errorf("%s overflows int", n.Text)
	}
	return reflect.Value{}, nil
}
