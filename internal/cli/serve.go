package cli

import (
	"io"
)

func runServe(args []string, stdout, stderr io.Writer) error {
	return nil
}
