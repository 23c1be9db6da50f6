package load

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-dev/dossier/internal/site"
)

// header is a file's YAML front matter and the body under it.
type header struct {
	yaml     string
	yamlLine int // file line of the first YAML line
	body     string
	bodyLine int
	root     *yaml.Node // the decoded mapping, for positions
}

// splitFrontMatter separates "---"-fenced YAML at the top of a file from
// its body. A file without front matter is all body.
func (l *loader) splitFrontMatter(f file) (header, bool) {
	if !strings.HasPrefix(f.data, "---\n") {
		return header{body: f.data, bodyLine: 1}, true
	}
	rest := f.data[len("---\n"):]
	offset, line := 0, 2
	for offset < len(rest) {
		end := strings.IndexByte(rest[offset:], '\n')
		text := rest[offset:]
		if end >= 0 {
			text = rest[offset : offset+end]
		}
		if text == "---" || text == "..." {
			body := ""
			if end >= 0 {
				body = rest[offset+end+1:]
			}
			return header{yaml: rest[:offset], yamlLine: 2, body: body, bodyLine: line + 1}, true
		}
		if end < 0 {
			break
		}
		offset += end + 1
		line++
	}
	l.diags.Add(site.Pos{Path: f.path, Line: 1, Col: 1}, "front matter is not closed: no line \"---\" after the opening one")
	return header{}, false
}

// decode fills into from the header's YAML, rejecting unknown fields, and
// reports YAML errors where they are in the file.
func (l *loader) decode(f file, h *header, into any) bool {
	if strings.TrimSpace(h.yaml) == "" {
		return true
	}
	var root yaml.Node
	if !quickYAML(h.yaml, &root) {
		if err := yaml.Unmarshal([]byte(h.yaml), &root); err != nil {
			l.syntaxError(f, h.yamlLine, h.yaml, err)
			return false
		}
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		var top *yaml.Node
		if len(root.Content) > 0 {
			top = root.Content[0]
		}
		l.diags.Add(nodePos(f, h, top), "front matter must be a YAML mapping of field: value")
		return false
	}
	h.root = root.Content[0]
	return l.decodeNode(f, h.yamlLine, h.yaml, h.root, into)
}

// decodeNode fills into from n, the first document of text, which starts
// at file line firstLine. Decoding the node spares parsing text a second
// time, but only yaml.v3's Decoder can reject unknown fields, so text
// with a key that is not certainly a field of into is decoded strictly
// from scratch. Either way, a failure is reported by decodeError, at the
// nodes that are wrong.
func (l *loader) decodeNode(f file, firstLine int, text string, n *yaml.Node, into any) bool {
	var err error
	if n != nil && onlyKnownFields(n, reflect.TypeOf(into)) {
		err = n.Decode(into)
	} else {
		dec := yaml.NewDecoder(strings.NewReader(text))
		dec.KnownFields(true)
		err = dec.Decode(into)
	}
	if err != nil {
		l.decodeError(f, firstLine, n, reflect.TypeOf(into), err)
		return false
	}
	return true
}

// onlyKnownFields reports whether decoding n into a value of type t meets
// only mapping keys that name a field, so that yaml.v3 would reject none
// as unknown. It answers false when unsure (aliases and merge keys, which
// yaml.v3 resolves its own way): that costs a second parse, never a
// missed diagnostic.
func onlyKnownFields(n *yaml.Node, t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch n.Kind {
	case yaml.AliasNode:
		return false
	case yaml.SequenceNode:
		if t.Kind() != reflect.Slice && t.Kind() != reflect.Array {
			return true // a type error, or an interface: no field to check
		}
		for _, item := range n.Content {
			if !onlyKnownFields(item, t.Elem()) {
				return false
			}
		}
	case yaml.MappingNode:
		if t.Kind() != reflect.Struct {
			return true // a type error, a map or an interface: no field to check
		}
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := n.Content[i]
			ft, ok := fields[key.Value]
			if !ok || key.Kind != yaml.ScalarNode || key.ShortTag() != "!!str" || !onlyKnownFields(n.Content[i+1], ft) {
				return false
			}
		}
	}
	return true
}

// structFields caches yamlFields: the front matter types are few.
var structFields sync.Map // reflect.Type -> map[string]reflect.Type

// yamlFields maps each key that yaml.v3 decodes into a field of struct
// type t to that field's type, taking the fields of ",inline" structs as
// t's own, by yaml.v3's rules for naming fields.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := structFields.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	fields := map[string]reflect.Type{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() && !sf.Anonymous {
			continue
		}
		tag := sf.Tag.Get("yaml")
		if tag == "" && !strings.Contains(string(sf.Tag), ":") {
			tag = string(sf.Tag)
		}
		name, flags, _ := strings.Cut(tag, ",")
		ft := sf.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch {
		case name == "-":
		case slices.Contains(strings.Split(flags, ","), "inline") && ft.Kind() == reflect.Struct:
			maps.Copy(fields, yamlFields(ft))
		case name == "":
			fields[strings.ToLower(sf.Name)] = sf.Type
		default:
			fields[name] = sf.Type
		}
	}
	structFields.Store(t, fields)
	return fields
}

// field returns the value node of key in a mapping node, or nil.
func field(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// nodePos is the file position of a YAML node of a header.
func nodePos(f file, h *header, n *yaml.Node) site.Pos {
	if n == nil {
		return site.Pos{Path: f.path, Line: h.yamlLine, Col: 1}
	}
	return site.Pos{Path: f.path, Line: h.yamlLine + n.Line - 1, Col: n.Column}
}

// refs pairs each string of a YAML list field with its position.
func refs(f file, h *header, list *yaml.Node, values []string) []site.Ref {
	out := make([]site.Ref, len(values))
	for i, v := range values {
		var item *yaml.Node
		if list != nil && i < len(list.Content) {
			item = list.Content[i]
		}
		out[i] = site.Ref{Slug: v, Pos: nodePos(f, h, item)}
	}
	return out
}

// require reports the named field when it is empty.
func (l *loader) require(f file, h *header, name, value string) bool {
	if strings.TrimSpace(value) != "" {
		return true
	}
	pos := site.FileStart(f.path)
	if h.root != nil {
		pos = nodePos(f, h, field(h.root, name))
	}
	l.diags.Add(pos, "front matter needs %q", name)
	return false
}
