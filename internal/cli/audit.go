package cli

import (
	"fmt"
	"io"

	"github.com/dossier-dev/dossier/internal/audit"
	"github.com/dossier-dev/dossier/internal/build"
)

// runAudit prints the evidence audit: its warnings and the coverage of
// each source, sorted by position. Warnings do not fail the run unless
// --strict is given; content errors fail it as they fail check.
func runAudit(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("audit", stderr)
	var f folders
	f.register(fs, false)
	strict := fs.Bool("strict", false, "exit 1 when the audit warns (the coverage report does not count)")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}
	idx, diags := build.New(build.Options{Content: f.content, OneShot: true}).Resolve()
	if len(diags) > 0 {
		return diags
	}
	r := audit.Run(idx, audit.Options{})
	warnings := r.Warnings()
	lines := append(warnings, r.CoverageReport()...)
	lines.Sort()
	for _, d := range lines {
		fmt.Fprintln(stdout, d.Error())
	}
	fmt.Fprintf(stdout, "audit: %d %s, %d judgements, %d notes\n", len(warnings), plural(len(warnings), "warning", "warnings"), len(r.Judgements), len(r.Notes))
	if *strict && len(warnings) > 0 {
		return fmt.Errorf("audit --strict: %d %s", len(warnings), plural(len(warnings), "warning", "warnings"))
	}
	return nil
}
