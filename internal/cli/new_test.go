package cli

import (
	"cmp"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// new note names the file after the title's letters, whatever their
// script and accents, and within the file system's limits.
func TestNewNoteNamesTheFileAfterTheTitle(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("Collective Security Treaty Organization exercise ", 12))
	tests := []struct {
		title string
		file  string // in notes/; "" for none
		code  int
		err   string
	}{
		{title: "Kŭlob airfield", file: "kulob-airfield.md"},
		{title: "Šymkent", file: "symkent.md"},
		{title: "The CSTO’s 2022 Mission", file: "the-cstos-2022-mission.md"},
		{title: "Организация Договора о коллективной безопасности", file: "organizatsiya-dogovora-o-kollektivnoy-bezopasnosti.md"},
		{title: "Łódź, Straße", file: "lodz-strasse.md"},
		// 587 bytes of title; a file name may have 255.
		{title: long, file: "collective-security-treaty-organization-exercise-collective-security-treaty.md"},
		{title: "東京", code: exitUsage, err: `dossier new: the title "東京" has no Latin or Cyrillic letters or digits to make a file name from` + "\n"},
	}
	for _, tt := range tests {
		t.Run(cmp.Or(tt.file, "none"), func(t *testing.T) {
			content := copySite(t)
			before := snapshot(t, content)
			code, stdout, stderr := run(t, "new", "note", tt.title, "--content", content)
			if code != tt.code || tt.err != "" && !strings.HasPrefix(stderr, tt.err) {
				t.Fatalf("exit %d, stderr %q; want exit %d, %q", code, stderr, tt.code, tt.err)
			}
			after := snapshot(t, content)
			if tt.file == "" {
				if !maps.Equal(before, after) {
					t.Errorf("files changed: %v", slices.Sorted(maps.Keys(after)))
				}
				return
			}
			path := filepath.Join(content, "notes", tt.file)
			if stdout != path+"\n" {
				t.Errorf("stdout %q, want %q", stdout, path+"\n")
			}
			delete(after, path)
			if !maps.Equal(before, after) {
				t.Errorf("files besides %s changed: %v", tt.file, slices.Sorted(maps.Keys(after)))
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if want := "title: " + yamlString(tt.title) + "\n"; !strings.Contains(string(data), want) {
				t.Errorf("the note does not keep the whole title %q:\n%s", want, data)
			}
			if code, stdout, stderr := run(t, "check", "--content", content); code != 0 {
				t.Errorf("check fails on the new note: exit %d\n%s%s", code, stdout, stderr)
			}
		})
	}
}
