package cli

import (
	"fmt"
	"io"

	"github.com/dossier-dev/dossier/internal/build"
)

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	var f folders
	f.register(fs, true)
	verbose := fs.Bool("v", false, "also list, for each source, the lines that cleaning removed")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}
	b := build.New(build.Options{Content: f.content, Templates: f.templates, Static: f.static})
	res, diags, err := b.Build()
	if err != nil {
		return err
	}
	if err := failed(diags); err != nil {
		return err
	}
	c := res.Index.Content
	if *verbose {
		for _, s := range c.Sources {
			fmt.Fprintf(stdout, "%s: %d passages, %d footnotes, %d lines removed\n", s.Path, len(s.Passages), len(s.Footnotes), len(s.Removed))
			for _, r := range s.Removed {
				fmt.Fprintf(stdout, "%s:%d: removed (%s): %s\n", s.Path, s.BodyLine+r.Line-1, r.Reason, r.Text)
			}
		}
	}
	fmt.Fprintf(stdout, "ok: %d sources, %d notes, %d themes, %d entities, %d citations, %d events\n",
		len(c.Sources), len(c.Notes), len(c.Themes), len(c.Entities), len(res.Index.Citations), len(res.Index.Events))
	return nil
}
