package linkcheck

import (
	"net/url"
	"path"
	"strings"

	"github.com/dossier-dev/dossier/internal/layout"
)

// ref is one URL found in a file of the site.
type ref struct {
	from      string // site path of the file it is in
	line, col int
	what      string // where it was found, for messages: "<a href>", "url()"
	url       string
	base      string // the page's <base href>, if any
	folderOK  bool   // a folder URL is fine: only a web server reads it
	emptyOK   bool   // an empty URL is fine (href="" is the page itself)
}

// loc is a place in the site: a file, or a folder (path "" is the root).
type loc struct {
	path   string
	folder bool
}

// dir is the folder relative URLs in a document at l resolve against.
func (l loc) dir() string {
	switch {
	case l.folder && l.path == "":
		return "."
	case l.folder:
		return l.path
	}
	return path.Dir(l.path)
}

// join resolves the (decoded, relative) URL path p against l. escapes is
// true when p climbs above the site root: a browser on a web server would
// clamp the ".." at the host's root, but under a sub-path or from disk it
// leaves the site.
func (l loc) join(p string) (to loc, escapes bool) {
	if p == "" {
		return l, false
	}
	base := path.Base(p)
	folder := strings.HasSuffix(p, "/") || base == "." || base == ".."
	t := path.Join(l.dir(), p)
	if t == ".." || strings.HasPrefix(t, "../") {
		return loc{}, true
	}
	if t == "." {
		return loc{folder: true}, false
	}
	return loc{path: t, folder: folder}, false
}

func (l loc) String() string {
	if l.folder {
		if l.path == "" {
			return "the site root"
		}
		return l.path + "/"
	}
	return l.path
}

// rootJoin resolves the root-absolute URL path p from the site root. A
// server clamps ".." at its root, so "/../x" is "/x".
func rootJoin(p string) loc {
	base := path.Base(p)
	folder := strings.HasSuffix(p, "/") || base == "." || base == ".."
	clean := path.Clean(p)
	if clean == "/" {
		return loc{folder: true}
	}
	return loc{path: clean[1:], folder: folder}
}

// is404 reports whether the file at p is the not-found page, which a host
// serves in place of any missing URL, at any depth.
func is404(p string) bool { return p == layout.NotFound }

// checkRef checks that r names an existing file of the site, and an
// existing anchor in it when it has a fragment.
func (c *checker) checkRef(r ref) {
	// HTML strips leading and trailing ASCII whitespace from URLs.
	raw := strings.TrimSpace(r.url)
	if raw == "" {
		if !r.emptyOK {
			c.add(r.from, r.line, r.col, "empty %s: it refers to the page itself", r.what)
		}
		return
	}
	u, err := url.Parse(raw)
	if err != nil {
		c.add(r.from, r.line, r.col, "malformed URL in %s %q: %v", r.what, raw, unwrapURLError(err))
		return
	}
	doc := loc{path: r.from}
	folderOK, absolute := r.folderOK, false
	if u.Scheme != "" || u.Host != "" {
		rest, ok := c.underBase(raw)
		if !ok {
			c.external(r, u)
			return
		}
		// A URL under the base URL is how the page would be reached on
		// the host: check it as a path from the site root. It goes
		// through a web server, so a folder URL is fine.
		if u, err = url.Parse(rest); err != nil {
			c.add(r.from, r.line, r.col, "malformed URL in %s %q: %v", r.what, raw, unwrapURLError(err))
			return
		}
		doc, folderOK, absolute = loc{folder: true}, true, true
	} else if r.base != "" {
		b, ok := c.resolveBase(r)
		if !ok {
			// A base elsewhere makes every relative URL external.
			c.report.External++
			return
		}
		doc = b
	}

	var to loc
	switch {
	case strings.HasPrefix(u.Path, "/") && (is404(r.from) || absolute):
		// Root-absolute in 404.html, or "base//x": from the site root.
		to = rootJoin(u.Path)
	case strings.HasPrefix(u.Path, "/"):
		c.add(r.from, r.line, r.col, "root-absolute %s %q breaks when the site is published under a sub-path or opened from disk: use a relative URL", r.what, raw)
		return
	case u.Path != "" && is404(r.from) && r.base == "" && !absolute:
		c.add(r.from, r.line, r.col, "relative %s %q in 404.html: a host serves this page at any depth, so its URLs must start at the site root (\"/...\") or the base URL", r.what, raw)
		return
	default:
		var escapes bool
		if to, escapes = doc.join(u.Path); escapes {
			c.add(r.from, r.line, r.col, "%s %q leaves the site: it climbs above the site root", r.what, raw)
			return
		}
	}
	c.report.Links++

	if !to.folder {
		if _, ok := c.files[to.path]; !ok {
			if _, ok := c.files[path.Join(to.path, layout.Index)]; ok && !folderOK {
				c.add(r.from, r.line, r.col, "%s %q links to the folder %s/: opened from disk, a browser shows a folder listing instead of its index.html: link to %s/index.html", r.what, raw, to.path, path.Base(to.path))
				return
			} else if !ok {
				c.add(r.from, r.line, r.col, "broken %s %q: %s does not exist", r.what, raw, to)
				return
			}
			to = loc{path: path.Join(to.path, layout.Index)}
		}
	} else {
		index := path.Join(to.path, layout.Index)
		if _, ok := c.files[index]; !ok {
			c.add(r.from, r.line, r.col, "broken %s %q: %s has no index.html", r.what, raw, to)
			return
		}
		if !folderOK {
			c.add(r.from, r.line, r.col, "%s %q links to the folder %s: opened from disk, a browser shows a folder listing instead of its index.html: link to %s explicitly", r.what, raw, to, relIndex(u.Path))
			return
		}
		to = loc{path: index}
	}
	c.checkFragment(r, u, raw, to.path)
}

