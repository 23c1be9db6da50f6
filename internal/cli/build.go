package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/gcpace"
	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/output"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	var f folders
	f.register(fs, true)
	htmlTemplate := fs.Bool("html-template", false, "run the templates on html/template alone, more slowly, not on dossier's faster executor (see Restyling in the README)")
	out := fs.String("out", "build", "the output folder: an empty or new folder, or one an earlier build wrote; files dossier did not write there are left alone")
	baseURL := fs.String("base-url", "", "the absolute URL the site is published at, for sitemap.xml, feed.xml and robots.txt (overrides base_url in dossier.yaml)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}
	if *out == "" {
		return usageError(stderr, fs, "--out needs a folder")
	}
	if *baseURL != "" && !load.ValidBaseURL(*baseURL) {
		return usageError(stderr, fs, "--base-url %q is not an absolute http or https URL such as https://example.org/dossier", *baseURL)
	}
	defer gcpace.Reading()()
	start := time.Now()
	stage, err := output.NewStage(*out, f.content, f.templates, f.static)
	if err != nil {
		return err
	}
	_, diags, err := build.New(build.Options{Content: f.content, Templates: f.templates, Static: f.static, BaseURL: *baseURL, OneShot: true, HTMLTemplate: *htmlTemplate, Rendering: gcpace.Rendering}).BuildTo(stage)
	if err == nil {
		err = failed(diags)
	}
	if err != nil {
		stage.Abort()
		return err
	}
	stats, err := stage.Commit()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s: %d files (%d written, %d unchanged, %d removed) in %s\n",
		*out, stats.Written+stats.Unchanged, stats.Written, stats.Unchanged, stats.Removed, time.Since(start).Round(time.Millisecond))
	if len(stats.Kept) > 0 {
		fmt.Fprintf(stdout, "left alone %d %s that dossier did not write: %s\n",
			stats.KeptFiles, plural(stats.KeptFiles, "file", "files"), strings.Join(stats.Kept, ", "))
	}
	return nil
}
