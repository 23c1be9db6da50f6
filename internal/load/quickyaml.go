package load

import (
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// quickYAML parses front matter of the plainest kind, the kind notes
// have, into the tree yaml.Unmarshal would make of it, without yaml.v3's
// parser: setting that up was a third of decoding a short front matter,
// and parsing 10,000 of them 0.2 s of CPU of serve's start. It takes one
// "key: value" per line, the key a name at the start of the line and the
// value a plain scalar, a single- or double-quoted one without escapes,
// or a flow sequence of those on the line; blank lines may come between.
// For anything else (comments, block sequences and mappings, values over
// several lines, escapes, anchors, tags, tabs, characters YAML reads as
// line ends or does not allow) it reports false, and the caller asks
// yaml.v3. TestQuickYAMLIsYAML and FuzzQuickYAML check that whatever it
// takes, it makes yaml.v3's tree.
func quickYAML(text string, root *yaml.Node) bool {
	if text == "" || !utf8.ValidString(text) || !printable(text) || strings.ContainsAny(text, "#\\{}\u0085\u2028\u2029\ufeff") {
		return false
	}
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	for i, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		// Only spaces: YAML takes no other character for white space,
		// and a line of a no-break space, say, is content to it.
		if strings.Trim(line, " ") == "" {
			if i == 0 {
				return false
			}
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok || !isName(key) || !strings.HasPrefix(value, " ") {
			return false
		}
		value = strings.TrimLeft(value, " ")
		col := len(line) - len(value) + 1 // the key and what follows it are ASCII
		var n *yaml.Node
		if strings.HasPrefix(value, "[") {
			n = &yaml.Node{Line: i + 1, Column: col}
			ok = flowSequence(value, n)
		} else if n, ok = scalar(value, false); ok {
			n.Line, n.Column = i+1, col
		}
		if !ok {
			return false
		}
		k := &yaml.Node{Kind: yaml.ScalarNode, Value: key, Line: i + 1, Column: 1}
		k.Tag = k.ShortTag()
		m.Content = append(m.Content, k, n)
	}
	if len(m.Content) == 0 {
		return false
	}
	*root = yaml.Node{Kind: yaml.DocumentNode, Line: 1, Column: 1, Content: []*yaml.Node{m}}
	return true
}

// isName reports whether key is a name as front matter writes its keys,
// and short enough for YAML, which looks no further than 1,024
// characters for the ":" after a key.
func isName(key string) bool {
	if key == "" || len(key) > 1000 || !(key[0] >= 'a' && key[0] <= 'z' || key[0] >= 'A' && key[0] <= 'Z' || key[0] == '_') {
		return false
	}
	for i := 1; i < len(key); i++ {
		c := key[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// scalar parses s, the whole of a value (or, in a flow sequence, of an
// item), as a scalar: quoted without escapes, or plain.
func scalar(s string, flow bool) (*yaml.Node, bool) {
	if s == "" {
		return nil, false
	}
	switch q := s[0]; q {
	case '"', '\'':
		body := strings.TrimRight(s, " ")
		if len(body) < 2 || body[len(body)-1] != q {
			return nil, false
		}
		body = body[1 : len(body)-1]
		style := yaml.DoubleQuotedStyle
		if q == '\'' {
			style = yaml.SingleQuotedStyle
			if strings.Contains(strings.ReplaceAll(body, "''", ""), "'") {
				return nil, false
			}
			body = strings.ReplaceAll(body, "''", "'")
		} else if strings.Contains(body, `"`) {
			return nil, false
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Style: style, Value: body}, true
	}
	// A plain scalar: not starting with an indicator, and with no ": "
	// (a mapping); in a flow sequence, with no indicator at all (yaml.v3
	// refuses some there, "[a?]" for one).
	const indicators = "-?:,[]{}#&*!|>'\"%@`"
	if strings.ContainsRune(indicators, rune(s[0])) || strings.Contains(s, ": ") || strings.HasSuffix(s, ":") ||
		flow && strings.ContainsAny(s, indicators) {
		return nil, false
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Value: strings.TrimRight(s, " ")}
	n.Tag = n.ShortTag()
	return n, n.Tag != "!!merge"
}

// flowSequence parses value, "[item, item]" and nothing after it, into
// n, which has its position.
func flowSequence(value string, n *yaml.Node) bool {
	body, ok := strings.CutSuffix(strings.TrimRight(value, " "), "]")
	if !ok {
		return false
	}
	body = body[1:]
	n.Kind, n.Tag, n.Style = yaml.SequenceNode, "!!seq", yaml.FlowStyle
	if strings.TrimLeft(body, " ") == "" {
		return true
	}
	for start := 0; ; {
		raw := body[start:]
		end := strings.IndexByte(raw, ',')
		if end >= 0 {
			raw = raw[:end]
		}
		lead := len(raw) - len(strings.TrimLeft(raw, " "))
		v, ok := scalar(strings.TrimRight(raw[lead:], " "), true)
		if !ok {
			return false
		}
		// Columns count characters; body starts after the "[".
		v.Line, v.Column = n.Line, n.Column+1+utf8.RuneCountInString(body[:start+lead])
		n.Content = append(n.Content, v)
		if end < 0 {
			return true
		}
		start += end + 1
	}
}

// printable reports whether s holds only line ends and characters YAML
// allows in a scalar: no other control characters (tabs among them),
// none from U+0080 to U+009F, no noncharacters U+FFFE and U+FFFF.
func printable(s string) bool {
	for _, r := range s {
		if r < ' ' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r == 0xfffe || r == 0xffff {
			return false
		}
	}
	return true
}
