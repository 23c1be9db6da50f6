package tmplexec

import (
	"fmt"
	"reflect"
	"text/template/parse"
)

var reflectValueType = reflect.TypeFor[reflect.Value]()

// function compiles a call of a named function: a builtin, or one of
// the template's funcs.
func (c *compiler) function(name string, nodes []parse.Node) (command, error) {
	args, err := c.arguments(nodes[1:])
	if err != nil {
		return nil, err
	}
	// The template's funcs come first, as in text/template.
	fn, ok := c.funcs[name]
	if !ok {
		if b := builtins[name]; b != nil {
			return builtin(name, b, args), nil
		}
		if name == "and" || name == "or" {
			return andOr(name, args), nil
		}
		if fn, ok = reflectBuiltins[name]; !ok {
			return nil, unsupported("function %q", name)
		}
	}
	fun := reflect.ValueOf(fn)
	if fun.Kind() != reflect.Func {
		return nil, fmt.Errorf("value for %s not a function", name)
	}
	if s, ok := fn.(func(string) string); ok {
		return stringFunc(name, s, args), nil
	}
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		return call(s, dot, fun, name, args, final)
	}, nil
}

// stringFunc calls a func(string) string without reflection.
func stringFunc(name string, fn func(string) string, args []argument) command {
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		var arg reflect.Value
		var err error
		switch {
		case len(args) == 1 && isMissing(final):
			arg, err = evalArg(s, dot, stringType, args[0])
		case len(args) == 0 && !isMissing(final):
			arg, err = validateType(final, stringType)
		default:
			n := len(args)
			if !isMissing(final) {
				n++
			}
			return reflect.Value{}, fmt.Errorf("wrong number of args for %s: want 1 got %d", name, n)
		}
		if err != nil {
			return reflect.Value{}, err
		}
		out, err := callString(fn, arg.String())
		if err != nil {
			return reflect.Value{}, fmt.Errorf("error calling %s: %w", name, err)
		}
		return reflect.ValueOf(out), nil
	}
}

// callString calls fn, making a panic an error as safeCall does.
func callString(fn func(string) string, s string) (out string, err error) {
	defer recoverError(&err)
	return fn(s), nil
}

// builtinFunc is a builtin that takes its arguments as they are.
type builtinFunc struct {
	min, max int // argument counts; max -1 for any
	fn       func(args []reflect.Value) (reflect.Value, error)
}

// builtin compiles a call of eq, len, index and the like: their
// arguments are evaluated untyped, as text/template gives them to
// builtins taking reflect.Value.
func builtin(name string, b *builtinFunc, args []argument) command {
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		n := len(args)
		if !isMissing(final) {
			n++
		}
		if n < b.min || b.max >= 0 && n > b.max {
			if b.min == b.max {
				return reflect.Value{}, fmt.Errorf("wrong number of args for %s: want %d got %d", name, b.min, n)
			}
			return reflect.Value{}, fmt.Errorf("wrong number of args for %s: want at least %d got %d", name, b.min, len(args))
		}
		var buf [4]reflect.Value
		argv := buf[:0]
		for _, a := range args {
			v, err := rawArg(s, dot, a)
			if err != nil {
				return reflect.Value{}, err
			}
			argv = append(argv, v)
		}
		if !isMissing(final) {
			argv = append(argv, final)
		}
		v, err := b.call(argv)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("error calling %s: %w", name, err)
		}
		return v, nil
	}
}

// call calls the builtin, making a panic an error as safeCall does:
// index, len and eq panic on some arguments, in reflect or the runtime.
func (b *builtinFunc) call(args []reflect.Value) (v reflect.Value, err error) {
	defer recoverError(&err)
	return b.fn(args)
}

// andOr is the builtin and or or, which stop at the first argument that
// decides them.
func andOr(name string, args []argument) command {
	or := name == "or"
	return func(s *state, dot, final reflect.Value) (reflect.Value, error) {
		// They take at least one argument, though the parser allows none.
		if len(args) == 0 && isMissing(final) {
			return reflect.Value{}, fmt.Errorf("wrong number of args for %s: want at least 1 got 0", name)
		}
		var v reflect.Value
		for _, a := range args {
			var err error
			if v, err = rawArg(s, dot, a); err != nil {
				return reflect.Value{}, err
			}
			if truth(v) == or {
				return v, nil
			}
		}
		if !isMissing(final) {
			v = final
		}
		return v, nil
	}
}

// rawArg evaluates an argument to a builtin: as evalArg for type
// reflect.Value, less the wrapping and unwrapping.
func rawArg(s *state, dot reflect.Value, a argument) (reflect.Value, error) {
	var v reflect.Value
	switch {
	case a.nested != nil:
		var err error
		if v, err = a.nested(s, dot); err != nil {
			return reflect.Value{}, err
		}
	case a.ideal.IsValid() || a.err != nil:
		return a.ideal, a.err
	default:
		switch a.node.(type) {
		case *parse.DotNode:
			v = dot
		case *parse.NilNode:
			return reflect.Value{}, nil
		default:
			return reflect.Value{}, fmt.Errorf("can't handle %s for arg of type %s", a.node, reflectValueType)
		}
	}
	return unwrapValue(v), nil
}

