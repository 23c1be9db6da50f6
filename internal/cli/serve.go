package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/linkcache"
	"github.com/dossier-dev/dossier/internal/serve"
)

// runServe previews the site: it serves it from memory, rebuilds on every
// save and reloads the open pages, until interrupted.
func runServe(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", stderr)
	var f folders
	f.register(fs, true)
	htmlTemplate := fs.Bool("html-template", false, "run the templates on html/template alone, more slowly, not on dossier's faster executor (see Restyling in the README)")
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on; keep it on loopback unless you mean to share the preview")
	open := fs.Bool("open", false, "open the site in the browser")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Without a cache folder the documents are parsed at each start, as
	// a first start parses them.
	cache, _ := linkcache.File(f.content)
	err = serve.Run(ctx, serve.Config{
		Build:     build.Options{Content: f.content, Templates: f.templates, Static: f.static, HTMLTemplate: *htmlTemplate},
		Addr:      *addr,
		Open:      *open,
		LinkCache: cache,
		Stdout:    stdout,
		Stderr:    stderr,
	})
	// An address that cannot be listened on is the caller's to change,
	// like any other bad flag; one line names it, without the flag list.
	var bad *serve.ListenError
	if errors.As(err, &bad) {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), bad)
		return errUsage
	}
	return err
}
