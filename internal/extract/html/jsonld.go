package html

import (
	"encoding/json"
	stdhtml "html"
	"regexp"
	"strings"
)

// JSON-LD is the most careful account a page gives of itself: publishers
// write it for search engines. A page may hold several scripts, each an
// object, an array or an "@graph" of nodes that refer to each other by
// "@id". The article is the first node of an article type, else of a
// web page type; a field the article lacks is taken from the web page,
// and the publisher's name, failing all else, from the web site.

// linkedData is what the JSON-LD of a page says about its article.
type linkedData struct {
	title, date, publisher, language, url, description, kind string
	authors                                                  []string
}

// ldGraph holds the nodes of a page's JSON-LD, by "@id".
type ldGraph struct {
	nodes []map[string]any
	ids   map[string]map[string]any
}

var cdata = regexp.MustCompile(`^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$`)

// readLinkedData reads the JSON-LD scripts of a page. A script that is
// not valid JSON is skipped.
func readLinkedData(scripts []string) linkedData {
	g := ldGraph{ids: map[string]map[string]any{}}
	for _, s := range scripts {
		var v any
		if json.Unmarshal([]byte(cdata.ReplaceAllString(s, "")), &v) == nil {
			g.collect(v)
		}
	}
	var article, webPage, webSite map[string]any
	kind := ""
	for _, n := range g.nodes {
		switch k := nodeKind(n); {
		case k == "web site" && webSite == nil:
			webSite = n
		case k == "web page" && webPage == nil:
			webPage = n
		case k != "" && k != "web page" && k != "web site" && article == nil:
			article, kind = n, k
		}
	}
	if article == nil {
		article, webPage, kind = webPage, nil, "web page"
		if article == nil {
			return linkedData{publisher: g.text(g.field(webSite, "name"))}
		}
	}
	get := func(keys ...string) any {
		for _, n := range []map[string]any{article, webPage} {
			for _, k := range keys {
				if v := g.field(n, k); v != nil {
					return v
				}
			}
		}
		return nil
	}
	ld := linkedData{
		title:       g.text(get("headline", "name")),
		date:        g.text(get("datePublished", "dateCreated", "uploadDate")),
		publisher:   first(g.text(get("publisher", "sourceOrganization")), g.text(g.field(webSite, "name"))),
		language:    g.language(first2(get("inLanguage", "language"), g.field(webSite, "inLanguage"))),
		url:         first(g.text(g.field(article, "url")), g.ref(g.field(article, "mainEntityOfPage")), g.text(g.field(webPage, "url"))),
		description: g.text(get("description")),
		kind:        kind,
		authors:     g.names(get("author", "creator")),
	}
	return ld
}

// collect gathers the nodes of a JSON-LD value.
func (g *ldGraph) collect(v any) {
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			g.collect(e)
		}
	case map[string]any:
		if id, ok := v["@id"].(string); ok && g.ids[id] == nil && len(v) > 1 {
			g.ids[id] = v
		}
		if graph, ok := v["@graph"]; ok {
			g.collect(graph)
		}
		if _, ok := v["@type"]; ok {
			g.nodes = append(g.nodes, v)
		}
	}
}

// field returns n's value for key, or nil.
func (g *ldGraph) field(n map[string]any, key string) any {
	if n == nil {
		return nil
	}
	return n[key]
}

// deref returns the node a reference {"@id": ...} stands for.
func (g *ldGraph) deref(v any) any {
	if m, ok := v.(map[string]any); ok {
		if id, ok := m["@id"].(string); ok && g.ids[id] != nil {
			return g.ids[id]
		}
	}
	return v
}

// text returns the text of a value: a string, or the name of a node, or
// the first text of a list.
func (g *ldGraph) text(v any) string {
	switch v := g.deref(v).(type) {
	case string:
		return squash(stdhtml.UnescapeString(v))
	case map[string]any:
		return g.text(v["name"])
	case []any:
		for _, e := range v {
			if t := g.text(e); t != "" {
				return t
			}
		}
	}
	return ""
}

// ref returns the address a value stands for: a string, or a node's
// "@id" or "url".
func (g *ldGraph) ref(v any) string {
	if m, ok := v.(map[string]any); ok {
		if u := g.text(m["url"]); u != "" {
			return u
		}
		return g.text(m["@id"])
	}
	return g.text(v)
}

// language returns a language's code: a string, or a node's
// "alternateName" or "name".
func (g *ldGraph) language(v any) string {
	if m, ok := g.deref(v).(map[string]any); ok {
		return first(g.text(m["alternateName"]), g.text(m["name"]))
	}
	return g.text(v)
}

// names returns the names of people or organisations: strings, nodes
// with a "name" or a given and family name, or a list of them.
func (g *ldGraph) names(v any) []string {
	switch v := g.deref(v).(type) {
	case string:
		return splitNames(squash(stdhtml.UnescapeString(v)))
	case map[string]any:
		name := g.text(v["name"])
		if name == "" {
			name = squash(g.text(v["givenName"]) + " " + g.text(v["familyName"]))
		}
		if name != "" {
			return []string{name}
		}
	case []any:
		var all []string
		for _, e := range v {
			all = append(all, g.names(e)...)
		}
		return all
	}
	return nil
}

// ldTypes returns the type names of a "@type" value, without a
// vocabulary prefix: "schema:NewsArticle" and
// "https://schema.org/NewsArticle" are NewsArticle.
func ldTypes(v any) []string {
	var ts []string
	switch v := v.(type) {
	case string:
		ts = []string{v}
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				ts = append(ts, s)
			}
		}
	}
	for i, t := range ts {
		ts[i] = t[strings.LastIndexAny(t, "/:#")+1:]
	}
	return ts
}

// nodeKind returns the kind of document a node is, by the most specific
// of its types: ["Article", "NewsArticle"] is a news article.
func nodeKind(n map[string]any) string {
	best := ""
	for _, t := range ldTypes(n["@type"]) {
		if k := ldKind(t); best == "" || best == "article" && k != "" && k != "web page" && k != "web site" {
			best = k
		}
	}
	return best
}

// ldKind returns the kind of document a schema.org type names, "" for
// one that is not a document.
func ldKind(t string) string {
	switch {
	case strings.HasSuffix(t, "NewsArticle"):
		return "news article"
	case strings.HasSuffix(t, "ScholarlyArticle"):
		return "journal article"
	case t == "Report":
		return "report"
	case strings.HasSuffix(t, "BlogPosting") || t == "SocialMediaPosting":
		return "blog post"
	case strings.HasSuffix(t, "Article"):
		return "article"
	case strings.HasSuffix(t, "WebPage") || strings.HasSuffix(t, "Page"):
		return "web page"
	case t == "WebSite":
		return "web site"
	}
	return ""
}

// first2 returns the first of two values that is not nil.
func first2(a, b any) any {
	if a != nil {
		return a
	}
	return b
}
