package confine

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

// readAll must read everything whatever size it was told, as a file
// that grows or shrinks between its stat and its read does.
func TestReadAll(t *testing.T) {
	for _, tt := range []struct {
		text string
		size int64
	}{
		{"", 0},
		{"exact", 5},
		{"shorter than said", 100},
		{"longer than said, so the slice must grow", 4},
		{strings.Repeat("x", 10_000), 0},
	} {
		// One byte a read, as slow pipes and some file systems give.
		got, err := readAll(iotest.OneByteReader(strings.NewReader(tt.text)), tt.size)
		if err != nil || string(got) != tt.text {
			t.Errorf("readAll(%.20q, %d) = %.20q, %v", tt.text, tt.size, got, err)
		}
		got, err = readAll(strings.NewReader(tt.text), tt.size)
		if err != nil || string(got) != tt.text {
			t.Errorf("readAll(%.20q, %d) in one read = %.20q, %v", tt.text, tt.size, got, err)
		}
		if int64(len(tt.text)) == tt.size && cap(got) != len(got)+1 {
			t.Errorf("readAll(%.20q, %d): capacity %d, want %d", tt.text, tt.size, cap(got), len(got)+1)
		}
	}
}

func TestReadFileInfoStatsWhatItReads(t *testing.T) {
	dir := t.TempDir()
	want := bytes.Repeat([]byte("words "), 1000)
	if err := os.WriteFile(filepath.Join(dir, "a.md"), want, 0o644); err != nil {
		t.Fatal(err)
	}
	f := Open(dir, "content")
	defer f.Close()
	data, info, err := f.ReadFileInfo("a.md")
	if err != nil || !bytes.Equal(data, want) {
		t.Fatalf("ReadFileInfo = %d bytes, %v", len(data), err)
	}
	if info == nil || info.Size() != int64(len(want)) || info.Name() != "a.md" {
		t.Errorf("info = %v, want a.md of %d bytes", info, len(want))
	}
	if _, info, err := f.ReadFileInfo("missing.md"); err == nil || info != nil {
		t.Errorf("missing file: info %v, err %v", info, err)
	}
}
