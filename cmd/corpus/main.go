// Command corpus writes a synthetic dossier of N generated notes that cite
// the shipped sources, for benchmarks and for comparing dossier with Hugo:
//
//	go run ./cmd/corpus -notes 10000 -out /tmp/c10k [-hugo /tmp/h10k] [-seed 1] [-shipped content]
//
// -out receives a dossier content folder (build it with
// `dossier build --content DIR`); -hugo, if given, receives the same prose
// as a Hugo site (build it with `hugo --source DIR`). Both folders must be
// missing or empty. See scripts/compare-hugo.sh.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}
