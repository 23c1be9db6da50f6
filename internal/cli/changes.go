package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/edition"
)

// runChanges compares the dossier in --content with an earlier edition,
// the edition.json a build of it wrote, and prints what changed (see
// edition.Write for the format).
//
// The current content need not build: a quote whose words left its
// source is a content error that check and build report, and here it is
// quote drift, the very thing to report. So only content that cannot be
// loaded fails the command; other errors are counted on stderr.
func runChanges(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("changes", stderr)
	var f folders
	f.register(fs, false)
	since := fs.String("since", "", "the edition.json of the earlier edition to compare with (required)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}
	if *since == "" {
		return usageError(stderr, fs, "--since OLD/edition.json is required")
	}
	data, err := os.ReadFile(*since)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("--since %s: %w", *since, err)
	}
	old, err := edition.Decode(data)
	if err != nil {
		var de *edition.DecodeError
		if errors.As(err, &de) && de.Line > 0 {
			return fmt.Errorf("%s:%v", *since, err)
		}
		return fmt.Errorf("%s: %v", *since, err)
	}
	idx, diags := build.New(build.Options{Content: f.content, OneShot: true}).Resolve()
	if idx == nil {
		return failed(diags)
	}
	if err := edition.Write(stdout, edition.Compare(old, edition.Of(idx))); err != nil {
		return err
	}
	if len(diags) > 0 {
		fmt.Fprintf(stderr, "%s changes: the content has %d %s now (dossier check lists %s)\n", programName, len(diags), plural(len(diags), "error", "errors"), plural(len(diags), "it", "them"))
	}
	return nil
}
