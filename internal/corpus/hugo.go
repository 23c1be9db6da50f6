package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// wikilink matches every form of dossier link: [[slug]], [[slug|label]],
// [[key#"quote"]] and [[key#"quote"|label]].
var wikilink = regexp.MustCompile(`\[\[([a-z0-9-]+)(?:#"([^"\]]*)")?(?:\|([^\]]*))?\]\]`)

// hugoPage is what a Hugo link to a shipped page needs: where the page
// is and what to call it.
type hugoPage struct {
	section string // "sources", "themes" or "entities"
	title   string
	cite    string // sources only: the short citation name
}

// WriteHugo writes the same dossier as a Hugo site to dir, for comparing
// build times on the same prose: hugo.toml, minimal layouts, the
// generated notes (same front matter, same body) under content/notes, the
// shipped sources and entities as plain pages, the themes as a taxonomy
// with their overviews, and the summary as the home page. Wikilinks become
// ordinary Markdown links and quote citations become the quoted words
// followed by a link to the source page, since Hugo verifies nothing.
func (c *Corpus) WriteHugo(dir string) error {
	pages, err := c.shippedPages()
	if err != nil {
		return err
	}
	files := map[string]string{
		"hugo.toml":                    "",
		"layouts/_default/baseof.html": hugoBaseof,
		"layouts/_default/single.html": hugoSingle,
		"layouts/_default/list.html":   hugoList,
		"layouts/partials/nav.html":    hugoNav,
		"layouts/404.html":             hugo404,
		"static/style.css":             hugoStyle,
		"content/notes/_index.md":      "---\ntitle: Notes\n---\n",
		"content/sources/_index.md":    "---\ntitle: Sources\n---\n",
		"content/entities/_index.md":   "---\ntitle: Entities\n---\n",
		"content/themes/_index.md":     "---\ntitle: Themes\n---\n",
	}
	var config struct {
		Title   string `yaml:"title"`
		Marking string `yaml:"marking"`
	}
	if err := readYAML(filepath.Join(c.opts.Shipped, "dossier.yaml"), &config); err != nil {
		return err
	}
	files["hugo.toml"] = fmt.Sprintf(hugoConfig, strconv.Quote(config.Title), strconv.Quote(config.Marking))

	summary, err := os.ReadFile(filepath.Join(c.opts.Shipped, "index.md"))
	if err != nil {
		return err
	}
	_, body := splitFrontMatter(string(summary))
	files["content/_index.md"] = hugoFrontMatter(map[string]any{"title": config.Title}) + hugoLinks(body, pages)

	for slug, p := range pages {
		data, err := os.ReadFile(filepath.Join(c.opts.Shipped, p.section, slug+shippedExt(p.section)))
		if err != nil {
			return err
		}
		_, body := splitFrontMatter(string(data))
		switch p.section {
		case "sources":
			// The text exactly as received, as dossier's input is.
			files["content/sources/"+slug+".md"] = hugoFrontMatter(map[string]any{"title": p.title, "cite": p.cite}) + body
		case "themes":
			files["content/themes/"+slug+"/_index.md"] = hugoFrontMatter(map[string]any{"title": p.title}) + hugoLinks(body, pages)
		case "entities":
			files["content/entities/"+slug+".md"] = hugoFrontMatter(map[string]any{"title": p.title}) + hugoLinks(body, pages)
		}
	}
	for path, text := range files {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(path)), text); err != nil {
			return err
		}
	}
	notes := filepath.Join(dir, "content", "notes")
	for i := range c.opts.Notes {
		if err := os.WriteFile(filepath.Join(notes, Slug(i)+".md"), []byte(c.hugoNote(i, pages)), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// hugoNote is generated note i as a Hugo page: Note's front matter, which
// Hugo reads as it is (themes is the site's taxonomy), and Note's body
// with its links converted by hugoLinks.
func (c *Corpus) hugoNote(i int, pages map[string]hugoPage) string {
	front, body := splitFrontMatter(c.Note(i))
	return front + hugoLinks(body, pages)
}

// hugoLinks rewrites dossier wikilinks in Markdown as Hugo-ready Markdown:
// [[note-00012]] becomes [note-00012](/notes/note-00012/), a link to a
// shipped page is labelled with its title, and a quote citation becomes
// “the words” ([Comillas 2015](/sources/comillas-2015/)), or the link's
// label followed by the same source link. A slug that is not a shipped
// page is taken to be a note.
func hugoLinks(body string, pages map[string]hugoPage) string {
	return wikilink.ReplaceAllStringFunc(body, func(link string) string {
		m := wikilink.FindStringSubmatch(link)
		slug, quote, label := m[1], m[2], m[3]
		p, shipped := pages[slug]
		if !shipped {
			p = hugoPage{section: "notes", title: slug, cite: slug}
		}
		url := "/" + p.section + "/" + slug + "/"
		if strings.Contains(link, `#"`) {
			if label == "" {
				label = "“" + quote + "”"
			}
			return fmt.Sprintf("%s ([%s](%s))", label, p.cite, url)
		}
		if label == "" {
			label = p.title
		}
		return fmt.Sprintf("[%s](%s)", label, url)
	})
}

// shippedPages reads the titles (and, for sources, citation names) of the
// shipped sources, themes and entities, keyed by slug.
func (c *Corpus) shippedPages() (map[string]hugoPage, error) {
	pages := map[string]hugoPage{}
	for _, section := range []string{"sources", "themes", "entities"} {
		ext := shippedExt(section)
		files, err := filepath.Glob(filepath.Join(c.opts.Shipped, section, "*"+ext))
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			var meta struct {
				Title string `yaml:"title"`
				Cite  string `yaml:"cite"`
			}
			data, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			front, _ := splitFrontMatter(string(data))
			if err := yaml.Unmarshal([]byte(strings.Trim(front, "-\n")), &meta); err != nil {
				return nil, fmt.Errorf("corpus: %s: %w", f, err)
			}
			slug := strings.TrimSuffix(filepath.Base(f), ext)
			if meta.Cite == "" {
				meta.Cite = slug
			}
			if meta.Title == "" || meta.Title == "unknown" {
				meta.Title = meta.Cite
			}
			pages[slug] = hugoPage{section: section, title: meta.Title, cite: meta.Cite}
		}
	}
	return pages, nil
}

func shippedExt(section string) string {
	if section == "sources" {
		return ".txt"
	}
	return ".md"
}

// splitFrontMatter splits text into its front matter, both "---" lines
// included, and the body after it. Text without front matter is all body.
func splitFrontMatter(text string) (front, body string) {
	if !strings.HasPrefix(text, "---\n") {
		return "", text
	}
	i := strings.Index(text[3:], "\n---\n")
	if i < 0 {
		return "", text
	}
	end := 3 + i + len("\n---\n")
	return text[:end], text[end:]
}

// hugoFrontMatter renders fields as YAML front matter.
func hugoFrontMatter(fields map[string]any) string {
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	if err := enc.Encode(fields); err != nil {
		panic(err) // maps of strings always encode
	}
	b.WriteString("---\n")
	return b.String()
}

func readYAML(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("corpus: %s: %w", path, err)
	}
	return nil
}

