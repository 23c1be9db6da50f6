package load

import (
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

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

var (
	yamlLineError = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	unknownField  = regexp.MustCompile(`field (\S+) not found in type .*$`)
	yamlTypeNames = strings.NewReplacer("!!seq", "a list", "!!map", "a mapping", "!!str", "text", "!!int", "a number", "!!bool", "true/false", "!!float", "a number")
)

// decode fills into from the header's YAML, rejecting unknown fields, and
// reports YAML errors at their own line in the file.
func (l *loader) decode(f file, h *header, into any) bool {
	if strings.TrimSpace(h.yaml) == "" {
		return true
	}
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(h.yaml), &root); err != nil {
		l.yamlError(f, h.yamlLine, err)
		return false
	}
	if len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		l.diags.Add(site.Pos{Path: f.path, Line: h.yamlLine}, "front matter must be a YAML mapping of field: value")
		return false
	}
	h.root = root.Content[0]
	dec := yaml.NewDecoder(strings.NewReader(h.yaml))
	dec.KnownFields(true)
	if err := dec.Decode(into); err != nil && !errors.Is(err, io.EOF) {
		l.yamlError(f, h.yamlLine, err)
		return false
	}
	return true
}

// yamlError turns yaml.v3's "line N: ..." messages into diagnostics at
// the matching file line.
func (l *loader) yamlError(f file, firstLine int, err error) {
	var typeErr *yaml.TypeError
	msgs := []string{err.Error()}
	if errors.As(err, &typeErr) {
		msgs = typeErr.Errors
	}
	for _, msg := range msgs {
		msg = strings.TrimSpace(msg)
		pos := site.Pos{Path: f.path, Line: firstLine}
		if m := yamlLineError.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			pos.Line = firstLine + n - 1
			msg = m[2]
		}
		msg = unknownField.ReplaceAllString(msg, `unknown field "$1"`)
		msg = yamlTypeNames.Replace(strings.TrimPrefix(msg, "yaml: "))
		l.diags.Add(pos, "invalid front matter: %s", msg)
	}
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
		return site.Pos{Path: f.path, Line: h.yamlLine}
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

// require reports each named field that is empty.
func (l *loader) require(f file, h *header, fields map[string]string) bool {
	ok := true
	for name, value := range fields {
		if strings.TrimSpace(value) == "" {
			pos := site.Pos{Path: f.path, Line: 1}
			if h.root != nil {
				pos = nodePos(f, h, field(h.root, name))
			}
			l.diags.Add(pos, "front matter needs %q", name)
			ok = false
		}
	}
	return ok
}
