package markdown

import (
	"strings"
	"testing"
)

func render(t *testing.T, src string, target Target) string {
	t.Helper()
	m := New()
	out, err := m.Render([]byte(src), m.Parse([]byte(src)), target)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestUntrustedContentIsDefused(t *testing.T) {
	html := render(t, "<script>alert(1)</script>\n\nA [link](javascript:alert(2)) and <img src=x onerror=alert(3)>.\n", Target{})
	for _, bad := range []string{"<script", "alert(1)", "javascript:", "onerror"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered HTML holds %q:\n%s", bad, html)
		}
	}
}

func TestExtensions(t *testing.T) {
	src := "## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~ \"quoted\"[^1]\n\nTerm\n: Definition\n\n[^1]: A note.\n"
	html := render(t, src, Target{Prefix: "note-x-"})
	for _, want := range []string{
		`<h2 id="a-heading">`, "<table>", `type="checkbox"`, "<del>gone</del>", "&ldquo;quoted&rdquo;",
		`id="note-x-fn:1"`, "<dl>", "<dd>Definition</dd>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, html)
		}
	}
}

func TestCodeIsHighlightedWithClassesOnce(t *testing.T) {
	m := New()
	src := []byte("```go\nfunc main() {}\n```\n")
	first, _ := m.Render(src, m.Parse(src), Target{})
	if !strings.Contains(string(first), `class="hl-`) || strings.Contains(string(first), "style=") {
		t.Errorf("code not highlighted with classes:\n%s", first)
	}
	second, _ := m.Render(src, m.Parse(src), Target{})
	if string(first) != string(second) {
		t.Error("the cached highlighting differs from the first")
	}
	css := string(m.CodeCSS())
	if !strings.Contains(css, ".hl-") || !strings.Contains(css, "prefers-color-scheme: dark") {
		t.Errorf("code stylesheet lacks classes or a dark variant:\n%.300s", css)
	}
}
