package watch

import "testing"

func TestIgnored(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		// Content and templates a user writes.
		{"x.md", false},
		{"comillas-2015.txt", false},
		{"dossier.yaml", false},
		{"page.html", false},
		{"base.tmpl", false}, // a template, not a temporary
		{"style.css", false},
		{"notes", false},
		{"2024", false},
		{"49130", false},
		{"x.md.tmpl", false},
		{"x.tmp.md", false},
		{"tmp", false},
		{"backup", false},
		{"a#b", false},
		{"", false},

		// Dotfiles and dot-folders.
		{".git", true},
		{".DS_Store", true},
		{".foo.md.swp", true},
		{".x.md.tmp123", true},
		{".#x.md", true}, // emacs lock
		{".", true},

		// Vim.
		{"x.md.swp", true},
		{"x.md.swo", true},
		{"x.md.swn", true},
		{"x.md.swx", true},
		{"4913", true},

		// Backups and temporaries.
		{"x.md~", true},
		{"#x.md#", true},
		{"x.md.bak", true},
		{"X.MD.BAK", true},
		{"x.md.tmp", true},
		{"x.md.TMP", true},
		{"x.md.tmp123", true},
		{"x.md___jb_tmp___", true},
		{"x.md___jb_old___", true},
		{"~$report.docx", true},
	}
	for _, tt := range tests {
		if got := Ignored(tt.name); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
