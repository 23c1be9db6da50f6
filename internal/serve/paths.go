package serve

import (
	"mime"
	"net/http"
	"path"
	"strings"
)

// sitePath maps a request to the key of the site's file map that the URL
// names, before index.html is appended. The site lives in a map, so no
// request can reach the disk; refusing anything that looks like an escape
// is still the contract (a proxy or a later switch to a temp folder must
// not turn a sloppy check into a hole), and it keeps one URL per page.
//
// It refuses, with ok false: dot segments ("/../", "/./", also when
// percent-encoded, since net/http has decoded them by now), encoded
// slashes and backslashes (which a decoding layer would turn into path
// separators), backslashes and NUL bytes, and empty segments ("//").
func sitePath(r *http.Request) (p string, ok bool) {
	raw := strings.ToLower(r.URL.EscapedPath())
	for _, bad := range []string{"%2f", "%5c", "%00"} {
		if strings.Contains(raw, bad) {
			return "", false
		}
	}
	p = r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	p = p[1:]
	segs := strings.Split(p, "/")
	for i, s := range segs {
		switch {
		case s == "." || s == "..":
			return "", false
		case s == "" && i != len(segs)-1: // the last may be empty: a folder URL
			return "", false
		}
	}
	return p, true
}

// contentTypes are the types of the files a dossier site holds. They are
// listed rather than left to mime.TypeByExtension, whose answer depends on
// the machine's /etc/mime.types (some map .js to application/javascript,
// some have no .woff2 at all).
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".mjs":   "text/javascript; charset=utf-8",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
	".json":  "application/json",
	".map":   "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".ttf":   "font/ttf",
	".otf":   "font/otf",
	".pdf":   "application/pdf",
}

// contentType returns the Content-Type for a site path, sniffing data
// only for extensions nobody listed.
func contentType(p string, data []byte) string {
	ext := strings.ToLower(path.Ext(p))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return http.DetectContentType(data)
}
