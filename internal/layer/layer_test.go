package layer

import (
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
