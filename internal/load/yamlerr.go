package load

import (
	"errors"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/dossier-dev/dossier/internal/site"
)

// yaml.v3 says where it noticed a problem by line only, and not always
// where the problem is: an unclosed quote is noticed at the end of the
// text, a value of the wrong type reached through an alias at its
// anchor, and some lines are counted from 0. The functions here find the
// offending node or character themselves, so that every YAML diagnostic
// has a line and column where the user can fix it.

var (
	yamlLinePrefix = regexp.MustCompile(`^(?:yaml: )?line \d+: `)
	unknownAnchor  = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
	yamlTypeNames  = strings.NewReplacer("!!seq", "a list", "!!map", "a mapping", "!!str", "text", "!!int", "a number", "!!bool", "true/false", "!!float", "a number")
)

// yamlMessage is one of yaml.v3's messages without its "yaml: " and
// "line N: " prefixes, with YAML's type names in words.
func yamlMessage(msg string) string {
	msg = strings.TrimSpace(msg)
	msg = strings.TrimPrefix(yamlLinePrefix.ReplaceAllString(msg, ""), "yaml: ")
	return yamlTypeNames.Replace(msg)
}

// syntaxError reports a YAML text that does not parse. text starts at
// file line firstLine.
func (l *loader) syntaxError(f file, firstLine int, text string, err error) {
	msg := yamlMessage(err.Error())
	line, col := syntaxErrorAt(text, msg)
	l.diags.Add(site.Pos{Path: f.path, Line: firstLine + line - 1, Col: col}, "invalid front matter: %s", msg)
}

// syntaxErrorAt returns the line and column (in characters, as yaml.v3
// counts them) of the character that makes text fail with msg: the last
// one of the shortest prefix that fails with it. A prefix that stops
// before the culprit parses, or fails for another reason (an unclosed
// quote fails as soon as it is opened, with the message it gives at the
// end of the text). An unknown alias is pointed at where it starts.
func syntaxErrorAt(text, msg string) (line, col int) {
	ends := make([]int, 0, len(text)) // the end of each character
	for i := range text {
		if i > 0 {
			ends = append(ends, i)
		}
	}
	ends = append(ends, len(text))
	k := sort.Search(len(ends), func(k int) bool {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(text[:ends[k]]), &n)
		return err != nil && yamlMessage(err.Error()) == msg
	})
	end := len(text)
	if k < len(ends) {
		end = ends[k]
	}
	_, size := utf8.DecodeLastRuneInString(text[:end])
	at := end - size
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if i := strings.LastIndex(text[:end], "*"+m[1]); i >= 0 {
			at = i
		}
	}
	line = 1 + strings.Count(text[:at], "\n")
	col = 1 + utf8.RuneCountInString(text[strings.LastIndexByte(text[:at], '\n')+1:at])
	return line, col
}

// decodeError reports why decoding n, the parsed YAML of a text that
// starts at file line firstLine, into a value of type t failed. It walks
// n as yaml.v3 decodes it and reports each problem at the node that has
// it; err, yaml.v3's own report, is used only if the walk finds nothing.
func (l *loader) decodeError(f file, firstLine int, n *yaml.Node, t reflect.Type, err error) {
	w := &locator{l: l, f: f, firstLine: firstLine, seen: map[aliasUse]bool{}}
	if n != nil {
		w.walk(n, n, t)
	}
	if w.found {
		return
	}
	msgs := []string{err.Error()}
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) {
		msgs = typeErr.Errors
	}
	at := site.Pos{Path: f.path, Line: firstLine, Col: 1}
	if n != nil {
		at = w.pos(n)
	}
	for _, msg := range msgs {
		l.diags.Add(at, "invalid front matter: %s", yamlMessage(msg))
	}
}

// locator walks a YAML node the way yaml.v3 decodes it into a Go type.
type locator struct {
	l         *loader
	f         file
	firstLine int
	found     bool
	// seen holds the anchored nodes already walked for a type: an alias
	// is walked once, however often it is used, so that a document of
	// aliases to aliases costs its size, not its expansion.
	seen map[aliasUse]bool
}

type aliasUse struct {
	anchor *yaml.Node
	t      reflect.Type
}

func (w *locator) pos(n *yaml.Node) site.Pos {
	return site.Pos{Path: w.f.path, Line: w.firstLine + n.Line - 1, Col: n.Column}
}

func (w *locator) report(n *yaml.Node, format string, args ...any) {
	w.found = true
	w.l.diags.Add(w.pos(n), "invalid front matter: "+format, args...)
}

// walk checks n against type t. at is where a value of the wrong type is
// reported: n itself, or the alias through which n was reached, since
// the anchored value is right where it is written and wrong where it is
// used.
func (w *locator) walk(n, at *yaml.Node, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.AliasNode && n.Alias != nil:
		use := aliasUse{n.Alias, t}
		if !w.seen[use] {
			w.seen[use] = true
			w.walk(n.Alias, n, t)
		}
	case n.Kind == yaml.MappingNode && t.Kind() == reflect.Struct:
		w.mapping(n, t, nil)
	case n.Kind == yaml.SequenceNode && t.Kind() == reflect.Slice:
		for _, item := range n.Content {
			w.walk(item, item, t.Elem())
		}
	default:
		err := n.Decode(reflect.New(t).Interface())
		var typeErr *yaml.TypeError
		switch {
		case errors.As(err, &typeErr):
			for _, msg := range typeErr.Errors {
				w.report(at, "%s", yamlMessage(msg))
			}
		case err != nil:
			w.report(at, "%s", yamlMessage(err.Error()))
		}
	}
}

// mapping checks the keys and values of n against the fields of struct
// type t. skip holds the keys of the mapping that n is merged into,
// which win over n's.
func (w *locator) mapping(n *yaml.Node, t reflect.Type, skip map[string]bool) {
	// As yaml.v3 does, a mapping with a repeated key is not looked into.
	repeated := false
	for i := 0; i < len(n.Content); i += 2 {
		for j := i + 2; j < len(n.Content); j += 2 {
			if a, b := n.Content[i], n.Content[j]; a.Kind == b.Kind && a.Value == b.Value {
				w.report(b, "mapping key %q already defined at line %d", b.Value, w.pos(a).Line)
				repeated = true
			}
		}
	}
	if repeated {
		return
	}
	fields := yamlFields(t)
	keys := map[string]bool{}
	var merge *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merge = v
			continue
		}
		var name string
		if err := k.Decode(&name); err != nil {
			w.walk(k, k, reflect.TypeFor[string]())
			continue
		}
		keys[name] = true
		if skip[name] {
			continue
		}
		if ft, ok := fields[name]; ok {
			w.walk(v, v, ft)
		} else {
			w.report(k, "unknown field %q", name)
		}
	}
	if merge == nil {
		return
	}
	for name := range skip {
		keys[name] = true
	}
	items := []*yaml.Node{merge}
	if merge.Kind == yaml.SequenceNode {
		items = merge.Content
	}
	for _, m := range items {
		target := m
		if m.Kind == yaml.AliasNode {
			target = m.Alias
		}
		if target == nil || target.Kind != yaml.MappingNode {
			w.report(m, "map merge requires map or sequence of maps as the value")
			continue
		}
		if use := (aliasUse{target, t}); m != target {
			if w.seen[use] {
				continue
			}
			w.seen[use] = true
		}
		w.mapping(target, t, keys)
	}
}
