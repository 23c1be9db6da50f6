package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/starter"
)

// init writes the starter dossier into a new or empty folder, and the
// dossier builds and checks at once; it refuses a content folder that
// holds anything, and then changes nothing.
func TestInitStartsADossierThatBuilds(t *testing.T) {
	tests := []struct {
		name string
		// setup makes the folder under root and returns the folder to
		// pass to init, or "" to run init without one inside root.
		setup func(t *testing.T, root string) string
		code  int
		err   string // stderr, with ROOT for the temp folder
	}{
		{name: "new folder", setup: func(t *testing.T, root string) string {
			return filepath.Join(root, "briefs", "vesna")
		}},
		{name: "existing empty folder", setup: func(t *testing.T, root string) string {
			return root
		}},
		{name: "empty content folder", setup: func(t *testing.T, root string) string {
			mkdir(t, filepath.Join(root, "content"))
			return root
		}},
		{name: "current folder", setup: func(t *testing.T, root string) string {
			t.Chdir(root)
			return ""
		}},
		{name: "existing .gitignore is kept", setup: func(t *testing.T, root string) string {
			writeFile(t, filepath.Join(root, ".gitignore"), "node_modules/\n")
			return root
		}},
		{name: "content not empty", setup: func(t *testing.T, root string) string {
			writeFile(t, filepath.Join(root, "content", "notes", "mine.md"), "---\ntitle: Mine\n---\n")
			return root
		}, code: exitUsage, err: "dossier init: ROOT/content already exists and is not empty; init starts a dossier only where there is none\n"},
		{name: "content is a file", setup: func(t *testing.T, root string) string {
			writeFile(t, filepath.Join(root, "content"), "not a folder\n")
			return root
		}, code: exitUsage, err: "dossier init: ROOT/content exists and is not a folder; init starts a dossier only where there is none\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dir := tt.setup(t, root)
			args := []string{"init"}
			if dir != "" {
				args = append(args, dir)
			}
			gitignore, err := os.ReadFile(filepath.Join(root, ".gitignore"))
			hadGitignore := err == nil
			before := treeHash(t, root)
			code, stdout, stderr := run(t, args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr)
			}
			if tt.code != exitOK {
				if want := strings.ReplaceAll(tt.err, "ROOT", root); stderr != want {
					t.Errorf("stderr %q, want %q", stderr, want)
				}
				if stdout != "" {
					t.Errorf("stdout %q, want nothing", stdout)
				}
				if after := treeHash(t, root); after != before {
					t.Error("a refused init changed the folder")
				}
				return
			}
			if dir == "" {
				dir = "."
			}
			if hadGitignore {
				if data, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(data) != string(gitignore) {
					t.Errorf(".gitignore was changed to %q", data)
				}
				if !strings.Contains(stdout, filepath.Join(dir, ".gitignore")+" was there already") {
					t.Errorf("stdout does not say the .gitignore was kept:\n%s", stdout)
				}
			}
			checkStarterWritten(t, dir, hadGitignore)
			for _, want := range []string{filepath.Join(dir, "content", "dossier.yaml"), "dossier serve", "dossier add report.pdf", `dossier new note "Title"`} {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout does not mention %q:\n%s", want, stdout)
				}
			}
			// There is no folder to change to when init ran in the current one.
			if cd := "  cd " + dir + "\n"; strings.Contains(stdout, cd) != (dir != ".") {
				t.Errorf("stdout has %q only when init was given a folder:\n%s", cd, stdout)
			}

			content, out := filepath.Join(dir, "content"), filepath.Join(dir, "build")
			if code, _, stderr := run(t, "build", "--content", content, "--out", out); code != exitOK {
				t.Fatalf("build of the new dossier: exit %d:\n%s", code, stderr)
			}
			if code, _, stderr := run(t, "check", "--content", content, "--output", out); code != exitOK {
				t.Fatalf("check of the new dossier: exit %d:\n%s", code, stderr)
			}
			index, err := os.ReadFile(filepath.Join(out, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			// The summary's quote citations were verified against the
			// example source, or they would have no mark linking to a
			// passage.
			mark := regexp.MustCompile(`<a class="cite-mark" href="sources/example-2024/index.html#p-[0-9a-f]+-q[0-9]+-[0-9]+"[^>]*>Example 2024 ¶\d+</a>`)
			if !mark.Match(index) {
				t.Errorf("index.html has no verified citation mark of the example source")
			}
		})
	}
}

// checkStarterWritten checks that every starter file is in dir as it is
// in the starter, .gitignore too unless the folder had its own.
func checkStarterWritten(t *testing.T, dir string, keptGitignore bool) {
	t.Helper()
	err := fs.WalkDir(starter.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || keptGitignore && name == starterGitignore {
			return err
		}
		want, _ := fs.ReadFile(starter.FS, name)
		got, err := os.ReadFile(filepath.Join(dir, starterPath(name)))
		if err != nil {
			t.Errorf("missing %s: %v", starterPath(name), err)
		} else if string(got) != string(want) {
			t.Errorf("%s differs from the starter's %s", starterPath(name), name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ignore, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
	if !keptGitignore && !regexp.MustCompile(`(?m)^build/$`).Match(ignore) {
		t.Errorf(".gitignore does not ignore build/:\n%s", ignore)
	}
}

// treeHash hashes the names, kinds and contents of everything under dir,
// empty folders included.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		h.Write([]byte(rel + "\x00" + d.Type().String() + "\x00"))
		if d.Type().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		h.Write([]byte{0})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	mkdir(t, filepath.Dir(path))
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
