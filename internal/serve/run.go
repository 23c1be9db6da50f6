package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/linkcache"
	"github.com/dossier-dev/dossier/internal/watch"
)

// Config is what `dossier serve` was asked to do.
type Config struct {
	Build build.Options
	Addr  string // host:port to listen on; port 0 picks a free one
	Open  bool   // open the site in the browser once it is served
	// Ready, if set, is called with the site's URL once the server
	// listens, for tests and callers that need the chosen port.
	Ready func(url string)
	// LinkCache, if set, is the file that keeps the documents' wikilinks
	// from one run to the next (package linkcache): the first build
	// takes them rather than parsing every document, and the first
	// build without problems writes them.
	LinkCache string
	Stdout    io.Writer
	Stderr    io.Writer
}

// Run builds the site, serves it on cfg.Addr and rebuilds it on every
// change until ctx is done. A broken site is not an error: the server
// starts anyway and shows the problems in the page. It returns an error
// only when it cannot listen (a [*ListenError]) or watch.
func Run(ctx context.Context, cfg Config) error {
	// Listen first, so that a bad or busy address is reported before any
	// other work.
	ln, err := listen(cfg.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	opts := cfg.Build
	if cfg.LinkCache != "" {
		opts.Links = linkcache.Read(cfg.LinkCache)
	}
	s := New(opts, cfg.Stdout, cfg.Stderr)
	s.linkCache = cfg.LinkCache
	defer s.Close()
	s.shared = !isLoopback(ln.Addr())
	if s.shared {
		fmt.Fprintf(cfg.Stderr, "dossier: warning: listening on %s, which other machines can reach by any name; the preview is meant for this machine only (use --addr 127.0.0.1:PORT)\n", ln.Addr())
	}

	// Watch before the first build, so an edit made while it runs is not
	// lost between the build's reads and the watch.
	w, err := watch.New(s.Roots())
	if err != nil {
		return err
	}
	defer w.Close()

	s.Rebuild(nil)
	url := siteURL(ln.Addr())
	fmt.Fprintf(cfg.Stdout, "serving %s (Ctrl-C to stop)\n", url)
	if cfg.Ready != nil {
		cfg.Ready(url)
	}
	if cfg.Open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(cfg.Stderr, "dossier: warning: could not open the browser: %v\n", err)
		}
	}

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watched := make(chan struct{})
	go func() { s.Watch(ctx, w); close(watched) }()

	select {
	case <-ctx.Done():
	case err = <-served:
	}
	// End the event streams first: Shutdown waits for handlers to return.
	s.Close()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	w.Close()
	<-watched
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

// ListenError is a failure to listen on the address the user asked for:
// a malformed address, or a port that is taken or not ours to take. The
// caller reports it as a usage error.
type ListenError struct {
	Addr string // as the user gave it
	Err  error
}

// Error names the address and the cause alone, e.g. "cannot listen on
// 127.0.0.1:8080: address already in use".
func (e *ListenError) Error() string {
	addr := e.Addr
	if addr == "" {
		addr = `""`
	}
	return fmt.Sprintf("cannot listen on %s: %s", addr, reason(e.Err))
}

// Unwrap returns net's error, so that errors.Is(err, syscall.EADDRINUSE)
// holds for a taken port.
func (e *ListenError) Unwrap() error { return e.Err }

// reason is err without the operation and address that net puts before
// the cause, which a ListenError names already: "address already in use",
// not "listen tcp 127.0.0.1:8080: bind: address already in use".
func reason(err error) string {
	var op *net.OpError
	if errors.As(err, &op) {
		err = op.Err
	}
	var sys *os.SyscallError
	if errors.As(err, &sys) {
		err = sys.Err
	}
	var bad *net.AddrError
	if errors.As(err, &bad) {
		return bad.Err
	}
	return err.Error()
}

// listen listens on addr, a host:port. net.Listen would take "" for a
// free port on every interface, which no one means by --addr ""; the
// port check refuses it.
func listen(addr string) (net.Listener, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return nil, &ListenError{Addr: addr, Err: err}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, &ListenError{Addr: addr, Err: err}
	}
	return ln, nil
}

// siteURL is the address to print and open. An unspecified host (":8080",
// "0.0.0.0") is reachable as localhost on this machine.
func siteURL(a net.Addr) string {
	host, port, err := net.SplitHostPort(a.String())
	if err != nil {
		return "http://" + a.String() + "/"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}

// isLoopback reports whether the listener accepts connections from this
// machine only.
func isLoopback(a net.Addr) bool {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.IsLoopback()
	}
	return false
}

// openBrowser asks the desktop to open url, without waiting for the
// browser: it may run for the rest of the session.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		p, err := exec.LookPath("xdg-open")
		if err != nil {
			return fmt.Errorf("no xdg-open: open %s yourself", url)
		}
		cmd = exec.Command(p, url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }() // reap it
	return nil
}
