package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// The preview is for the analyst's own browser, but any site the analyst
// visits can reach it by DNS rebinding: its script asks for evil.example,
// whose DNS answer then changes to 127.0.0.1, and the browser, which
// judges origins by name, lets that script read the preview as if it were
// evil.example. What such a request cannot hide is the name it asked for,
// in the Host header. So the server answers only requests that name a
// host it may be reached by:
//
//   - Listening on loopback, only names of this machine, with any port (an
//     ssh tunnel or a proxy may forward another one): localhost and names
//     under .localhost, which RFC 6761 reserves for loopback and browsers
//     resolve without asking DNS, and the IP literals 127.0.0.0/8 and ::1,
//     which involve no DNS to rebind. Any other Host gets 421.
//   - Listening elsewhere (--addr 0.0.0.0:8080, a LAN address), the user
//     chose to share the preview, and other machines name it in ways the
//     server cannot know (a host name, a LAN address, a proxy's name), so
//     any Host is accepted; Run warns about such an address.
//
// Either way, the event stream refuses a request from another site's page
// (an Origin that is not the Host) with 403. The browser would not let that
// page read the stream without CORS headers, but the request alone names a
// page for every rebuild to render and holds a connection open.

// allowedHost reports whether a request naming host (a Host header: a name
// or IP literal, with or without a port) may be answered by a server
// listening on loopback.
func allowedHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else {
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.IsLoopback()
	}
	// A trailing dot makes the name absolute; it is the same name.
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// sameOrigin reports whether the request's Origin, if it has one, is the
// host the request was sent to: the same test as Gorilla WebSocket's.
// Browsers send an Origin on cross-origin requests, so a request without
// one is not from another site's page.
func sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// refuseHost answers a request that named a host the server does not
// answer to.
func refuseHost(w http.ResponseWriter, host string) {
	http.Error(w, fmt.Sprintf("dossier serve: refused a request for host %q: the preview listens on loopback and answers only to localhost or a loopback IP, so that no other site can read it (DNS rebinding)", host), http.StatusMisdirectedRequest)
}

// refuseOrigin answers an event stream request from another site's page.
func refuseOrigin(w http.ResponseWriter, origin string) {
	http.Error(w, fmt.Sprintf("dossier serve: refused the event stream to origin %q: only the preview's own pages may listen to it", origin), http.StatusForbidden)
}
