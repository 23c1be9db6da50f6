package layer

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"
)

func TestUpperLayerOverridesFileByFile(t *testing.T) {
	site := fstest.MapFS{"base.html": {Data: []byte("site base")}}
	builtin := fstest.MapFS{
		"base.html": {Data: []byte("builtin base")},
		"note.html": {Data: []byte("builtin note")},
	}
	l := FS{site, builtin}
	for name, want := range map[string]string{"base.html": "site base", "note.html": "builtin note"} {
		got, err := fs.ReadFile(l, name)
		if err != nil || string(got) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	entries, err := fs.ReadDir(l, ".")
	if err != nil || len(entries) != 2 || entries[0].Name() != "base.html" || entries[1].Name() != "note.html" {
		t.Errorf("ReadDir = %v, %v; want base.html and note.html once each", entries, err)
	}
	if _, err := l.Open("missing.html"); err == nil {
		t.Error("Open(missing.html) succeeded")
	}
}

// A layer that has a name but cannot open it must not let a lower layer
// answer in its place.
func TestUpperLayerFailureIsNotHidden(t *testing.T) {
	refused := errors.New("refused")
	l := FS{failing{refused}, fstest.MapFS{"base.html": {Data: []byte("builtin base")}}}
	if _, err := fs.ReadFile(l, "base.html"); !errors.Is(err, refused) {
		t.Errorf("ReadFile(base.html) = %v; want the upper layer's error", err)
	}
}

// failing is a file system that fails every Open with err.
type failing struct{ err error }

func (f failing) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: f.err}
}
