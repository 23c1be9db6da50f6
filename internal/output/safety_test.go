package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree describes every file, folder and link under root, with each
// file's hash, so that a test can tell whether anything was touched.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, p)
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			got[rel] = "link to " + target
		case d.IsDir():
			got[rel] = "folder"
		default:
			data, _ := os.ReadFile(p)
			got[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		}
		return nil
	})
	return got
}

// put makes the files of a scratch tree: a path ending in "/" is a
// folder, a value starting with "->" a symlink.
func put(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, v := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.HasSuffix(p, "/") {
			os.MkdirAll(full, 0o755)
			continue
		}
		os.MkdirAll(filepath.Dir(full), 0o755)
		if target, ok := strings.CutPrefix(v, "->"); ok {
			if err := os.Symlink(target, full); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(full, []byte(v), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var (
	siteV1 = Files{"index.html": []byte("v1"), "notes/a/index.html": []byte("a"), "old.txt": []byte("dropped in v2")}
	siteV2 = Files{"index.html": []byte("v2"), "notes/a/index.html": []byte("a"), "robots.txt": []byte("r"), "feeds/all.xml": []byte("f")}
)

func TestOutputFolderSafety(t *testing.T) {
	cases := []struct {
		name    string
		before  map[string]string // the scratch tree; "out" is the output folder
		built   bool              // whether siteV1 was built into out first
		out     string
		inputs  []string
		refused string // the refusal; "" if the write succeeds
		kept    []string
		removed int
		after   map[string]string // files that must hold these bytes after a write
	}{
		{name: "a new folder", out: "out/site"},
		{name: "an empty folder", before: map[string]string{"out/": ""}, out: "out"},
		{
			name: "a regular file", before: map[string]string{"out": "my notes"}, out: "out",
			refused: "refusing to write the site to out: it is a file, not a folder",
		},
		{
			name: "a folder of the user's documents", before: map[string]string{"out/thesis.docx": "precious", "out/index.html": "<h1>mine</h1>"}, out: "out",
			refused: "refusing to write the site to out: it holds files that no dossier build wrote (index.html, thesis.docx); choose an empty or new folder, or empty this one",
		},
		{
			name: "the project folder holding the content", before: map[string]string{"index.html": "<h1>mine</h1>", "content/dossier.yaml": "title: T", ".git/HEAD": "ref"},
			out: ".", inputs: []string{"content"},
			refused: "refusing to write the site to .: it contains content, a folder the site is built from",
		},
		{
			name: "the content folder itself", before: map[string]string{"content/dossier.yaml": "title: T"},
			out: "content", inputs: []string{"content"},
			refused: "refusing to write the site to content: it is content, a folder the site is built from",
		},
		{
			name: "inside the static folder", before: map[string]string{"static/style.css": "x"},
			out: "static/site", inputs: []string{"content", "templates", "static"},
			refused: "refusing to write the site to static/site: it lies inside static, a folder the site is built from",
		},
		{
			name: "the content folder through a symlink", before: map[string]string{"content/dossier.yaml": "title: T", "alias": "->content"},
			out: "alias", inputs: []string{"content"},
			refused: "refusing to write the site to alias: it is content, a folder the site is built from",
		},
		{
			name: "a deploy checkout: .git and CNAME, no site yet", before: map[string]string{"out/.git/HEAD": "ref", "out/.git/objects/ab/cd": "blob", "out/CNAME": "brief.example"},
			out: "out", kept: []string{".git/", "CNAME"},
			after: map[string]string{"out/CNAME": "brief.example", "out/.git/objects/ab/cd": "blob", "out/index.html": "v2"},
		},
		{
			name: "files the user added to a built site", built: true,
			before: map[string]string{"out/CNAME": "brief.example", "out/.nojekyll": "", "out/.git/HEAD": "ref", "out/notes/a/margin.txt": "mine", "out/empty/": ""},
			out:    "out", kept: []string{".git/", ".nojekyll", "CNAME", "empty/", "notes/a/margin.txt"}, removed: 1,
			after: map[string]string{"out/CNAME": "brief.example", "out/notes/a/margin.txt": "mine", "out/notes/a/index.html": "a", "out/robots.txt": "r"},
		},
		{
			name: "a user's file where the site now has one", built: true, before: map[string]string{"out/robots.txt": "mine"},
			out:     "out",
			refused: "refusing to replace out/robots.txt: dossier did not write it, and the site now has a file there; move it into the static folder to publish it with the site, or delete it",
		},
		{
			name: "a user's file in a folder of the site", built: true, before: map[string]string{"out/notes/b": "mine"},
			out: "out", after: map[string]string{"out/notes/b": "mine"}, kept: []string{"notes/b"}, removed: 1,
		},
		{
			name: "a user's file where the site now has a folder", built: true, before: map[string]string{"out/feeds": "mine"},
			out:     "out",
			refused: "refusing to replace out/feeds: dossier did not write it, and the site now has a file there; move it into the static folder to publish it with the site, or delete it",
		},
		{
			name: "a symlinked output folder is written where it points", built: true, before: map[string]string{"link": "->out"},
			out: "link", removed: 1, after: map[string]string{"link": "->out", "out/index.html": "v2"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, _ := filepath.EvalSymlinks(t.TempDir())
			t.Chdir(root)
			if c.built {
				if _, err := Write("out", siteV1); err != nil {
					t.Fatal(err)
				}
			}
			put(t, root, c.before)
			before := tree(t, root)
			stats, err := Write(c.out, siteV2, c.inputs...)
			if c.refused != "" {
				var r *RefusedError
				if !errors.As(err, &r) {
					t.Fatalf("err = %v, want a refusal", err)
				}
				if err.Error() != c.refused {
					t.Errorf("refusal:\n got %s\nwant %s", err, c.refused)
				}
				if after := tree(t, root); !mapsEqual(before, after) {
					t.Errorf("a refused write changed the disk:\nbefore %v\n after %v", before, after)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(stats.Kept, c.kept) || stats.Removed != c.removed {
				t.Errorf("stats = %+v, want kept %v and %d removed", stats, c.kept, c.removed)
			}
			for p, want := range c.after {
				full := filepath.Join(root, filepath.FromSlash(p))
				if target, ok := strings.CutPrefix(want, "->"); ok {
					if got, _ := os.Readlink(full); got != target {
						t.Errorf("%s links to %q, want %q", p, got, target)
					}
					continue
				}
				if data, err := os.ReadFile(full); err != nil || string(data) != want {
					t.Errorf("%s = %q, %v; want %q", p, data, err, want)
				}
			}
			for p := range tree(t, root) {
				if strings.Contains(p, stagingInfix) || strings.Contains(p, oldInfix) {
					t.Errorf("left behind %s", p)
				}
			}
			// A user file kept once is kept again, and the manifest
			// does not claim it.
			again, err := Write(c.out, siteV2, c.inputs...)
			if err != nil || !slices.Equal(again.Kept, c.kept) || again.Removed != 0 {
				t.Errorf("second write: %+v, %v", again, err)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// What a killed build leaves beside the output folder, the next build
// clears: staging folders, and a site swapped out but not back.
func TestClearsUpAfterAKilledBuild(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	if _, err := Write("site", siteV1); err != nil {
		t.Fatal(err)
	}
	put(t, root, map[string]string{
		".site.dossier-new-123/index.html": "half a site",
		".site.new-4567/index.html":        "half a site from an older dossier",
		".site.new-notours/keep":           "not a name dossier makes",
		".other.dossier-new-1/keep":        "another output folder's",
	})
	busy, err := os.MkdirTemp(root, ".site"+stagingInfix)
	if err != nil {
		t.Fatal(err)
	}
	unlock, err := lock(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := Write("site", siteV2); err != nil {
		t.Fatal(err)
	}
	var left []string
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		left = append(left, e.Name())
	}
	want := []string{".other.dossier-new-1", ".site.new-notours", filepath.Base(busy), "site"}
	slices.Sort(want)
	if !slices.Equal(left, want) {
		t.Errorf("beside the output: %v, want %v (a build in progress keeps its staging)", left, want)
	}
}

func TestRestoresASiteSwappedOutByAKilledBuild(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	if _, err := Write("site", siteV1); err != nil {
		t.Fatal(err)
	}
	put(t, root, map[string]string{".site.dossier-old-9/": "", "site/CNAME": "brief.example"})
	if err := os.Rename("site", ".site.dossier-old-9/site"); err != nil {
		t.Fatal(err)
	}
	stats, err := Write("site", siteV2)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile("site/CNAME"); string(data) != "brief.example" || stats.Removed != 1 {
		t.Errorf("the swapped-out site was not restored before the build: CNAME %q, %+v", data, stats)
	}
	if _, err := os.Stat(".site.dossier-old-9"); !errors.Is(err, fs.ErrNotExist) {
		t.Error("the old folder is still there")
	}
}

// The fallback for systems without an atomic exchange swaps the sites
// too, and leaves nothing behind.
func TestExchangeByRenames(t *testing.T) {
	root := t.TempDir()
	put(t, root, map[string]string{"site/index.html": "v1", "staged/index.html": "v2"})
	site, staged := filepath.Join(root, "site"), filepath.Join(root, "staged")
	if err := exchangeByRenames(site, staged); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{".": "folder", "site": "folder", "site/index.html": fmt.Sprintf("%x", sha256.Sum256([]byte("v2")))}
	if got := tree(t, root); !mapsEqual(got, want) {
		t.Errorf("after the exchange: %v", got)
	}
}

func TestManifestListsWhatTheBuildWrote(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Write(dir, siteV2); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	want := manifestHeader + "feeds/all.xml\nindex.html\nnotes/a/index.html\nrobots.txt\n"
	if string(data) != want {
		t.Errorf("manifest:\n%s\nwant:\n%s", data, want)
	}
}

// A read-only folder of the user's keeps its mode in the new output, and
// the files in it are carried over all the same.
func TestKeepsAReadOnlyFolderOfTheUsers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := Write(dir, siteV1); err != nil {
		t.Fatal(err)
	}
	put(t, dir, map[string]string{"private/sub/f.txt": "mine"})
	for _, f := range []string{"private/sub", "private"} {
		os.Chmod(filepath.Join(dir, f), 0o555)
	}
	t.Cleanup(func() {
		os.Chmod(filepath.Join(dir, "private"), 0o755)
		os.Chmod(filepath.Join(dir, "private/sub"), 0o755)
	})
	if _, err := Write(dir, siteV2); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"private", "private/sub"} {
		if info, err := os.Stat(filepath.Join(dir, f)); err != nil || info.Mode().Perm() != 0o555 {
			t.Errorf("%s: %v, %v; want mode 0555", f, info.Mode(), err)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "private/sub/f.txt")); string(data) != "mine" {
		t.Errorf("f.txt = %q", data)
	}
}
