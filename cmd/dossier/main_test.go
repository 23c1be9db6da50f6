package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dossier-dev/dossier/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the files in the scripts that cmp stdout or stderr against, then review the diff")

// TestMain lets the scripts run "dossier" as a command: testscript
// re-executes this test binary under that name, which calls cli.Run as
// main does.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dossier": func() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs each testdata/script/*.txtar: the files a user has,
// the dossier commands they type, and what they see. Run with
// -testwork to keep the work folders, or -run TestScripts/NAME for one.
//
// Besides testscript's own commands and conditions, scripts have the
// command exits, and the condition [ci], true under CI=true: a script
// that needs a program skips without it, [!exec:chromium] [!ci] skip,
// but fails in CI, which installs it (.ci/run).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"exits": exits},
		Condition: func(cond string) (bool, error) {
			if cond == "ci" {
				return os.Getenv("CI") == "true", nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// exits runs "exits CODE PROGRAM [ARGS...]": PROGRAM must exit with
// status CODE, and its stdout and stderr are kept for stdout, stderr and
// cmp, as after exec. It tells a usage error (2) from a content error (1),
// which "! exec" cannot.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: CODE %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exits: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
