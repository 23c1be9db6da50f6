package watch

import "strings"

// Ignored reports whether a file or folder with the given base name is noise
// that must never trigger a rebuild nor be watched. It is the single ignore
// rule of the package, applied to every path component below a root.
//
// Ignored are:
//   - dotfiles and dot-folders (".git", ".DS_Store", ".x.md.swp", ".#x.md"
//     emacs locks, ".x.md.tmp123" atomic-save temporaries): editors and
//     version control keep their state there;
//   - vim swap files ("*.swp", "*.swo", "*.swn", "*.swx") and vim's
//     write-permission probe "4913";
//   - backups and temporaries: "*~", "#*#" (emacs auto-save), "*.bak",
//     "*.tmp", "*.tmp<digits>" (atomic writers that append a random number),
//     JetBrains safe-write files ("*___jb_tmp___", "*___jb_old___") and
//     office lock files ("~$*").
//
// Suffixes are matched case-insensitively because some tools upper-case them
// (FOO.TMP, X.BAK). ".tmpl" (a template) is deliberately not ignored.
func Ignored(name string) bool {
	if name == "" {
		return false
	}
	if name[0] == '.' || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "~$") {
		return true
	}
	if len(name) >= 2 && name[0] == '#' && name[len(name)-1] == '#' {
		return true
	}
	if name == "4913" {
		return true
	}
	lower := strings.ToLower(name)
	for _, suffix := range []string{".swp", ".swo", ".swn", ".swx", ".bak", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	// "x.md.tmp123": the temporary an atomic writer renames over x.md.
	if i := strings.LastIndex(lower, ".tmp"); i >= 0 && allDigits(lower[i+len(".tmp"):]) {
		return true
	}
	return false
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
