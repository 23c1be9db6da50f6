package html

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// article pads a fragment with enough text of its own that the fragment
// is a small part of the page, as chrome is.
const article = `<h1>The title</h1><p>` + filler + `</p><p>` + filler + `</p>`

const filler = "Body text of the article that goes on for a while, as articles do, " +
	"with enough words in it to outweigh the page chrome around it by far."

func TestChrome(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"a wrapper is not chrome for its class", `<div class="page has-comments">` + article + `</div>`, ""},
		{"whole words only", `<div class="commentary">Kept commentary.</div>` + article, "Kept commentary."},
		{"comments", `<section id="comments"><p>Nice post!</p></section>` + article, ""},
		{"camel case", `<div id="cookieBanner">We use cookies.</div>` + article, ""},
		{"plural", `<p class="article-authors">Jane Doe and John Roe</p>` + article, ""},
		{"aria label", `<div aria-label="Share this article"><a href="/x">X</a></div>` + article, ""},
		{"role", `<div role="navigation"><a href="/">Home</a></div>` + article, ""},
		{"screen reader text", `<span class="sr-only">Opens in a new window</span>` + article, ""},
		{"hidden", `<p hidden>Hidden.</p><p style="color:red; display: none">None.</p><p aria-hidden="true">Aria.</p>` + article, ""},
		{"sign-up box without classes", `<div><p>Get our newsletter every week.</p><form><input type="email"><button>Sign up</button></form></div>` + article, ""},
		{"a button takes its block, not the article", article + `<p>Short text by a button. <button>Show more</button></p>`, ""},
		{"byline", `<p>By <a rel="author" href="/jane">Jane Doe</a> · <time datetime="2024-05-14">14 May 2024</time></p>` + article, ""},
		{"a date in a sentence stays", `<p>The law took effect on <time>1 January 2024</time> after a long vote.</p>` + article,
			"The law took effect on 1 January 2024 after a long vote."},
		{"header without heading", `<header><a href="/">Site</a> <span>Tagline of the site</span></header>` + article, ""},
		{"header with heading stays", `<header><h2>Section heading</h2></header>` + article, "Section heading"},
		{"attribution of a quotation stays", `<blockquote><p>Quoted words.</p><footer>Ann Roe</footer></blockquote>` +
			`<blockquote><p>More.</p><p class="quote-author">Bo Li</p></blockquote><figure><figcaption>Caption<footer>Credit</footer></figcaption></figure>` + article,
			"Quoted words. | Ann Roe | More. | Bo Li | Caption"},
		{"page footer", article + `<footer><p>© 2024 The Site</p></footer>`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader("<body>" + tt.body))
			if err != nil {
				t.Fatal(err)
			}
			removeChrome(doc, "The title")
			c := &converter{}
			c.convert(find(doc, "body"))
			var left []string
			for _, b := range c.blocks {
				if b.text != "The title" && b.text != filler {
					left = append(left, b.text)
				}
			}
			if got := strings.Join(left, " | "); got != tt.want {
				t.Errorf("left %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLinkDense(t *testing.T) {
	doc, err := html.Parse(strings.NewReader(`<body><div>` + article +
		`<ul><li><a href="/a">Related story one</a></li><li><a href="/b">Related story two</a></li></ul>` +
		`<p>Read more: <a href="/c">The title of another story</a></p>` +
		`<p>The full <a href="/d">statement</a> was published on Friday by the ministry.</p>` +
		`<div>Tags: <a href="/t1">Shipping</a> <a href="/t2">Strikes</a></div></div>`))
	if err != nil {
		t.Fatal(err)
	}
	removeLinkDense(find(doc, "div"))
	var left []string
	elements(find(doc, "div"), func(e *html.Node) bool {
		if e.Data == "p" || e.Data == "ul" || e.Data == "div" {
			left = append(left, squash(textContent(e))[:12])
		}
		return false
	})
	want := []string{"Body text of", "Body text of", "The full sta"}
	if !reflect.DeepEqual(left, want) {
		t.Errorf("left %q, want %q", left, want)
	}
}

func TestTokens(t *testing.T) {
	got := tokens("cookieBanner share_bar  js-Nav2 ÉtéDate")
	want := []string{"cookie", "banner", "share", "bar", "js", "nav2", "été", "date"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tokens = %q, want %q", got, want)
	}
}
