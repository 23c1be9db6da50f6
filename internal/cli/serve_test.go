package cli

import (
	"net"
	"testing"
)

// An address serve cannot listen on, malformed or taken, is a usage error
// told in one line that names it.
func TestServeRefusesAnAddressItCannotListenOn(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	content := copySite(t)
	for _, tc := range []struct{ addr, want string }{
		{"nonsense", "dossier serve: cannot listen on nonsense: missing port in address\n"},
		{"127.0.0.1:99999", "dossier serve: cannot listen on 127.0.0.1:99999: invalid port\n"},
		{"localhost:8080:9", "dossier serve: cannot listen on localhost:8080:9: too many colons in address\n"},
		{"", "dossier serve: cannot listen on \"\": missing port in address\n"},
		{busy.Addr().String(), "dossier serve: cannot listen on " + busy.Addr().String() + ": address already in use\n"},
	} {
		code, stdout, stderr := run(t, "serve", "--content", content, "--addr", tc.addr)
		if code != exitUsage || stderr != tc.want || stdout != "" {
			t.Errorf("--addr %q: exit %d, stdout %q, stderr %q; want exit %d, stderr %q", tc.addr, code, stdout, stderr, exitUsage, tc.want)
		}
	}
}
