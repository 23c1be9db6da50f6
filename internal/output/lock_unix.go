//go:build unix

package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive advisory lock on the folder dir, held until
// the returned function is called, so that another build does not clear
// it away as a leftover.
func lock(dir string) (func(), error) {
	unlock, ok := tryLock(dir)
	if !ok {
		return nil, &os.PathError{Op: "lock", Path: dir, Err: unix.EWOULDBLOCK}
	}
	return unlock, nil
}

// tryLock takes the lock on dir if no one holds it.
func tryLock(dir string) (func(), bool) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil, false
	}
	return func() { f.Close() }, true
}
