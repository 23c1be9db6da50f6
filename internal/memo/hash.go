package memo

import (
	"encoding/binary"
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
)

// hashValue feeds v to h: every exported and unexported field, element
// and map entry (maps in sorted key order), with lengths and type
// boundaries written so that different values hash differently. Strings
// go in as they are, which is what makes this far cheaper than encoding
// the page views as JSON: views are mostly long strings of rendered HTML.
func hashValue(h *maphash.Hash, v reflect.Value) error {
	var n [8]byte
	writeInt := func(i uint64) {
		binary.LittleEndian.PutUint64(n[:], i)
		h.Write(n[:])
	}
	switch v.Kind() {
	case reflect.Invalid:
		h.WriteByte(0)
	case reflect.String:
		writeInt(uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		} else {
			h.WriteByte(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		writeInt(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		writeInt(v.Uint())
	case reflect.Float32, reflect.Float64:
		writeInt(math.Float64bits(v.Float()))
	case reflect.Func:
		// Only a view that is not remembered may render parts later (the
		// print edition's read-ahead); a remembered view must hold its
		// parts themselves.
		if !v.IsNil() {
			return fmt.Errorf("hash: cannot hash a func")
		}
		h.WriteByte(0)
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.WriteByte(0)
			return nil
		}
		h.WriteByte(1)
		return hashValue(h, v.Elem())
	case reflect.Struct:
		h.WriteString(v.Type().String())
		for i := range v.NumField() {
			if err := hashValue(h, v.Field(i)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			writeInt(uint64(v.Len()))
			h.Write(v.Bytes())
			return nil
		}
		writeInt(uint64(v.Len()))
		for i := range v.Len() {
			if err := hashValue(h, v.Index(i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		if v.Type().Key().Kind() != reflect.String {
			return fmt.Errorf("hash: map with %s keys", v.Type().Key())
		}
		sortStrings(keys)
		writeInt(uint64(len(keys)))
		for _, k := range keys {
			h.WriteString(k.String())
			if err := hashValue(h, v.MapIndex(k)); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("hash: cannot hash a %s", v.Kind())
	}
	return nil
}

func sortStrings(keys []reflect.Value) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j].String() < keys[j-1].String(); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}
