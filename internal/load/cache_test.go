package load

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/dossier-dev/dossier/internal/site"
)

// folder is a small content folder with a file of every kind.
var folder = map[string]string{
	"dossier.yaml":    "title: T\nthemes: [csto]\n",
	"index.md":        "---\ntitle: Summary\n---\nKey judgements.\n",
	"timeline.yaml":   "- date: 2013\n  text: Talks\n  cite: '[[s]]'\n",
	"sources/s.txt":   "---\ntitle: S\ncite: S 2020\n---\nText.\n",
	"notes/a.md":      "---\ntitle: A\nthemes: [csto]\n---\nBody of a.\n",
	"notes/b.md":      "---\ntitle: B\n---\nBody of b.\n",
	"themes/csto.md":  "---\ntitle: CSTO\nterms: [CSTO]\n---\nOverview.\n",
	"entities/e.md":   "---\ntitle: E\naliases: [Ee]\n---\nAn entity.\n",
	"notes/.draft.md": "ignored",
}

// change is an edit to a content folder: files to remove (folders too),
// then files to write.
type change struct {
	remove []string
	write  map[string]string
}

// apply makes the change and dates what it wrote at mtime. It returns
// the paths it touched, as a watcher would report them.
func (ch change) apply(t *testing.T, dir string, mtime time.Time) []string {
	t.Helper()
	var touched []string
	for _, rel := range ch.remove {
		if err := os.RemoveAll(filepath.Join(dir, rel)); err != nil {
			t.Fatal(err)
		}
		touched = append(touched, rel)
	}
	for rel, data := range ch.write {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
		touched = append(touched, rel)
	}
	return touched
}

// written writes files to a new folder, dated an hour back.
func written(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	change{write: files}.apply(t, dir, time.Now().Add(-time.Hour))
	return dir
}

func TestLoadCachedIsLoad(t *testing.T) {
	steps := []struct {
		name   string
		change change
	}{
		{"unchanged", change{}},
		{"note edited", change{write: map[string]string{"notes/a.md": "---\ntitle: A\nthemes: [csto]\n---\nBody of a, edited.\n"}}},
		{"note rewritten to the same size", change{write: map[string]string{"notes/a.md": "---\ntitle: A\nthemes: [csto]\n---\nBody of a, EDITED.\n"}}},
		{"note added", change{write: map[string]string{"notes/c.md": "---\ntitle: C\n---\nBody of c.\n"}}},
		{"note removed", change{remove: []string{"notes/c.md"}}},
		{"note renamed", change{remove: []string{"notes/b.md"}, write: map[string]string{"notes/b-2.md": "---\ntitle: B\n---\nBody of b.\n"}}},
		{"note invalid", change{write: map[string]string{"notes/a.md": "---\ntitle: [A\n---\n"}}},
		{"note valid again", change{write: map[string]string{"notes/a.md": folder["notes/a.md"]}}},
		{"note with an unknown field", change{write: map[string]string{"notes/a.md": "---\ntitle: A\ncolour: red\n---\n"}}},
		{"note not UTF-8", change{write: map[string]string{"notes/a.md": "---\ntitle: A\n---\nCaf\xe9\n"}}},
		{"duplicate slug appears", change{write: map[string]string{"entities/a.md": "---\ntitle: A again\n---\n"}}},
		{"first of the duplicates removed", change{remove: []string{"notes/a.md"}}},
		{"duplicate slug gone", change{remove: []string{"entities/a.md"}, write: map[string]string{"notes/a.md": folder["notes/a.md"]}}},
		{"bad file name appears", change{write: map[string]string{"notes/Bad.md": "---\ntitle: Bad\n---\n"}}},
		{"bad file name gone", change{remove: []string{"notes/Bad.md"}}},
		{"sub-folder in notes", change{write: map[string]string{"notes/drafts/d.md": "---\ntitle: D\n---\n"}}},
		{"note replaced by a folder of its name", change{remove: []string{"notes/a.md"}, write: map[string]string{"notes/a.md/x.md": "---\ntitle: X\n---\n"}}},
		{"folder replaced by the note", change{remove: []string{"notes/a.md"}, write: map[string]string{"notes/a.md": folder["notes/a.md"]}}},
		{"config edited", change{write: map[string]string{"dossier.yaml": "title: T\nthemes: [csto, drugs]\n"}}},
		{"timeline removed", change{remove: []string{"timeline.yaml"}}},
		{"timeline back", change{write: map[string]string{"timeline.yaml": folder["timeline.yaml"]}}},
		{"summary removed", change{remove: []string{"index.md"}}},
		{"source edited", change{write: map[string]string{"sources/s.txt": "---\ntitle: S\ncite: S 2021\n---\nText, edited.\n"}}},
		{"folder removed", change{remove: []string{"entities"}}},
		{"folder back", change{write: map[string]string{"entities/e.md": folder["entities/e.md"]}}},
		{"content folder gone", change{remove: []string{"."}}},
		{"content folder back", change{write: map[string]string{"dossier.yaml": folder["dossier.yaml"], "notes/z.md": "---\ntitle: Z\n---\n"}}},
	}
	dir := written(t, folder)
	fsys := os.DirFS(dir)
	// One cache finds the changes by itself, the other is told them.
	stat, told := NewCache(), NewCache()
	base := time.Now().Add(-time.Hour)
	for i, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			// A time of its own for each step, long past, so that size
			// and time show every change.
			touched := step.change.apply(t, dir, base.Add(time.Duration(i+1)*time.Minute))
			want, wantDiags := Load(fsys, "content")
			for name, c := range map[string]*Cache{"without Forget": stat, "with Forget": told} {
				if c == told {
					c.Forget(touched...)
				}
				got, diags := LoadCached(fsys, "content", c)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: content differs from Load's:\n got %+v\nwant %+v", name, got, want)
				}
				if !reflect.DeepEqual(diags, wantDiags) {
					t.Errorf("%s: diagnostics differ from Load's:\n got %v\nwant %v", name, diags, wantDiags)
				}
			}
		})
	}
}