func writeFile(path, text string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

// hugoConfig is hugo.toml; %s are the quoted title and marking. The
// outputs match dossier's: one feed of every page (dossier's feed.xml
// lists every note), a sitemap, robots.txt and a 404 page, and no feeds
// per section or theme. Generated notes may be dated after today, which
// Hugo skips unless told to build the future. Highlighting uses CSS
// classes, as dossier does.
const hugoConfig = `baseURL = "https://example.org/"
languageCode = "en"
title = %s
buildFuture = true
enableRobotsTXT = true

[outputs]
  home = ["HTML", "RSS"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]

[params]
  marking = %s

[taxonomies]
  theme = "themes"

[markup]
  [markup.goldmark.renderer]
    unsafe = false
  [markup.highlight]
    codeFences = true
    noClasses = false
    guessSyntax = false
`

// The layouts render what a dossier page has at its simplest: a nav, the
// title, the content and, on list pages, the pages listed.
const (
	hugoBaseof = `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><p class="marking">{{ .Site.Params.marking }}</p>{{ partial "nav.html" . }}</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer><p class="marking">{{ .Site.Params.marking }}</p></footer>
</body>
</html>
`
	hugoNav = `<nav aria-label="Main">
<a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<a href="{{ "/notes/" | relURL }}">Notes</a>
<a href="{{ "/sources/" | relURL }}">Sources</a>
<a href="{{ "/entities/" | relURL }}">Entities</a>
{{ range .Site.Taxonomies.themes }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a>
{{ end }}</nav>
`
	hugoSingle = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
{{ if not .Date.IsZero }}<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ with .Params.author }} · {{ . }}{{ end }}</p>{{ end }}
{{ with .GetTerms "themes" }}<ul class="themes">{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
{{ .Content }}
</article>
{{ end }}
`
	hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ if .IsHome }}<h2>Latest notes</h2>
<ul>{{ range first 10 (where .Site.RegularPages "Section" "notes").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
{{ else }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Params.summary }} · {{ . }}{{ end }}</li>
{{ end }}</ul>{{ end }}
{{ end }}
`
	hugo404   = "{{ define \"main\" }}<h1>Page not found</h1>\n{{ end }}\n"
	hugoStyle = `body { max-width: 44rem; margin: 0 auto; font-family: serif; line-height: 1.5; }
nav a { margin-right: 1em; }
.marking { text-align: center; font-weight: bold; }
.chroma { background: #f7f7f7; padding: 0.5em; overflow-x: auto; }
.chroma .k, .chroma .kd, .chroma .kt { color: #00f; }
.chroma .c1, .chroma .c { color: #080; }
.chroma .nf { color: #a0a; }
`
)
