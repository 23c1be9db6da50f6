package tmplexec

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"text/template/parse"
)

// rangeNode runs text/template's range: over a slice, array, map (in
// key order), integer, channel or iterator function.
func (c *compiler) rangeNode(r *parse.RangeNode) (step, error) {
	pipe, body, otherwise, err := c.branch(r.Pipe, r.List, r.ElseList)
	if err != nil {
		return nil, err
	}
	decl := r.Pipe.Decl
	assign := r.Pipe.IsAssign
	return func(s *state, dot reflect.Value) error {
		defer s.pop(s.mark())
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		val, _ := indirect(v)
		// The top of the stack before the body's variables are pushed.
		mark := s.mark()
		one := func(index, elem reflect.Value) error {
			if len(decl) > 0 {
				if assign {
					// With two variables the index comes first; with
					// one, it is the element.
					if len(decl) > 1 {
						if err := s.setVar(decl[0].Ident[0], index); err != nil {
							return err
						}
					} else if err := s.setVar(decl[0].Ident[0], elem); err != nil {
						return err
					}
				} else {
					s.setTopVar(1, elem)
				}
			}
			if len(decl) > 1 {
				if assign {
					if err := s.setVar(decl[1].Ident[0], elem); err != nil {
						return err
					}
				} else {
					s.setTopVar(2, index)
				}
			}
			err := body(s, elem)
			s.pop(mark)
			if err == errContinue {
				return nil
			}
			return err
		}
		ran, err := iterate(val, len(decl), one)
		if err == errBreak {
			return nil
		}
		if err != nil || ran || otherwise == nil {
			return err
		}
		return otherwise(s, dot)
	}, nil
}

// iterate calls one for each element of val, and says whether there was
// any.
func iterate(val reflect.Value, vars int, one func(index, elem reflect.Value) error) (bool, error) {
	switch val.Kind() {
	case reflect.Array, reflect.Slice:
		for i := range val.Len() {
			if err := one(reflect.ValueOf(i), val.Index(i)); err != nil {
				return true, err
			}
		}
		return val.Len() > 0, nil
	case reflect.Map:
		entries := sortedEntries(val)
		for _, e := range entries {
			if err := one(e.key, e.value); err != nil {
				return true, err
			}
		}
		return len(entries) > 0, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if vars > 1 {
			return false, fmt.Errorf("can't use %v to iterate over more than one variable", val)
		}
		return each(val.Seq(), one)
	case reflect.Chan:
		if val.IsNil() {
			return false, nil
		}
		if val.Type().ChanDir() == reflect.SendDir {
			return false, fmt.Errorf("range over send-only channel %v", val)
		}
		i := 0
		for ; ; i++ {
			elem, ok := val.Recv()
			if !ok {
				break
			}
			if err := one(reflect.ValueOf(i), elem); err != nil {
				return true, err
			}
		}
		return i > 0, nil
	case reflect.Invalid:
		return false, nil // a nil map, say: like an empty one
	case reflect.Func:
		switch {
		case val.Type().CanSeq():
			if vars > 1 {
				return false, fmt.Errorf("can't use %v iterate over more than one variable", val)
			}
			return each(val.Seq(), one)
		case val.Type().CanSeq2():
			ran := false
			for i, v := range val.Seq2() {
				ran = true
				var err error
				if vars > 1 {
					err = one(i, v)
				} else {
					err = one(reflect.Value{}, i)
				}
				if err != nil {
					return true, err
				}
			}
			return ran, nil
		}
	}
	return false, fmt.Errorf("range can't iterate over %v", val)
}

// each ranges over a sequence, giving each element as the second value,
// as text/template does for channels.
func each(seq func(func(reflect.Value) bool), one func(index, elem reflect.Value) error) (bool, error) {
	ran := false
	for v := range seq {
		ran = true
		if err := one(reflect.Value{}, v); err != nil {
			return true, err
		}
	}
	return ran, nil
}

// entry is a map's key and its value.
type entry struct{ key, value reflect.Value }

// sortedEntries are the map's entries in key order, as internal/fmtsort
// gives them to text/template. Each value is read with its key, not
// looked up by it: a NaN key finds nothing.
func sortedEntries(m reflect.Value) []entry {
	entries := make([]entry, 0, m.Len())
	for it := m.MapRange(); it.Next(); {
		entries = append(entries, entry{it.Key(), it.Value()})
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return compare(a.key, b.key) })
	return entries
}

// compare orders map keys as text/template does (internal/fmtsort,
// copied from Go 1.26).
func compare(aVal, bVal reflect.Value) int {
	aType, bType := aVal.Type(), bVal.Type()
	if aType != bType {
		return -1 // no good answer, but they are not equal
	}
	switch aVal.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(aVal.Int(), bVal.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(aVal.Uint(), bVal.Uint())
	case reflect.String:
		return cmp.Compare(aVal.String(), bVal.String())
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(aVal.Float(), bVal.Float())
	case reflect.Complex64, reflect.Complex128:
		a, b := aVal.Complex(), bVal.Complex()
		if c := cmp.Compare(real(a), real(b)); c != 0 {
			return c
		}
		return cmp.Compare(imag(a), imag(b))
	case reflect.Bool:
		a, b := aVal.Bool(), bVal.Bool()
		switch {
		case a == b:
			return 0
		case a:
			return 1
		default:
			return -1
		}
	case reflect.Pointer, reflect.UnsafePointer:
		return cmp.Compare(aVal.Pointer(), bVal.Pointer())
	case reflect.Chan:
		if c, ok := nilCompare(aVal, bVal); ok {
			return c
		}
		return cmp.Compare(aVal.Pointer(), bVal.Pointer())
	case reflect.Struct:
		for i := range aVal.NumField() {
			if c := compare(aVal.Field(i), bVal.Field(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Array:
		for i := range aVal.Len() {
			if c := compare(aVal.Index(i), bVal.Index(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Interface:
		if c, ok := nilCompare(aVal, bVal); ok {
			return c
		}
		if c := compare(reflect.ValueOf(aVal.Elem().Type()), reflect.ValueOf(bVal.Elem().Type())); c != 0 {
			return c
		}
		return compare(aVal.Elem(), bVal.Elem())
	}
	panic("bad type in compare: " + aType.String())
}

func nilCompare(aVal, bVal reflect.Value) (int, bool) {
	if aVal.IsNil() {
		if bVal.IsNil() {
			return 0, true
		}
		return -1, true
	}
	if bVal.IsNil() {
		return 1, true
	}
	return 0, false
}