// unwrapValue takes a value wrapped as a reflect.Value out of it.
func unwrapValue(v reflect.Value) reflect.Value {
	if v.IsValid() && v.Type() == reflectValueType {
		return v.Interface().(reflect.Value)
	}
	return v
}

// call is text/template's evalCall for a function or a method bound to
// its receiver.
func call(s *state, dot, fun reflect.Value, name string, args []argument, final reflect.Value) (reflect.Value, error) {
	typ := fun.Type()
	numIn := len(args)
	if !isMissing(final) {
		numIn++
	}
	numFixed := len(args)
	if typ.IsVariadic() {
		numFixed = typ.NumIn() - 1
		if numIn < numFixed {
			return reflect.Value{}, fmt.Errorf("wrong number of args for %s: want at least %d got %d", name, typ.NumIn()-1, len(args))
		}
	} else if numIn != typ.NumIn() {
		return reflect.Value{}, fmt.Errorf("wrong number of args for %s: want %d got %d", name, typ.NumIn(), numIn)
	}
	switch numOut := typ.NumOut(); {
	case numOut == 1, numOut == 2 && typ.Out(1) == errorType:
	default:
		return reflect.Value{}, fmt.Errorf("invalid function signature for %s", name)
	}
	argv := make([]reflect.Value, numIn)
	i := 0
	for ; i < numFixed && i < len(args); i++ {
		v, err := evalArg(s, dot, typ.In(i), args[i])
		if err != nil {
			return reflect.Value{}, err
		}
		argv[i] = v
	}
	if typ.IsVariadic() {
		argType := typ.In(typ.NumIn() - 1).Elem()
		for ; i < len(args); i++ {
			v, err := evalArg(s, dot, argType, args[i])
			if err != nil {
				return reflect.Value{}, err
			}
			argv[i] = v
		}
	}
	if !isMissing(final) {
		t := typ.In(typ.NumIn() - 1)
		if typ.IsVariadic() {
			if numIn-1 < numFixed {
				t = typ.In(numIn - 1)
			} else {
				t = t.Elem()
			}
		}
		v, err := validateType(final, t)
		if err != nil {
			return reflect.Value{}, err
		}
		argv[i] = v
	}
	v, err := safeCall(fun, argv)
	if err != nil {
		return reflect.Value{}, fmt.Errorf("error calling %s: %w", name, err)
	}
	return unwrapValue(v), nil
}

// safeCall calls fun, making a panic an error.
func safeCall(fun reflect.Value, args []reflect.Value) (val reflect.Value, err error) {
	defer recoverError(&err)
	ret := fun.Call(args)
	if len(ret) == 2 && !ret[1].IsNil() {
		return ret[0], ret[1].Interface().(error)
	}
	return ret[0], nil
}

// recoverError, deferred, makes a panic the error *err, as text/template
// does for every function a template calls.
func recoverError(err *error) {
	if r := recover(); r != nil {
		if e, ok := r.(error); ok {
			*err = e
		} else {
			*err = fmt.Errorf("%v", r)
		}
	}
}

// canBeNil reports whether an untyped nil can be assigned to the type.
func canBeNil(typ reflect.Type) bool {
	switch typ.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map, reflect.Pointer, reflect.Slice:
		return true
	case reflect.Struct:
		return typ == reflectValueType
	}
	return false
}

// validateType makes value an argument of type typ, as text/template
// does, or says why it cannot be one.
func validateType(value reflect.Value, typ reflect.Type) (reflect.Value, error) {
	if !value.IsValid() {
		if typ == nil {
			return reflect.ValueOf(nil), nil
		}
		if canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return reflect.Value{}, fmt.Errorf("invalid value; expected %s", typ)
	}
	if typ == reflectValueType && value.Type() != typ {
		return reflect.ValueOf(value), nil
	}
	if typ != nil && !value.Type().AssignableTo(typ) {
		if value.Kind() == reflect.Interface && !value.IsNil() {
			value = value.Elem()
			if value.Type().AssignableTo(typ) {
				return value, nil
			}
		}
		switch {
		case value.Kind() == reflect.Pointer && value.Type().Elem().AssignableTo(typ):
			value = value.Elem()
			if !value.IsValid() {
				return reflect.Value{}, fmt.Errorf("dereference of nil pointer of type %s", typ)
			}
		case reflect.PointerTo(value.Type()).AssignableTo(typ) && value.CanAddr():
			value = value.Addr()
		default:
			return reflect.Value{}, fmt.Errorf("wrong type for value; expected %s; got %s", typ, value.Type())
		}
	}
	return value, nil
}

