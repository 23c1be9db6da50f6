// Command dossier builds, checks and serves an annotated briefing
// dossier. See README.md.
package main

import (
	"os"

	"github.com/dossier-dev/dossier/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
