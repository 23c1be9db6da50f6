package build_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/cli"
)

// TestSymlinkOutFailsTheCommand runs `dossier build` in-process: a
// symlink out of its folder exits 1 with the link's diagnostic on
// stderr, and leaves the last build's output as it was.
func TestSymlinkOutFailsTheCommand(t *testing.T) {
	cases := []struct {
		name, link, target, stderr string
	}{
		{"static file to /etc/passwd", "static/x.txt", "/etc/passwd",
			"$DIR/static/x.txt:1:1: symlink points outside the static folder, to /etc/passwd\n"},
		{"static folder to /etc", "static/etc", "/etc",
			"$DIR/static/etc:1:1: symlink points outside the static folder, to /etc\n"},
		{"template to /etc/passwd", "templates/base.html", "/etc/passwd",
			"$DIR/templates/base.html:1:1: symlink points outside the templates folder, to /etc/passwd\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			content, out := filepath.Join(dir, "content"), filepath.Join(dir, "out")
			if err := os.CopyFS(content, os.DirFS("../../testdata/site")); err != nil {
				t.Fatal(err)
			}
			for _, d := range []string{"static", "templates"} {
				if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			args := []string{"build", "--content", content, "--static", filepath.Join(dir, "static"),
				"--templates", filepath.Join(dir, "templates"), "--out", out}
			var stdout, stderr bytes.Buffer
			if code := cli.Run(args, &stdout, &stderr); code != 0 {
				t.Fatalf("first build: exit %d: %s", code, &stderr)
			}
			before := tree(t, out)
			if err := os.Symlink(c.target, filepath.Join(dir, filepath.FromSlash(c.link))); err != nil {
				t.Fatal(err)
			}
			stderr.Reset()
			if code := cli.Run(args, &stdout, &stderr); code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			want := bytes.ReplaceAll([]byte(c.stderr), []byte("$DIR"), []byte(dir))
			if !bytes.HasPrefix(stderr.Bytes(), want) {
				t.Errorf("stderr:\n%s\nwant it to start with:\n%s", &stderr, want)
			}
			after := tree(t, out)
			if len(after) != len(before) {
				t.Errorf("the output has %d files, had %d", len(after), len(before))
			}
			for p, data := range before {
				if after[p] != data {
					t.Errorf("%s changed", p)
				}
			}
		})
	}
}

// tree reads every file under dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