// relIndex is the URL path p with index.html added, for advice.
func relIndex(p string) string {
	if p == "" || strings.HasSuffix(p, "/") {
		return layout.Page(p)
	}
	return layout.Page(p + "/")
}

// checkFragment checks that the fragment of u names an anchor in the page
// at target.
func (c *checker) checkFragment(r ref, u *url.URL, raw, target string) {
	frag, rawFrag := u.Fragment, u.EscapedFragment()
	// A text fragment directive (#:~:text=...) is not an anchor.
	frag, _, _ = strings.Cut(frag, ":~:")
	rawFrag, _, _ = strings.Cut(rawFrag, ":~:")
	// Browsers scroll to the top for an empty fragment and for "top"
	// when no element has that id.
	if frag == "" || strings.EqualFold(frag, "top") {
		return
	}
	pg := c.pages[target]
	if pg == nil {
		// Not a page whose content was read: a fragment of a text
		// file or an image means nothing that can be checked.
		return
	}
	// Browsers try the fragment as written, then percent-decoded.
	if pg.ids[rawFrag] || pg.ids[frag] {
		return
	}
	if target == r.from {
		c.add(r.from, r.line, r.col, "%s %q: no element on this page has id %q", r.what, raw, frag)
		return
	}
	c.add(r.from, r.line, r.col, "%s %q: %s has no element with id %q", r.what, raw, target, frag)
}

// external counts or rejects an absolute URL outside the site.
func (c *checker) external(r ref, u *url.URL) {
	switch strings.ToLower(u.Scheme) {
	case "":
		c.add(r.from, r.line, r.col, "protocol-relative %s %q: opened from disk it becomes a file: URL; write the scheme", r.what, r.url)
	case "file":
		c.add(r.from, r.line, r.col, "%s %q points at a file outside the site", r.what, r.url)
	case "javascript", "vbscript":
		c.add(r.from, r.line, r.col, "script URL in %s: the site must not run code from links", r.what)
	default:
		c.report.External++
	}
}

// underBase returns the part of the absolute URL raw after the site's base
// URL, and whether raw is under it.
func (c *checker) underBase(raw string) (string, bool) {
	if c.base == "" {
		return "", false
	}
	base := strings.TrimSuffix(c.base, "/")
	if raw == base {
		return "", true
	}
	if rest, ok := strings.CutPrefix(raw, base+"/"); ok {
		return rest, true
	}
	return "", false
}

// resolveBase returns the location a page's <base href> points at, and
// false when it points outside the site.
func (c *checker) resolveBase(r ref) (loc, bool) {
	raw := strings.TrimSpace(r.base)
	u, err := url.Parse(raw)
	if err != nil {
		return loc{}, false // reported at the <base> element
	}
	if u.Scheme != "" || u.Host != "" {
		rest, ok := c.underBase(raw)
		if !ok {
			return loc{}, false
		}
		if u, err = url.Parse(rest); err != nil {
			return loc{}, false
		}
		to, _ := loc{folder: true}.join(u.Path)
		return to, true
	}
	if strings.HasPrefix(u.Path, "/") {
		return rootJoin(u.Path), true
	}
	to, escapes := loc{path: r.from}.join(u.Path)
	return to, !escapes
}

// unwrapURLError drops the "parse URL" prefix url.Parse puts on its
// errors, since the message already shows the URL.
func unwrapURLError(err error) error {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err
	}
	return err
}
