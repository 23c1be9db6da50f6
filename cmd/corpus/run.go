package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/dossier-dev/dossier/internal/corpus"
)

// run parses args, writes the requested folders and returns the exit
// status: 0 on success, 1 if writing failed, 2 for bad usage.
func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	notes := fs.Int("notes", 1000, "number of notes to generate")
	out := fs.String("out", "", "folder to write the dossier content to (required)")
	hugo := fs.String("hugo", "", "folder to write the same prose to as a Hugo site")
	seed := fs.Uint64("seed", 1, "seed; the same seed writes the same corpus")
	shipped := fs.String("shipped", "content", "shipped content folder to draw sources, themes, entities and quotes from")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: corpus -notes N -out DIR [-hugo DIR] [-seed N] [-shipped content]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || *notes < 1 || fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	for _, dir := range []string{*out, *hugo} {
		if dir == "" {
			continue
		}
		if err := checkEmpty(dir); err != nil {
			fmt.Fprintf(stderr, "corpus: %v\n", err)
			return 2
		}
	}
	c, err := corpus.New(corpus.Options{Shipped: *shipped, Notes: *notes, Seed: *seed})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := c.Write(*out); err != nil {
		fmt.Fprintf(stderr, "corpus: write %s: %v\n", *out, err)
		return 1
	}
	if *hugo != "" {
		if err := c.WriteHugo(*hugo); err != nil {
			fmt.Fprintf(stderr, "corpus: write hugo site %s: %v\n", *hugo, err)
			return 1
		}
	}
	return 0
}

// checkEmpty refuses a folder that holds anything, so that notes left
// from a larger corpus cannot end up in a smaller one.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}
