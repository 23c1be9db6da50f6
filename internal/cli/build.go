package cli

import (
	"fmt"
	"io"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/output"
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	var f folders
	f.register(fs, true)
	out := fs.String("out", "build", "the output folder, replaced as a whole")
	rest, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usageError(stderr, fs, "unexpected argument %q", rest[0])
	}
	start := time.Now()
	res, diags, err := build.New(build.Options{Content: f.content, Templates: f.templates, Static: f.static, OneShot: true}).Build()
	if err != nil {
		return err
	}
	if err := failed(diags); err != nil {
		return err
	}
	stats, err := output.Write(*out, res.Files)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "built %s: %d files (%d written, %d unchanged) in %s\n",
		*out, len(res.Files), stats.Written, stats.Unchanged, time.Since(start).Round(time.Millisecond))
	return nil
}