// evalArg evaluates an argument of type typ (nil: any), as text/template
// does.
func evalArg(s *state, dot reflect.Value, typ reflect.Type, a argument) (reflect.Value, error) {
	var v reflect.Value
	var err error
	n := a.node
	if a.nested != nil {
		if v, err = a.nested(s, dot); err != nil {
			return reflect.Value{}, err
		}
		return validateType(v, typ)
	}
	switch n.(type) {
	case *parse.DotNode:
		return validateType(dot, typ)
	case *parse.NilNode:
		if typ != nil && canBeNil(typ) {
			return reflect.Zero(typ), nil
		}
		return reflect.Value{}, fmt.Errorf("cannot assign nil to %s", typ)
	}
	if a.ideal.IsValid() || a.err != nil {
		if typ == nil || typ.Kind() == reflect.Interface && typ.NumMethod() == 0 {
			return a.ideal, a.err
		}
		if typ == reflectValueType {
			return reflect.ValueOf(a.ideal), a.err
		}
	}
	if typ == nil {
		return evalEmptyInterface(dot, n)
	}
	switch typ.Kind() {
	case reflect.Bool:
		if b, ok := n.(*parse.BoolNode); ok {
			v = reflect.New(typ).Elem()
			v.SetBool(b.True)
			return v, nil
		}
	case reflect.Complex64, reflect.Complex128:
		if num, ok := n.(*parse.NumberNode); ok && num.IsComplex {
			v = reflect.New(typ).Elem()
			v.SetComplex(num.Complex128)
			return v, nil
		}
	case reflect.Float32, reflect.Float64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsFloat {
			v = reflect.New(typ).Elem()
			v.SetFloat(num.Float64)
			return v, nil
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if num, ok := n.(*parse.NumberNode); ok && num.IsInt {
			v = reflect.New(typ).Elem()
			v.SetInt(num.Int64)
			return v, nil
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if num, ok := n.(*parse.NumberNode); ok && num.IsUint {
			v = reflect.New(typ).Elem()
			v.SetUint(num.Uint64)
			return v, nil
		}
	case reflect.String:
		if str, ok := n.(*parse.StringNode); ok {
			v = reflect.New(typ).Elem()
			v.SetString(str.Text)
			return v, nil
		}
	case reflect.Interface:
		if typ.NumMethod() == 0 {
			return evalEmptyInterface(dot, n)
		}
	case reflect.Struct:
		if typ == reflectValueType {
			v, err = evalEmptyInterface(dot, n)
			if err != nil {
				return reflect.Value{}, err
			}
			return reflect.ValueOf(v), nil
		}
	}
	return reflect.Value{}, fmt.Errorf("can't handle %s for arg of type %s", n, typ)
}

// evalEmptyInterface evaluates a constant argument of type any.
func evalEmptyInterface(dot reflect.Value, n parse.Node) (reflect.Value, error) {
	switch n := n.(type) {
	case *parse.BoolNode:
		return reflect.ValueOf(n.True), nil
	case *parse.NumberNode:
		return idealConstant(n)
	case *parse.StringNode:
		return reflect.ValueOf(n.Text), nil
	case *parse.DotNode:
		return dot, nil
	}
	return reflect.Value{}, fmt.Errorf("can't handle assignment of %s to empty interface argument", n)
}

// argument is an argument node, with, for a field, variable, function,
// chain or pipeline, its evaluation compiled.
type argument struct {
	node   parse.Node
	nested pipeline
	// ideal is a constant's value where its type is not known.
	ideal reflect.Value
	err   error
}

func (c *compiler) arguments(nodes []parse.Node) ([]argument, error) {
	args := make([]argument, len(nodes))
	for i, n := range nodes {
		a, err := c.argument(n)
		if err != nil {
			return nil, err
		}
		args[i] = a
	}
	return args, nil
}

func (c *compiler) argument(n parse.Node) (argument, error) {
	a := argument{node: n}
	switch n.(type) {
	case *parse.BoolNode, *parse.NumberNode, *parse.StringNode:
		a.ideal, a.err = evalEmptyInterface(reflect.Value{}, n)
	}
	switch n := n.(type) {
	case *parse.PipeNode:
		pipe, err := c.pipeline(n)
		if err != nil {
			return a, err
		}
		a.nested = pipe
	case *parse.FieldNode, *parse.VariableNode, *parse.IdentifierNode, *parse.ChainNode:
		cmd, err := c.command(&parse.CommandNode{NodeType: parse.NodeCommand, Args: []parse.Node{n}})
		if err != nil {
			return a, err
		}
		a.nested = func(s *state, dot reflect.Value) (reflect.Value, error) { return cmd(s, dot, missing) }
	}
	return a, nil
}
