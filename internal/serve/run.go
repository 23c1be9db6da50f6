package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/watch"
)

// Config is what `dossier serve` was asked to do.
type Config struct {
	Build build.Options
	Addr  string // host:port to listen on; port 0 picks a free one
	Open  bool   // open the site in the browser once it is served
	// Ready, if set, is called with the site's URL once the server
	// listens, for tests and callers that need the chosen port.
	Ready  func(url string)
	Stdout io.Writer
	Stderr io.Writer
}

// Run builds the site, serves it on cfg.Addr and rebuilds it on every
// change until ctx is done. A broken site is not an error: the server
// starts anyway and shows the problems in the page. It returns an error
// only when it cannot listen or watch.
func Run(ctx context.Context, cfg Config) error {
	s := New(cfg.Build, cfg.Stdout, cfg.Stderr)
	defer s.Close()

	// Watch before the first build, so an edit made while it runs is not
	// lost between the build's reads and the watch.
	w, err := watch.New(s.Roots())
	if err != nil {
		return err
	}
	defer w.Close()

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if !isLoopback(ln.Addr()) {
		fmt.Fprintf(cfg.Stderr, "dossier: warning: listening on %s, which other machines can reach; the preview is meant for this machine only (use --addr 127.0.0.1:PORT)\n", ln.Addr())
	}

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
