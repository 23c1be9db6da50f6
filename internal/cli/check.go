package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/gcpace"
	"github.com/dossier-dev/dossier/internal/linkcheck"
	"github.com/dossier-dev/dossier/internal/site"
)

// runCheck runs the pipeline without writing and reports every problem.
//
// With --output DIR it also checks a built site in DIR with the link
// checker: every internal link and #anchor must resolve and every page
// must parse as HTML. The content checks run too, so one command vets
// both what was written and what would be built; they are skipped only
// when --content was not given and no content folder is there, which is
// how a published folder gets checked on its own (say, in a deploy job
// that has only the output).
func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	var f folders
	f.register(fs, true)
	htmlTemplate := fs.Bool("html-template", false, "run the templates on html/template alone, more slowly, not on dossier's faster executor (see Restyling in the README)")
	verbose := fs.Bool("v", false, "also list, for each source, the lines that cleaning removed, and the templates that run more slowly on html/template")
	outDir := fs.String("output", "", "also check the built site in this folder: every internal link and #anchor must resolve, every page must parse as HTML")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}

	var problems site.Diagnostics
	if *outDir == "" || isSet(fs, "content") || exists(f.content) {
		diags, err := checkContent(f, *verbose, *htmlTemplate, stdout)
		if err != nil {
			return err
		}
		problems = append(problems, diags...)
	} else {
		fmt.Fprintf(stdout, "no content folder %q: checking %s only\n", f.content, *outDir)
	}
	if *outDir != "" {
		diags, err := checkOutput(*outDir, stdout)
		if err != nil {
			return err
		}
		problems = append(problems, diags...)
	}
	problems.Sort()
	return failed(problems)
}

// checkContent renders every page, so that a template failing on any of
// them is found, and returns the content errors. The pages are thrown
// away as they are made: at 10,000 notes, keeping them took 460 MB.
func checkContent(f folders, verbose, htmlTemplate bool, stdout io.Writer) (site.Diagnostics, error) {
	defer gcpace.Reading()()
	b := build.New(build.Options{Content: f.content, Templates: f.templates, Static: f.static, OneShot: true, HTMLTemplate: htmlTemplate, Rendering: gcpace.Rendering})
	res, diags, err := b.BuildTo(discard{})
	if err != nil || len(diags) > 0 {
		return diags, err
	}
	c := res.Index.Content
	if verbose {
		slow := res.Site.SlowTemplates()
		for _, name := range slices.Sorted(maps.Keys(slow)) {
			fmt.Fprintf(stdout, "%s (with base.html and partials.html): runs on html/template, more slowly: %v\n", filepath.Join(f.templates, name), slow[name])
		}
		for _, s := range c.Sources {
			fmt.Fprintf(stdout, "%s: %d passages, %d footnotes, %d lines removed\n", s.Path, len(s.Passages), len(s.Footnotes), len(s.Removed))
			for _, r := range s.Removed {
				fmt.Fprintf(stdout, "%s:%d: removed (%s): %s\n", s.Path, s.BodyLine+r.Line-1, r.Reason, r.Text)
			}
		}
	}
	fmt.Fprintf(stdout, "ok: %d sources, %d notes, %d themes, %d entities, %d citations, %d events\n",
		len(c.Sources), len(c.Notes), len(c.Themes), len(c.Entities), len(res.Index.Citations), len(res.Index.Events))
	return nil, nil
}

// checkOutput runs the link checker over the built site in dir and returns
// its problems, each placed at dir/path:line:col.
func checkOutput(dir string, stdout io.Writer) (site.Diagnostics, error) {
	if fi, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("--output %s: not a folder", dir)
	}
	files, err := linkcheck.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	rep := linkcheck.Check(files, linkcheck.Options{})
	var diags site.Diagnostics
	for _, p := range rep.Problems {
		pos := site.Pos{Path: filepath.Join(dir, filepath.FromSlash(p.Path)), Line: p.Line, Col: p.Col}
		diags = append(diags, site.Diagnostic{Pos: pos, Message: p.Message})
	}
	if len(diags) == 0 {
		fmt.Fprintf(stdout, "ok: %s: %d pages, %d internal links, %d external URLs not checked\n", dir, rep.Pages, rep.Links, rep.External)
	}
	return diags, nil
}

// isSet reports whether the flag name was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return !errors.Is(err, os.ErrNotExist)
}

// discard is a sink that makes each file and keeps none.
type discard struct{}

func (discard) Put(string, []byte) error { return nil }

func (discard) Stream(_ string, write func(io.Writer) error) error { return write(io.Discard) }
