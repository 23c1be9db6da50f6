package output

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// ManifestName is the file, at the top of the output folder, that lists
// the files the last build wrote there. It is what lets a build tell its
// own files from the user's.
const ManifestName = ".dossier-manifest"

const manifestHeader = `# dossier: the files the last build wrote into this folder. The next
# build removes those it no longer makes, and leaves every other file alone.
`

// previous is what the output folder held before this build: the files an
// earlier build wrote, and the rest, which are the user's.
type previous struct {
	dir       string          // the output folder
	shown     string          // the same, as the user named it
	owned     map[string]bool // files the manifest lists
	user      map[string]bool // files and folders no build wrote
	userPaths []string        // the same, sorted, folders before their files
}

// readPrevious sorts the output folder's contents into the files an
// earlier build wrote and the user's. A folder that holds files but no
// manifest is refused, unless all it holds is what a deploy keeps beside
// a site (a CNAME, dot files such as .git or .nojekyll).
func readPrevious(dir, shown string) (previous, error) {
	p := previous{dir: dir, shown: shown, owned: map[string]bool{}, user: map[string]bool{}}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return p, nil
	}
	if err != nil {
		return p, fmt.Errorf("output: %w", err)
	}
	manifest, err := os.ReadFile(filepath.Join(dir, ManifestName))
	switch {
	case err == nil:
		p.owned = parseManifest(manifest)
	case !errors.Is(err, fs.ErrNotExist):
		return p, fmt.Errorf("output: %w", err)
	default:
		var strangers []string
		for _, e := range entries {
			if !deployFile(e.Name()) {
				strangers = append(strangers, e.Name())
			}
		}
		if len(strangers) > 0 {
			return p, refused("refusing to write the site to %s: it holds files that no dossier build wrote (%s); choose an empty or new folder, or empty this one", shown, listSome(strangers, 3))
		}
	}
	return p, p.findUserFiles(dir)
}

// deployFile reports whether a file in an output folder that no build
// wrote is one that publishing keeps beside a site.
func deployFile(name string) bool { return name == "CNAME" || strings.HasPrefix(name, ".") }

// findUserFiles lists every file and folder under dir that the manifest
// does not account for. A folder holding none of the site's files is the
// user's as a whole.
func (p *previous) findUserFiles(dir string) error {
	siteDirs := map[string]bool{}
	for f := range p.owned {
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			siteDirs[d] = true
		}
	}
	err := filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, file)
		if err != nil || rel == "." {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestName || p.owned[rel] || d.IsDir() && siteDirs[rel] {
			return nil
		}
		p.user[rel] = true
		p.userPaths = append(p.userPaths, rel)
		return nil
	})
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	slices.Sort(p.userPaths)
	return nil
}

// kept names the user's files and folders that are not inside another of
// theirs: what a summary mentions. Folders end in a slash.
func (p previous) kept() []string {
	var top []string
	for _, rel := range p.userPaths {
		if p.user[path.Dir(rel)] {
			continue
		}
		if info, err := os.Lstat(filepath.Join(p.dir, filepath.FromSlash(rel))); err == nil && info.IsDir() {
			rel += "/"
		}
		top = append(top, rel)
	}
	return top
}

// conflict is the error for a site file that would replace one the user
// put in the output folder.
func (p previous) conflict(rel string) error {
	return refused("refusing to replace %s: dossier did not write it, and the site now has a file there; move it into the static folder to publish it with the site, or delete it",
		filepath.Join(p.shown, filepath.FromSlash(rel)))
}

// conflictOr is conflict when rel's place in the staged site is taken,
// and err otherwise.
func (p previous) conflictOr(rel string, err error) error {
	if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTDIR) {
		return p.conflict(rel)
	}
	return fmt.Errorf("output: %w", err)
}

func parseManifest(data []byte) map[string]bool {
	owned := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if validPath(line) {
			owned[line] = true
		}
	}
	return owned
}

func writeManifest(staging string, paths map[string]bool) error {
	sorted := make([]string, 0, len(paths))
	for p := range paths {
		sorted = append(sorted, p)
	}
	slices.Sort(sorted)
	var b bytes.Buffer
	b.WriteString(manifestHeader)
	for _, p := range sorted {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(filepath.Join(staging, ManifestName), b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}

// listSome lists up to n names, and how many more there are.
func listSome(names []string, n int) string {
	slices.Sort(names)
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}