// countingFS counts the files opened and the folders listed in an
// os.DirFS, and stats without opening.
type countingFS struct {
	fsys   fs.FS
	mu     sync.Mutex
	opened []string
	listed []string
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.mu.Lock()
	c.opened = append(c.opened, name)
	c.mu.Unlock()
	return c.fsys.Open(name)
}

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	c.mu.Lock()
	c.listed = append(c.listed, name)
	c.mu.Unlock()
	return fs.ReadDir(c.fsys, name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.fsys, name) }

// reset returns what was opened and listed since the last reset, sorted.
func (c *countingFS) reset() (opened, listed []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	opened, listed = c.opened, c.listed
	c.opened, c.listed = nil, nil
	slices.Sort(opened)
	slices.Sort(listed)
	return opened, listed
}

func TestLoadCachedReadsOnlyWhatChanged(t *testing.T) {
	edit := change{write: map[string]string{"notes/a.md": "---\ntitle: A\n---\nEdited.\n"}}
	all := []string{"dossier.yaml", "entities/e.md", "index.md", "notes/a.md", "notes/b.md", "sources/s.txt", "themes/csto.md", "timeline.yaml"}
	folders := []string{"entities", "notes", "sources", "themes"}
	tests := []struct {
		name   string
		change change
		forget []string // nil: no Forget
		opened []string
		listed []string
	}{
		{"unchanged", change{}, nil, nil, folders},
		{"unchanged, told so", change{}, []string{}, nil, nil},
		{"one note edited", edit, nil, []string{"notes/a.md"}, folders},
		{"one note edited, told so", edit, []string{"notes/a.md"}, []string{"notes/a.md"}, nil},
		{"note added, told so", change{write: map[string]string{"notes/c.md": "---\ntitle: C\n---\n"}}, []string{"notes/c.md"}, []string{"notes/c.md"}, nil},
		{"note removed, told so", change{remove: []string{"notes/b.md"}}, []string{"notes/b.md"}, nil, nil},
		{"notes forgotten", change{}, []string{"notes"}, []string{"notes/a.md", "notes/b.md"}, []string{"notes"}},
		{"everything forgotten", change{}, []string{"."}, all, folders},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := written(t, folder)
			fsys := &countingFS{fsys: os.DirFS(dir)}
			c := NewCache()
			LoadCached(fsys, "content", c)
			if opened, _ := fsys.reset(); !slices.Equal(opened, all) {
				t.Fatalf("first load opened %v, want %v", opened, all)
			}
			tt.change.apply(t, dir, time.Now().Add(-time.Minute))
			if tt.forget != nil {
				c.Forget(tt.forget...)
			}
			got, _ := LoadCached(fsys, "content", c)
			opened, listed := fsys.reset()
			if !slices.Equal(opened, tt.opened) {
				t.Errorf("opened %v, want %v", opened, tt.opened)
			}
			if !slices.Equal(listed, tt.listed) {
				t.Errorf("listed %v, want %v", listed, tt.listed)
			}
			if want, _ := Load(os.DirFS(dir), "content"); !reflect.DeepEqual(got, want) {
				t.Errorf("content differs from Load's:\n got %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestLoadCachedReturnsNewDocumentsSharingBodies(t *testing.T) {
	fsys := os.DirFS(written(t, folder))
	c := NewCache()
	first, _ := LoadCached(fsys, "content", c)
	first.Sources[0].Passages = []site.Passage{{Text: "set by a later stage"}}
	first.Notes[0].Title = "changed by a later stage"
	second, _ := LoadCached(fsys, "content", c)
	if second.Sources[0] == first.Sources[0] || second.Notes[0] == first.Notes[0] {
		t.Error("the second load returned the first load's documents")
	}
	if second.Sources[0].Passages != nil || second.Notes[0].Title != "A" {
		t.Errorf("a change to the first load's documents reached the second's: %q, %v", second.Notes[0].Title, second.Sources[0].Passages)
	}
	for i, n := range second.Notes {
		if unsafe.StringData(n.Body) != unsafe.StringData(first.Notes[i].Body) {
			t.Errorf("%s: the unchanged body was copied", n.Path)
		}
	}
}

// A file read again for the same text, because it was saved unchanged,
// touched, or too fresh to trust, keeps its body string: later stages
// compare bodies, and equal pointers make that instant.
func TestLoadCachedKeepsTheBodyOfAFileReadAgainUnchanged(t *testing.T) {
	dir := written(t, folder)
	fsys := os.DirFS(dir)
	c := NewCache()
	first, _ := LoadCached(fsys, "content", c)
	note := first.Notes[0]
	rel := "notes/" + note.Slug + ".md"
	now := time.Now()
	if err := os.Chtimes(filepath.Join(dir, rel), now, now); err != nil {
		t.Fatal(err)
	}
	c.Forget(rel)
	second, _ := LoadCached(fsys, "content", c)
	if unsafe.StringData(second.Notes[0].Body) != unsafe.StringData(note.Body) {
		t.Error("a note read again for the same text got a new body string")
	}
}

// A rewrite to the same size within the same clock tick keeps a file's
// size and time: only Forget can tell the cache about it, unless the
// write was so recent that the cache did not trust the time anyway.
func TestLoadCachedAndRewritesThatKeepSizeAndTime(t *testing.T) {
	rewrite := func(t *testing.T, dir string, mtime time.Time) {
		t.Helper()
		change{write: map[string]string{"notes/b.md": "---\ntitle: B\n---\nBody of B.\n"}}.apply(t, dir, mtime)
	}
	t.Run("with Forget", func(t *testing.T) {
		dir := written(t, folder)
		fsys, c := os.DirFS(dir), NewCache()
		LoadCached(fsys, "content", c)
		info, err := os.Stat(filepath.Join(dir, "notes/b.md"))
		if err != nil {
			t.Fatal(err)
		}
		rewrite(t, dir, info.ModTime())
		if got, _ := LoadCached(fsys, "content", c); got.Notes[1].Body != "Body of b.\n" {
			t.Fatalf("without Forget, the cache saw a rewrite that kept size and time: is it caching at all? body %q", got.Notes[1].Body)
		}
		c.Forget("notes/b.md")
		if got, _ := LoadCached(fsys, "content", c); got.Notes[1].Body != "Body of B.\n" {
			t.Errorf("after Forget, body = %q, want the rewritten one", got.Notes[1].Body)
		}
	})
	t.Run("just modified", func(t *testing.T) {
		dir := written(t, folder)
		fsys, c := os.DirFS(dir), NewCache()
		// A whole second, as a file system that keeps no fractions
		// stamps it: racy for two seconds, however slow the machine.
		now := time.Now().Truncate(time.Second)
		rewrite(t, dir, now)
		LoadCached(fsys, "content", c)
		change{write: map[string]string{"notes/b.md": "---\ntitle: B\n---\nBody of b!\n"}}.apply(t, dir, now)
		if got, _ := LoadCached(fsys, "content", c); got.Notes[1].Body != "Body of b!\n" {
			t.Errorf("body = %q, want the rewritten one", got.Notes[1].Body)
		}
	})
}

// A file is racy for the clock tick after its modification time when
// the time has a fraction of a second, and for two seconds when it is a
// whole second, as file systems that keep only seconds stamp it.
func TestRacy(t *testing.T) {
	start := time.Date(2026, 12, 3, 12, 0, 10, 0, time.UTC)
	for _, c := range []struct {
		mtime time.Time
		want  bool
	}{
		{start.Add(-time.Second + time.Nanosecond), false},
		{start.Add(-150 * time.Millisecond), false},
		{start.Add(-50 * time.Millisecond), true},
		{start.Add(time.Millisecond), true},
		{start.Add(-time.Second), true},
		{start.Add(-2 * time.Second), false},
		{start.Add(-3 * time.Second), false},
		{start.Add(time.Second), true},
	} {
		if got := racy(c.mtime, start); got != c.want {
			t.Errorf("racy(%s before the load) = %v, want %v", start.Sub(c.mtime), got, c.want)
		}
	}
}
