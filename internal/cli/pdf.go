package cli

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/dossier-dev/dossier/internal/browser"
	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/pdf"
)

// runPDF builds the site into a temporary folder and prints the print
// edition, or one theme's brief, to a PDF file through headless Chromium.
func runPDF(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("pdf", stderr)
	var f folders
	f.register(fs, true)
	htmlTemplate := fs.Bool("html-template", false, "run the templates on html/template alone, more slowly, not on dossier's faster executor (see Restyling in the README)")
	out := fs.String("out", "briefing.pdf", "the PDF file to write")
	theme := fs.String("theme", "", "print this theme's brief instead of the whole briefing")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}
	start := time.Now()
	// Look for the browser first: without one, building would be wasted.
	chromium, err := browser.Find()
	if err != nil {
		return err
	}
	res, diags, err := build.New(build.Options{Content: f.content, Templates: f.templates, Static: f.static, HTMLTemplate: *htmlTemplate, OneShot: true}).Site()
	if err != nil {
		return err
	}
	if err := failed(diags); err != nil {
		return err
	}
	page := layout.Print()
	if *theme != "" {
		var slugs []string
		for _, t := range res.Index.Themes {
			slugs = append(slugs, t.Slug)
		}
		if !slices.Contains(slugs, *theme) {
			return usageError(stderr, fs, "unknown theme %q (themes: %s)", *theme, strings.Join(slugs, ", "))
		}
		page = layout.Brief(*theme)
	}

	tmp, err := os.MkdirTemp("", "dossier-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	// The site is streamed to disk as it is made, not held in memory:
	// the print edition of a large dossier is over 100 MB.
	site := filepath.Join(tmp, "site")
	stage, err := output.NewStage(site)
	if err != nil {
		return err
	}
	if diags, err := res.Site.To(stage); err != nil || len(diags) > 0 {
		stage.Abort()
		return cmp.Or(err, failed(diags))
	}
	if _, err := stage.Commit(); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(page))); err != nil {
		return fmt.Errorf("the templates made no %s to print", page)
	}
	// Ctrl-C stops Chromium and removes the temporary site.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	printed, err := pdf.Print(ctx, filepath.Join(site, filepath.FromSlash(page)), pdf.Options{Chromium: chromium})
	if err != nil {
		return err
	}
	if err := writeFileAtomic(*out, printed.PDF); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %d pages in %s\n", *out, printed.Pages, time.Since(start).Round(time.Millisecond))
	return nil
}

// writeFileAtomic writes data to path through a temporary file in the same
// folder, so that a failed run never leaves half a PDF behind.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
