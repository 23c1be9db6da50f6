package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dossier-dev/dossier/internal/starter"
)

func runInit(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("init", stderr)
	rest, err := parse(flags, args)
	if err != nil {
		return err
	}
	if len(rest) > 1 {
		return usageError(stderr, flags, "want at most one folder, got %d", len(rest))
	}
	dir := "."
	if len(rest) == 1 {
		dir = rest[0]
	}
	content := filepath.Join(dir, "content")
	if problem, err := notEmpty(content); err != nil {
		return err
	} else if problem != "" {
		fmt.Fprintf(stderr, "%s: %s %s; init starts a dossier only where there is none\n", flags.Name(), content, problem)
		return errUsage
	}
	made, kept, err := writeStarter(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "started a dossier in %s:\n", dir)
	for _, p := range made {
		fmt.Fprintf(stdout, "  %s\n", p)
	}
	if kept != "" {
		fmt.Fprintf(stdout, "  %s was there already and is left as it was: make sure it ignores build/\n", kept)
	}
	fmt.Fprintln(stdout, "\nNext, fill in content/dossier.yaml and try:")
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", dir)
	}
	fmt.Fprint(stdout, `  dossier serve               preview the dossier on http://127.0.0.1:8080 as you write
  dossier add report.pdf      bring in a PDF, a saved web page, Markdown or text as a source
  dossier new note "Title"    start a note
The example source, theme and note show how to cite; replace them with your own.
`)
	return nil
}

// notEmpty says why content cannot take a new dossier, or "" if it can:
// init never writes over an analyst's files, so it refuses a content
// folder that holds anything at all.
func notEmpty(content string) (string, error) {
	info, err := os.Stat(content)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", err
	case !info.IsDir():
		return "exists and is not a folder", nil
	}
	entries, err := os.ReadDir(content)
	if err != nil {
		return "", err
	}
	if len(entries) > 0 {
		return "already exists and is not empty", nil
	}
	return "", nil
}

// writeStarter writes the starter dossier into dir and returns the files
// it made, and the .gitignore it kept if dir had one: init adds a dossier
// to a folder that may already be a repository. Every file is created
// only where none exists, so that nothing is overwritten even if a file
// appears in content/ while init runs.
func writeStarter(dir string) (made []string, kept string, err error) {
	err = fs.WalkDir(starter.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		path := filepath.Join(dir, filepath.FromSlash(starterPath(name)))
		if d.IsDir() {
			return os.MkdirAll(path, 0o755)
		}
		data, err := fs.ReadFile(starter.FS, name)
		if err != nil {
			return err
		}
		err = createFile(path, data)
		switch {
		case errors.Is(err, fs.ErrExist) && name == starterGitignore:
			kept = path
		case err != nil:
			return err
		default:
			made = append(made, path)
		}
		return nil
	})
	return made, kept, err
}

// starterGitignore is the starter's .gitignore. It is kept under another
// name, because a file named .gitignore would be a rule for the
// repository that holds the starter.
const starterGitignore = "gitignore"

// starterPath is where a file of the starter goes in the new dossier's
// folder.
func starterPath(name string) string {
	if name == starterGitignore {
		return ".gitignore"
	}
	return name
}

// createFile writes data to a new file at path, and fails with
// fs.ErrExist if there is one.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
