package render_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// citationMark matches a citation mark's preview and cited words.
var citationMark = regexp.MustCompile(`<a class="cite-mark" href="[^"]*#(p-[0-9a-f]+-q[0-9]+-[0-9]+)" title="([^"]*)" data-words="([^"]*)"`)

// Every quote citation of the shipped dossier previews the very words it
// cites, in quotation marks inside their context, and links to an anchor
// of its own (issue 13: two thirds of previews used to miss the words).
func TestEveryPreviewHoldsItsWords(t *testing.T) {
	files := buildAll(t, "../../content")
	marks, anchors := 0, map[string]bool{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range citationMark.FindAllStringSubmatch(string(data), -1) {
			marks++
			anchors[m[1]] = true
			preview, words := html.UnescapeString(m[2]), html.UnescapeString(m[3])
			if !strings.Contains(preview, "“"+words+"”") {
				t.Errorf("%s: the preview %q does not hold the cited words %q", name, preview, words)
			}
		}
	}
	if marks < 300 || len(anchors) < 200 {
		t.Errorf("found %d citation marks with previews and %d anchors: the test is not seeing the citations", marks, len(anchors))
	}
	t.Logf("%d citation marks, %d distinct anchors", marks, len(anchors))
}
