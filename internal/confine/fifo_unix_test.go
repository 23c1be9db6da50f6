//go:build unix

package confine

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe with no writer is refused at once, not read forever, and
// so is a link to one.
func TestNamedPipeIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "p"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("p", filepath.Join(dir, "l")); err != nil {
		t.Fatal(err)
	}
	f := Open(dir, "static")
	defer f.Close()
	for _, name := range []string{"p", "l"} {
		done := make(chan error, 1)
		go func() {
			_, err := f.ReadFile(name)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("ReadFile(%s) = %v; want ErrNotRegular", name, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("ReadFile(%s) blocks", name)
		}
	}
}
