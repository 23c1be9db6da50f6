package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeAtomically swaps the names a and b with renameat2's
// RENAME_EXCHANGE (Linux 3.15; not every file system has it).
func exchangeAtomically(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}
