package linkcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// doc wraps body in a complete, valid page. The body starts on line 5.
func doc(body string) []byte {
	return []byte("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>T</title></head>\n<body>\n" + body + "\n</body>\n</html>\n")
}

func TestCheck(t *testing.T) {
	tests := []struct {
		name  string
		files map[string][]byte
		// want lists the problems as "path:line:col: words of the
		// message"; the message must contain the words.
		want []string
	}{
		{
			name: "valid site",
			files: map[string][]byte{
				"index.html":             doc(`<a href="notes/x/index.html#sec">x</a> <a href="#top">top</a> <a href="">self</a> <img src="img/a.png" alt="">`),
				"notes/x/index.html":     doc(`<h2 id="sec">S</h2><a href="../../index.html">home</a><a href="../y/index.html#old">y</a>`),
				"notes/y/index.html":     doc(`<a name="old"></a><link rel="stylesheet" href="../../static/s.css">`),
				"img/a.png":              nil,
				"static/s.css":           []byte("body { background: url('../img/a.png') }\n/* url(gone.png) */ .x { filter: url(#f) }"),
				"sources/k/original.txt": nil,
			},
		},
		{
			name: "missing file",
			files: map[string][]byte{
				"index.html": doc(`<p>See <a href="notes/gone/index.html">gone</a>.</p>`),
			},
			want: []string{`index.html:5:11: broken <a href> "notes/gone/index.html": notes/gone/index.html does not exist`},
		},
		{
			name: "missing anchor in another page and in the same page",
			files: map[string][]byte{
				"a/index.html": doc(`<a href="../b/index.html#p-1a2b">b</a>` + "\n" + `<a href="#nowhere">here</a>`),
				"b/index.html": doc(`<p id="p-9999">b</p>`),
			},
			want: []string{
				`a/index.html:5:4: "../b/index.html#p-1a2b": b/index.html has no element with id "p-1a2b"`,
				`a/index.html:6:4: "#nowhere": no element on this page has id "nowhere"`,
			},
		},
		{
			name: "duplicate and empty ids",
			files: map[string][]byte{
				"index.html": doc(`<h2 id="a">1</h2>` + "\n" + `<h2 id="a">2</h2><span id="">3</span>`),
			},
			want: []string{
				`index.html:6:5: duplicate id "a" (first at 5:5)`,
				`index.html:6:24: empty id attribute`,
			},
		},
		{
			name: "unclosed, misnested and stray tags",
			files: map[string][]byte{
				"index.html": doc("<div><span>a</div>\n<section>\n</em>\n<main>"),
			},
			want: []string{
				`index.html:5:13: </div> closes <div> (opened at 5:1) before its <span> (opened at 5:6) is closed`,
				`index.html:7:1: stray </em>`,
				`index.html:9:1: </body> closes <body>`,
				`index.html:9:1: </body> closes <body>`,
			},
		},
		{
			name: "elements open at the end of the file",
			files: map[string][]byte{
				"index.html": []byte("<!DOCTYPE html><html lang=\"en\"><title>T</title>\n<div><p>text\n<ul><li>item"),
			},
			want: []string{
				`index.html:2:1: <div> is never closed`,
				`index.html:3:1: <ul> is never closed`,
			},
		},
		{
			name: "block inside a paragraph",
			files: map[string][]byte{
				"index.html": doc("<p>One <div>two</div></p>\n<p><em>three<ul><li>x</ul></em></p>"),
			},
			want: []string{
				`index.html:5:22: stray </p>: the <p> opened on line 5 was already closed by <div> on line 5`,
				`index.html:6:13: <ul> inside <p> (opened at 6:1) closes the paragraph before <em> (opened at 6:4) ends`,
				`index.html:6:27: stray </em>`,
				`index.html:6:32: stray </p>`,
			},
		},
		{
			name: "omitted optional end tags are fine",
			files: map[string][]byte{
				"index.html": doc("<p>one\n<p>two\n<ul><li>a<li>b</ul>\n<table><tr><td>1<td>2<tr><td>3</table>\n<dl><dt>t<dd>d</dl>\n<svg><path d=\"M0 0\"/><use href=\"#s\"/></svg><br/><img src=\"a.png\" alt=\"\"/>\n<svg><symbol id=\"s\"></symbol></svg>"),
				"a.png":      nil,
			},
		},
		{
			name: "self-closing non-void, void end tag, duplicate attribute",
			files: map[string][]byte{
				"index.html": doc(`<div class="a"/><br></br><span class="a" class="b">x</span>`),
			},
			want: []string{
				`index.html:5:1: <div/>: HTML ignores the slash`,
				`index.html:5:21: </br>: <br> is a void element`,
				`index.html:5:42: duplicate attribute class on <span>`,
			},
		},
		{
			name: "link inside a link",
			files: map[string][]byte{
				"index.html": doc(`<a href="#x"><span id="x">one <a href="#x">two</a></span></a>`),
			},
			want: []string{
				`index.html:5:31: <a> inside <a> (opened at 5:1)`,
				`index.html:5:58: stray </a>`,
			},
		},
		{
			name: "root-absolute link",
			files: map[string][]byte{
				"notes/index.html": doc(`<a href="/index.html">home</a><link rel="stylesheet" href="/static/s.css">`),
				"index.html":       doc(``),
				"static/s.css":     []byte(``),
			},
			want: []string{
				`notes/index.html:5:4: root-absolute <a href> "/index.html"`,
				`notes/index.html:5:54: root-absolute <link href> "/static/s.css"`,
			},
		},
		{
			name: "404.html links from the site root",
			files: map[string][]byte{
				"404.html":     doc(`<a href="/index.html">home</a><a href="/gone.html">x</a><a href="index.html">rel</a><a href="#main">skip</a><main id="main"></main>`),
				"index.html":   doc(``),
				"static/s.css": []byte(``),
			},
			want: []string{
				`404.html:5:34: broken <a href> "/gone.html": gone.html does not exist`,
				`404.html:5:60: relative <a href> "index.html" in 404.html`,
			},
		},
		{
			name: "link escaping the site root",
			files: map[string][]byte{
				"notes/x/index.html": doc(`<a href="../../../index.html">up</a><a href="../../index.html">ok</a>`),
				"index.html":         doc(``),
			},
			want: []string{`notes/x/index.html:5:4: <a href> "../../../index.html" leaves the site`},
		},
		{
			name: "query strings and encoded characters",
			files: map[string][]byte{
				"index.html": doc(`<a href="a%20b.html?q=1#x%20y">1</a><a href="a b.html">2</a><a href="a%20c.html">3</a><a href="%zz.html">4</a><a href="a%20b.html#:~:text=hi">5</a>`),
				"a b.html":   doc(`<h2 id="x y">x</h2>`),
			},
			want: []string{
				`a b.html:5:5: id "x y" contains white space`,
				`index.html:5:64: broken <a href> "a%20c.html": a c.html does not exist`,
				`index.html:5:90: malformed URL in <a href> "%zz.html"`,
			},
		},
		{
			name: "folder links",
			files: map[string][]byte{
				"index.html":       doc(`<a href="notes/">1</a><a href="notes">2</a><a href="gone/">3</a><a href="./">4</a>`),
				"notes/index.html": doc(``),
			},
			want: []string{
				`index.html:5:4: <a href> "notes/" links to the folder notes/: opened from disk`,
				`index.html:5:26: <a href> "notes" links to the folder notes/`,
				`index.html:5:47: broken <a href> "gone/": gone/ has no index.html`,
				`index.html:5:68: <a href> "./" links to the folder the site root`,
			},
		},
		{
			name: "external URLs are skipped, dangerous ones are not",
			files: map[string][]byte{
				"index.html": doc(`<a href="https://example.org/x">1</a><a href="mailto:a@b.c">2</a><img src="data:image/png;base64,AA==" alt=""><a href="//example.org/">3</a><a href="javascript:alert(1)">4</a><a href="file:///etc/passwd">5</a>`),
			},
			want: []string{
				`index.html:5:114: protocol-relative <a href>`,
				`index.html:5:144: script URL in <a href>`,
				`index.html:5:179: <a href> "file:///etc/passwd" points at a file outside the site`,
			},
		},
		{
			name: "page without doctype, lang or title",
			files: map[string][]byte{
				"a.html": []byte("<html>\n<head></head><body><p>x</p></body></html>"),
				"b.html": []byte("<!doctype html><html lang=\"\"><head><title> </title></head><body></body></html>"),
			},
			want: []string{
				`a.html:1:1: missing <!DOCTYPE html>`,
				`a.html:1: missing <html lang`,
				`a.html:1: missing <title>`,
				`b.html:1: missing <html lang`,
				`b.html:1: empty <title>`,
			},
		},
		{
			name: "srcset, empty src, CSS and <style> urls",
			files: map[string][]byte{
				"index.html": doc("<img src=\"\" srcset=\"a.png 1x, gone.png 2x\" alt=\"\">\n<style>\n.a { background: url(\"gone.svg\") }</style>"),
				"a.png":      nil,
				"s/s.css":    []byte("@import \"base.css\";\n.x { background: url(../a.png) }"),
			},
			want: []string{
				`index.html:5:6: empty <img src>`,
				`index.html:5:13: broken <img srcset> "gone.png"`,
				`index.html:7:18: broken CSS url() "gone.svg"`,
				`s/s.css:1:1: broken CSS url() "base.css": s/base.css does not exist`,
			},
		},
		{
			name: "relative sitemap",
			files: map[string][]byte{
				"index.html":   doc(``),
				"a/index.html": doc(``),
				"sitemap.xml":  []byte("<?xml version=\"1.0\"?>\n<urlset>\n<url><loc></loc></url>\n<url><loc>a/</loc></url>\n<url><loc>b/</loc></url>\n</urlset>"),
			},
			want: []string{`sitemap.xml:5:6: broken <loc> "b/": b/ has no index.html`},
		},
		{
			name: "absolute sitemap and base-URL links",
			files: map[string][]byte{
				"index.html":   doc(`<link rel="canonical" href="https://example.org/d/"><a href="https://example.org/d/c/">c</a>`),
				"a/index.html": doc(``),
				"sitemap.xml":  []byte("<urlset>\n<url><loc>https://example.org/d/</loc></url>\n<url><loc>https://example.org/d/a/</loc></url>\n</urlset>"),
				"feed.xml":     []byte("<feed>\n<link rel=\"self\" href=\"https://example.org/d/feed.xml\"/>\n<entry><link href=\"https://example.org/d/b/\"/></entry>\n</feed>"),
			},
			want: []string{
				`feed.xml:3:8: broken <link href> "https://example.org/d/b/": b/ has no index.html`,
				`index.html:5:56: broken <a href> "https://example.org/d/c/": c/ has no index.html`,
			},
		},
		{
			name: "malformed XML",
			files: map[string][]byte{
				"sitemap.xml": []byte("<urlset>\n<url><loc>x</url>\n</urlset>"),
			},
			want: []string{`sitemap.xml:2: not well-formed XML`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Files(tt.files)
			used := make([]bool, len(got))
		want:
			for _, w := range tt.want {
				at, msg, _ := strings.Cut(w, ": ")
				for i, p := range got {
					s := p.String()
					if !used[i] && strings.HasPrefix(s, at+": ") && strings.Contains(s, msg) {
						used[i] = true
						continue want
					}
				}
				t.Errorf("missing problem %s", w)
			}
			for i, p := range got {
				if !used[i] {
					t.Errorf("unexpected problem %s", p)
				}
			}
		})
	}
}

func TestDirMatchesFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"index.html":         doc(`<a href="notes/x/index.html#s">x</a><img src="a.png" alt=""><a href="gone.html">g</a>`),
		"notes/x/index.html": doc(`<h2 id="s">s</h2>`),
		"a.png":              []byte("\x89PNG"),
	}
	for p, data := range files {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, p), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].String() != `index.html:5:64: broken <a href> "gone.html": gone.html does not exist` {
		t.Errorf("Dir = %v", got)
	}
	if _, err := Dir(filepath.Join(dir, "missing")); err == nil {
		t.Error("Dir of a missing folder: no error")
	}
}

func TestReport(t *testing.T) {
	rep := Check(map[string][]byte{
		"index.html": doc(`<a href="a.html">a</a><a href="https://example.org/">e</a><a href="#top">t</a>`),
		"a.html":     doc(``),
	}, Options{})
	if rep.Pages != 2 || rep.Links != 2 || rep.External != 1 || len(rep.Problems) != 0 {
		t.Errorf("report = %+v", rep)
	}
}
