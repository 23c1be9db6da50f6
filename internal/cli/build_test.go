package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The output folder cases of issue 11: each runs build in-process on a
// scratch project and checks the exit code, the exact message, and that
// a refused or failed build changed nothing on disk.
func TestBuildOutputFolderCases(t *testing.T) {
	cases := []struct {
		name   string
		setup  func(t *testing.T, project string) // before the build; content is project/content
		args   []string                           // after "build"; PROJECT is replaced
		code   int
		stderr string // exact, with PROJECT replaced
		stdout string // a line it must contain
	}{
		{
			name: "the folder that holds the content and an index.html",
			setup: func(t *testing.T, project string) {
				os.WriteFile(filepath.Join(project, "index.html"), []byte("<h1>mine</h1>"), 0o644)
			},
			args:   []string{"--content", "PROJECT/content", "--out", "PROJECT"},
			code:   2,
			stderr: "dossier build: refusing to write the site to PROJECT: it contains PROJECT/content, a folder the site is built from\n",
		},
		{
			name:   "the content folder",
			args:   []string{"--content", "PROJECT/content", "--out", "PROJECT/content"},
			code:   2,
			stderr: "dossier build: refusing to write the site to PROJECT/content: it is PROJECT/content, a folder the site is built from\n",
		},
		{
			name:   "inside the content folder",
			args:   []string{"--content", "PROJECT/content", "--out", "PROJECT/content/site"},
			code:   2,
			stderr: "dossier build: refusing to write the site to PROJECT/content/site: it lies inside PROJECT/content, a folder the site is built from\n",
		},
		{
			name: "inside the templates folder",
			setup: func(t *testing.T, project string) {
				os.Mkdir(filepath.Join(project, "templates"), 0o755)
			},
			args:   []string{"--content", "PROJECT/content", "--templates", "PROJECT/templates", "--out", "PROJECT/templates/out"},
			code:   2,
			stderr: "dossier build: refusing to write the site to PROJECT/templates/out: it lies inside PROJECT/templates, a folder the site is built from\n",
		},
		{
			name: "an existing file",
			setup: func(t *testing.T, project string) {
				os.WriteFile(filepath.Join(project, "notes.txt"), []byte("mine"), 0o644)
			},
			args:   []string{"--content", "PROJECT/content", "--out", "PROJECT/notes.txt"},
			code:   2,
			stderr: "dossier build: refusing to write the site to PROJECT/notes.txt: it is a file, not a folder\n",
		},
		{
			name: "a folder of documents",
			setup: func(t *testing.T, project string) {
				os.MkdirAll(filepath.Join(project, "papers"), 0o755)
				os.WriteFile(filepath.Join(project, "papers", "thesis.docx"), []byte("mine"), 0o644)
			},
			args:   []string{"--content", "PROJECT/content", "--out", "PROJECT/papers"},
			code:   2,
			stderr: "dossier build: refusing to write the site to PROJECT/papers: it holds files that no dossier build wrote (thesis.docx); choose an empty or new folder, or empty this one\n",
		},
		{
			name:   "an empty --out",
			args:   []string{"--content", "PROJECT/content", "--out", ""},
			code:   2,
			stderr: "dossier build: --out needs a folder\n",
		},
		{
			name: "a deploy checkout gets a site, and its files are left alone",
			setup: func(t *testing.T, project string) {
				os.MkdirAll(filepath.Join(project, "public", ".git"), 0o755)
				os.WriteFile(filepath.Join(project, "public", ".git", "HEAD"), []byte("ref: refs/heads/gh-pages"), 0o644)
				os.WriteFile(filepath.Join(project, "public", "CNAME"), []byte("brief.example"), 0o644)
			},
			args:   []string{"--content", "PROJECT/content", "--out", "PROJECT/public"},
			stdout: "left alone 2 files that dossier did not write: .git/, CNAME\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			project := filepath.Dir(copySite(t))
			if c.setup != nil {
				c.setup(t, project)
			}
			args := []string{"build"}
			for _, a := range c.args {
				args = append(args, strings.ReplaceAll(a, "PROJECT", project))
			}
			before := hashTree(t, project)
			code, stdout, stderr := run(t, args...)
			if code != c.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, c.code, stderr)
			}
			if c.code == 0 {
				if !strings.Contains(stdout, c.stdout) {
					t.Errorf("stdout:\n%s\nwant a line:\n%s", stdout, c.stdout)
				}
				for p, h := range before {
					if after := hashTree(t, project); after[p] != h {
						t.Errorf("%s changed", p)
					}
				}
				return
			}
			if want := strings.ReplaceAll(c.stderr, "PROJECT", project); !strings.HasPrefix(stderr, want) {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
			if after := hashTree(t, project); !sameTree(before, after) {
				t.Errorf("the refused build changed the disk: %d files before, %d after", len(before), len(after))
			}
		})
	}
}
