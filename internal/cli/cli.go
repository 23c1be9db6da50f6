// Package cli is the dossier command line: it parses arguments, runs the
// pipeline and maps outcomes to exit codes (0 success, 1 content errors
// or a failed run, 2 bad usage or an output folder it must not write
// to). It is the only package that prints.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/site"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	programName = "dossier"
)

const usage = `dossier turns sources and analyst notes into a cross-linked briefing site.

Usage:
  dossier init [DIR]
  dossier add FILE... [--key KEY] [--content content]
  dossier clean FILE [--json]
  dossier build [--content content] [--templates templates] [--static static] [--out build]
  dossier serve [--content content] [--templates templates] [--static static] [--addr 127.0.0.1:8080] [--open]
  dossier check [--content content] [-v] [--output DIR]
  dossier audit [--content content] [--strict]
  dossier changes --since OLD/edition.json [--content content]
  dossier new note "Title of the note" [--content content]
  dossier pdf [--content content] [--templates templates] [--static static] [--out briefing.pdf] [--theme slug]

Run "dossier <command> -h" for a command's flags.
`

// errUsage marks a mistake in how the command was called.
var errUsage = errors.New("usage")

// Run runs the command line args (without the program name) and returns
// the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "init":
		err = runInit(args[1:], stdout, stderr)
	case "build":
		err = runBuild(args[1:], stdout, stderr)
	case "check":
		err = runCheck(args[1:], stdout, stderr)
	case "serve":
		err = runServe(args[1:], stdout, stderr)
	case "add":
		err = runAdd(args[1:], stdout, stderr)
	case "clean":
		err = runClean(args[1:], stdout, stderr)
	case "audit":
		err = runAudit(args[1:], stdout, stderr)
	case "changes":
		err = runChanges(args[1:], stdout, stderr)
	case "new":
		err = runNew(args[1:], stdout, stderr)
	case "pdf":
		err = runPDF(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "%s: unknown command %q\n\n%s", programName, args[0], usage)
		return exitUsage
	}
	var diags site.Diagnostics
	var refused *output.RefusedError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		return exitUsage
	case errors.As(err, &refused):
		fmt.Fprintf(stderr, "%s %s: %v\n", programName, args[0], err)
		return exitUsage
	case errors.As(err, &diags):
		for _, d := range diags {
			fmt.Fprintln(stderr, d.Error())
		}
		fmt.Fprintf(stderr, "%s: %d %s\n", programName, len(diags), plural(len(diags), "error", "errors"))
		return exitFailed
	}
	fmt.Fprintf(stderr, "%s: %v\n", programName, err)
	return exitFailed
}

// folders are the flags every pipeline command shares.
type folders struct {
	content, templates, static string
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(programName+" "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func (f *folders) register(fs *flag.FlagSet, withTheme bool) {
	fs.StringVar(&f.content, "content", "content", "the content folder")
	if withTheme {
		fs.StringVar(&f.templates, "templates", "templates", "templates that override the built-in ones, file by file")
		fs.StringVar(&f.static, "static", "static", "static files that override the built-in ones, file by file")
	}
}

// parse parses flags, allowing them before and after positional
// arguments, and turns flag errors into usage errors.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func usageError(stderr io.Writer, fs *flag.FlagSet, format string, a ...any) error {
	fmt.Fprintf(stderr, "%s: %s\n", fs.Name(), fmt.Sprintf(format, a...))
	fs.Usage()
	return errUsage
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// failed turns diagnostics into the error that fails a run.
func failed(diags site.Diagnostics) error {
	if len(diags) > 0 {
		return diags
	}
	return nil
}
