package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// exchange puts the staged site in dir's place; afterwards staging holds
// the previous site, if there was one. Where the OS can, the two are
// swapped in one atomic step, so that dir never goes missing.
func exchange(dir, staging string) error {
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(staging, dir); err != nil {
			return fmt.Errorf("output: %w", err)
		}
		return nil
	}
	err := exchangeAtomically(staging, dir)
	if errors.Is(err, errNoExchange) {
		err = exchangeByRenames(dir, staging)
	}
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// errNoExchange says the OS or file system has no atomic exchange.
var errNoExchange = errors.New("no atomic exchange here")

// exchangeByRenames moves dir aside into an old folder, which it removes
// once staging is moved in. A build killed between the first two
// renames leaves no dir; the next one restores it from the old folder
// (see clearLeftovers).
func exchangeByRenames(dir, staging string) error {
	old, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+oldInfix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(old)
	unlock, err := lock(old)
	if err != nil {
		return err
	}
	defer unlock()
	site := filepath.Join(old, "site")
	if err := os.Rename(dir, site); err != nil {
		return err
	}
	if err := os.Rename(staging, dir); err != nil {
		if rerr := os.Rename(site, dir); rerr != nil {
			return fmt.Errorf("%w (and restoring the previous output failed: %v)", err, rerr)
		}
		return err
	}
	return nil
}
