package build

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/site"
	statics "github.com/dossier-dev/dossier/static"
	"github.com/dossier-dev/dossier/templates"
)

var (
	randomEdits = flag.Int("edits", 500, "how many random edits TestRandomEditsEqualFreshBuilds makes")
	randomSeed  = flag.Uint64("seed", 0, "the seed of TestRandomEditsEqualFreshBuilds, to replay a failure; 0 picks one")
)

// TestRandomEditsEqualFreshBuilds makes random edits to a copy of the
// small content tree and its own templates and static folders: notes,
// sources, themes, entities, the index and dossier.yaml written, changed,
// renamed and deleted, front matter broken and fixed, templates and
// stylesheets overridden, broken and removed; sometimes several at once,
// as the watcher batches them. After each, the Builder that made the
// last build rebuilds as dossier serve does, told the changed paths, and
// must give what a fresh build of the same folders gives: every file, or
// the same diagnostics.
//
//	go test ./internal/build -run RandomEdits -edits 2000 -seed 42
func TestRandomEditsEqualFreshBuilds(t *testing.T) {
	seed := *randomSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("replay with: go test ./internal/build -run RandomEdits -edits %d -seed %d", *randomEdits, seed)
		}
	})
	dir := t.TempDir()
	copied := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	copyDir(t, "../../testdata/site", filepath.Join(dir, "content"), copied)
	opts := Options{
		Content:          filepath.Join(dir, "content"),
		Templates:        filepath.Join(dir, "templates"),
		Static:           filepath.Join(dir, "static"),
		StableAssetNames: true, // as dossier serve builds
	}
	b := New(opts)
	if _, diags, err := b.Build(); err != nil || len(diags) > 0 {
		t.Fatalf("first build: %v %v", err, diags)
	}
	e := &editor{t: t, rng: rand.New(rand.NewPCG(seed, seed)), dir: dir, broken: map[string][]byte{}, misnamed: map[string]string{}, clock: copied}
	failed := 0
	var last site.Diagnostics
	for i := range *randomEdits {
		var did []string
		changed := map[string]bool{}
		for range e.batch() {
			name, paths := e.edit(i, last)
			did = append(did, name)
			for _, p := range paths {
				changed[filepath.Join(dir, filepath.FromSlash(p))] = true
			}
		}
		again, againDiags, err := b.buildAfter(slices.Sorted(maps.Keys(changed)))
		if err != nil {
			t.Fatalf("edit %d (%s): rebuild: %v", i, strings.Join(did, ", "), err)
		}
		fresh, freshDiags, err := New(opts).Build()
		if err != nil {
			t.Fatalf("edit %d (%s): fresh build: %v", i, strings.Join(did, ", "), err)
		}
		if got, want := againDiags.Error(), freshDiags.Error(); got != want {
			t.Fatalf("edit %d (%s): the rebuild's diagnostics\n%s\ndiffer from the fresh build's\n%s", i, strings.Join(did, ", "), got, want)
		}
		last = freshDiags
		if len(freshDiags) > 0 {
			failed++
			continue
		}
		for p, want := range fresh.Files {
			if got, ok := again.Files[p]; !ok || string(got) != string(want) {
				t.Fatalf("edit %d (%s): %s differs between the rebuild and a fresh build", i, strings.Join(did, ", "), p)
			}
		}
		for p := range again.Files {
			if _, ok := fresh.Files[p]; !ok {
				t.Fatalf("edit %d (%s): the rebuild has %s, a fresh build does not", i, strings.Join(did, ", "), p)
			}
		}
	}
	t.Logf("seed %d: %d edits, %d of them leaving diagnostics", seed, *randomEdits, failed)
}

// editor makes random edits in dir, which holds content, templates and
// static folders. Paths are slash-separated and relative to dir.
type editor struct {
	t   *testing.T
	rng *rand.Rand
	dir string
	// broken holds what broken files held before, nil for a file that
	// was not there; misnamed, the names to move misnamed files back to.
	broken   map[string][]byte
	misnamed map[string]string
	// clock is the modification time of the last write.
	clock time.Time
}

// The slugs edits pick from: those of the content tree, which other
// files link to and so are never deleted or renamed, and more.
var (
	kept        = map[string]bool{"tynan-2013": true, "bases": true, "kyrgyzstan": true, "border-aid": true, "second-note": true}
	noteSlugs   = []string{"border-aid", "second-note", "note-a", "note-b", "note-c", "note-d", "note-e"}
	sourceSlugs = []string{"tynan-2013", "source-a", "source-b", "source-c"}
	themeSlugs  = []string{"bases", "theme-a", "theme-b"}
	entitySlugs = []string{"kyrgyzstan", "entity-a", "entity-b"}
	ownFiles    = []string{"templates/note.html", "templates/theme.html", "templates/base.html", "templates/partials.html", "templates/source.html", "templates/index.html", "static/style.css", "static/extra.js"}
	words       = strings.Fields("Moscow border service aid hardware troops Bishkek Dushanbe pact agreement delivered equipment cooperation security relationship ratified military training customs patrol")
)

// batch is how many edits go into the next rebuild: mostly one.
func (e *editor) batch() int {
	if e.rng.IntN(5) == 0 {
		return 2 + e.rng.IntN(2)
	}
	return 1
}

// edit makes one random edit and returns its name and the paths it
// changed, as the watcher reports them. diags are the last build's.
func (e *editor) edit(i int, diags site.Diagnostics) (string, []string) {
	// What broke is mostly mended soon, as by someone at work on the
	// site: a site that stays broken would test little but diagnostics.
	if len(e.broken)+len(e.misnamed) > 0 && e.rng.IntN(3) == 0 {
		return e.fix()
	}
	if len(diags) > 0 && e.rng.IntN(2) == 0 {
		return e.mend(i, pick(e.rng, diags))
	}
	switch k := e.rng.IntN(100); {
	case k < 22:
		slug := pick(e.rng, noteSlugs)
		return "write note " + slug, e.write(contentPath("notes", slug, ".md"), e.note(i))
	case k < 30:
		// The kept source is quoted by the kept notes, so it is only
		// added to, touched, broken and fixed.
		slug := pick(e.rng, sourceSlugs[1:])
		return "write source " + slug, e.write(contentPath("sources", slug, ".txt"), e.source(slug, i))
	case k < 36:
		slug := pick(e.rng, themeSlugs)
		return "write theme " + slug, e.write(contentPath("themes", slug, ".md"), e.theme(i))
	case k < 42:
		slug := pick(e.rng, entitySlugs)
		return "write entity " + slug, e.write(contentPath("entities", slug, ".md"), e.entity(slug))
	case k < 46:
		return "write index", e.write("content/index.md", fmt.Sprintf("---\ntitle: Key judgements %d\n---\n1. %s See [[%s]].\n", i, e.sentence(), e.target()))
	case k < 49:
		return "edit dossier.yaml", e.config(i)
	case k < 55:
		return e.append(i)
	case k < 60:
		return e.remove()
	case k < 66:
		return e.rename()
	case k < 71:
		return e.breakFrontMatter()
	case k < 78:
		return e.fix()
	case k < 81:
		return e.touch()
	case k < 90:
		return e.own(i)
	case k < 94:
		return e.removeOwn()
	default:
		return e.breakTemplate()
	}
}

func pick[T any](rng *rand.Rand, from []T) T { return from[rng.IntN(len(from))] }

func contentPath(dir, slug, ext string) string { return "content/" + dir + "/" + slug + ext }

func (e *editor) abs(rel string) string { return filepath.Join(e.dir, filepath.FromSlash(rel)) }

func (e *editor) exists(rel string) bool {
	_, err := os.Stat(e.abs(rel))
	return err == nil
}

// write writes data to rel, making its folder if need be, and returns the
// changed paths: the file and any folder made for it.
func (e *editor) write(rel string, data string) []string {
	changed := []string{rel}
	if !e.exists(filepath.Dir(rel)) {
		changed = append(changed, filepath.ToSlash(filepath.Dir(rel)))
	}
	if err := os.MkdirAll(filepath.Dir(e.abs(rel)), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(e.abs(rel), []byte(data), 0o644); err != nil {
		e.t.Fatal(err)
	}
	// Each write is stamped a second after the last, long ago: no file
	// is then too fresh for the load cache to trust, and the rebuild
	// must find the edits by the paths it is told.
	e.clock = e.clock.Add(time.Second)
	if err := os.Chtimes(e.abs(rel), e.clock, e.clock); err != nil {
		e.t.Fatal(err)
	}
	delete(e.broken, rel)
	return changed
}

// contentName matches the names of content files that load reads.
var contentName = regexp.MustCompile(`^[a-z0-9-]+\.(md|txt)$`)

// existing lists the content files of kind dir ("notes", ...) there
// are, but for the misnamed.
func (e *editor) existing(dir string) []string {
	entries, _ := os.ReadDir(e.abs("content/" + dir))
	var out []string
	for _, en := range entries {
		if contentName.MatchString(en.Name()) {
			out = append(out, "content/"+dir+"/"+en.Name())
		}
	}
	return out
}

func slugOf(rel string) string {
	base := filepath.Base(rel)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

func (e *editor) sentence() string {
	n := 4 + e.rng.IntN(8)
	ws := make([]string, n)
	for i := range ws {
		ws[i] = pick(e.rng, words)
	}
	return strings.ToUpper(ws[0][:1]) + strings.Join(ws, " ")[1:] + "."
}

// target is the slug of a note, theme or entity there is, to link to.
func (e *editor) target() string {
	var slugs []string
	for _, dir := range []string{"notes", "themes", "entities"} {
		for _, rel := range e.existing(dir) {
			slugs = append(slugs, slugOf(rel))
		}
	}
	if len(slugs) == 0 {
		return "nowhere"
	}
	return pick(e.rng, slugs)
}

// quote cites a source there is: the kept source by a quote its notes
// use, another by words of the paragraphs it always has.
func (e *editor) quote() string {
	sources := e.existing("sources")
	if len(sources) == 0 {
		return ""
	}
	slug := slugOf(pick(e.rng, sources))
	if slug == "tynan-2013" {
		return ` [[tynan-2013#"military hardware worth $16 million"]]`
	}
	ws := strings.Fields(strings.Trim(pick(e.rng, sourceText()), "."))
	start := e.rng.IntN(len(ws) - 4)
	return fmt.Sprintf(` [[%s#"%s"]]`, slug, strings.Join(ws[start:start+4], " "))
}

// sourceText is the paragraphs every source but the kept one has, so
// that quotes hold while sources are rewritten and renamed.
func sourceText() []string {
	rng := rand.New(rand.NewPCG(1, 2))
	paras := make([]string, 3)
	for i := range paras {
		ws := make([]string, 12)
		for j := range ws {
			ws[j] = pick(rng, words)
		}
		paras[i] = strings.Join(ws, " ") + "."
	}
	return paras
}

func (e *editor) themes() string {
	var slugs []string
	for _, rel := range e.existing("themes") {
		if e.rng.IntN(2) == 0 {
			slugs = append(slugs, slugOf(rel))
		}
	}
	return strings.Join(slugs, ", ")
}

func (e *editor) note(i int) string {
	var body strings.Builder
	for range 1 + e.rng.IntN(3) {
		body.WriteString(e.sentence())
		if e.rng.IntN(2) == 0 {
			fmt.Fprintf(&body, " See [[%s]].", e.target())
		}
		if e.rng.IntN(2) == 0 {
			body.WriteString(e.quote())
		}
		if e.rng.IntN(4) == 0 {
			body.WriteString(" Kyrgyz troops and Entity A met.")
		}
		body.WriteString("\n\n")
	}
	return fmt.Sprintf("---\ntitle: Note %d %s\ndate: 2026-11-%02d\nthemes: [%s]\n---\n%s", i, pick(e.rng, words), 1+e.rng.IntN(28), e.themes(), body.String())
}

func (e *editor) source(slug string, i int) string {
	var body strings.Builder
	for _, p := range sourceText() {
		body.WriteString(p + "\n\n")
	}
	for range e.rng.IntN(3) {
		body.WriteString(e.sentence() + " " + e.sentence() + "\n\n")
	}
	return fmt.Sprintf("---\ntitle: \"Source %s, version %d\"\nauthors: [A. Writer]\ndate: 2013-0%d-01\ncite: Writer %d\n---\n%s", slug, i, 1+e.rng.IntN(9), i, body.String())
}

func (e *editor) theme(i int) string {
	return fmt.Sprintf("---\ntitle: Theme %d\nterms:\n  - %s\n  - /%s (%s|%s)/\n---\n%s\n", i, pick(e.rng, words), pick(e.rng, words), pick(e.rng, words), pick(e.rng, words), e.sentence())
}

func (e *editor) entity(slug string) string {
	return fmt.Sprintf("---\ntitle: %s\nkind: %s\naliases: [%s]\n---\n%s\n", strings.ToUpper(slug[:1])+strings.ReplaceAll(slug[1:], "-", " "), pick(e.rng, []string{"state", "person", "organisation"}), pick(e.rng, words), e.sentence())
}

// config rewrites dossier.yaml with another title and subtitle, and
// lists the themes there are, or not.
func (e *editor) config(i int) []string {
	themes := "bases"
	if e.rng.IntN(4) == 0 {
		themes = e.themes()
	}
	return e.write("content/dossier.yaml", fmt.Sprintf("title: Test dossier %d\nsubtitle: %s\nmarking: UNCLASSIFIED // TEST\norganisation: Test cell\ndate: 2026-11-23\nthemes: [%s]\n", i, e.sentence(), themes))
}

// anyContent is a content file there is, or "".
func (e *editor) anyContent(ownOnly bool) string {
	var files []string
	for _, dir := range []string{"notes", "sources", "themes", "entities"} {
		for _, rel := range e.existing(dir) {
			if !ownOnly || !kept[slugOf(rel)] {
				files = append(files, rel)
			}
		}
	}
	if len(files) == 0 {
		return ""
	}
	return pick(e.rng, files)
}

// append adds a paragraph to a content file.
func (e *editor) append(i int) (string, []string) {
	rel := e.anyContent(false)
	if rel == "" {
		return "append to nothing", nil
	}
	data, err := os.ReadFile(e.abs(rel))
	if err != nil {
		e.t.Fatal(err)
	}
	broken, wasBroken := e.broken[rel]
	changed := e.write(rel, fmt.Sprintf("%s\n%s Edit %d.\n", data, e.sentence(), i))
	if wasBroken {
		e.broken[rel] = broken
	}
	return "append to " + rel, changed
}

func (e *editor) remove() (string, []string) {
	rel := e.anyContent(true)
	if rel == "" {
		return "remove nothing", nil
	}
	if err := os.Remove(e.abs(rel)); err != nil {
		e.t.Fatal(err)
	}
	delete(e.broken, rel)
	return "remove " + rel, []string{rel}
}

// rename moves a content file to another slug of its kind, sometimes to
// a name that is not a slug or to one taken.
func (e *editor) rename() (string, []string) {
	rel := e.anyContent(true)
	if rel == "" {
		return "rename nothing", nil
	}
	dir := filepath.ToSlash(filepath.Dir(rel))
	to := dir + "/" + path.Base(dir) + "-renamed-" + fmt.Sprint(e.rng.IntN(3)) + filepath.Ext(rel)
	switch e.rng.IntN(6) {
	case 0:
		to = dir + "/Not A Slug" + filepath.Ext(rel)
	case 1:
		to = dir + "/" + slugOf(rel) + ".txt.bak"
	}
	if e.exists(to) {
		return "rename onto a taken name: skipped", nil
	}
	if err := os.Rename(e.abs(rel), e.abs(to)); err != nil {
		e.t.Fatal(err)
	}
	if old, ok := e.broken[rel]; ok {
		delete(e.broken, rel)
		e.broken[to] = old
	}
	if !strings.HasPrefix(to, dir+"/"+path.Base(dir)+"-renamed-") {
		e.misnamed[to] = rel
	}
	return "rename " + rel + " to " + to, []string{rel, to}
}

// breakFrontMatter spoils a file's front matter, remembering the file.
func (e *editor) breakFrontMatter() (string, []string) {
	rel := e.anyContent(false)
	if e.rng.IntN(5) == 0 {
		rel = "content/dossier.yaml"
	}
	if rel == "" {
		return "break nothing", nil
	}
	data, err := os.ReadFile(e.abs(rel))
	if err != nil {
		e.t.Fatal(err)
	}
	spoilt := pick(e.rng, []func(string) string{
		func(s string) string { return strings.Replace(s, "title:", "title: [unclosed", 1) },
		func(s string) string { return strings.Replace(s, "\n---\n", "\n", 1) },
		func(s string) string { return strings.Replace(s, "title:", "title:\n  - a\n  -b: [", 1) },
		func(s string) string { return strings.Replace(s, "title:", "unknown_field: 1\ntitle:", 1) },
	})(string(data))
	before, wasBroken := e.broken[rel]
	if !wasBroken {
		before = data
	}
	changed := e.write(rel, spoilt)
	e.broken[rel] = before
	return "break " + rel, changed
}

// fix restores a file broken earlier, or moves a misnamed one back.
func (e *editor) fix() (string, []string) {
	if len(e.misnamed) > 0 && (len(e.broken) == 0 || e.rng.IntN(2) == 0) {
		from := pick(e.rng, slices.Sorted(maps.Keys(e.misnamed)))
		to := e.misnamed[from]
		delete(e.misnamed, from)
		if e.exists(to) {
			if err := os.Remove(e.abs(from)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				e.t.Fatal(err)
			}
			delete(e.broken, from)
			return "remove " + from + ", its name taken again", []string{from}
		}
		if err := os.Rename(e.abs(from), e.abs(to)); err != nil {
			e.t.Fatal(err)
		}
		if old, ok := e.broken[from]; ok {
			delete(e.broken, from)
			e.broken[to] = old
		}
		return "rename " + from + " back to " + to, []string{from, to}
	}
	if len(e.broken) == 0 {
		return "fix nothing", nil
	}
	rel := pick(e.rng, slices.Sorted(maps.Keys(e.broken)))
	data := e.broken[rel]
	if data == nil {
		if err := os.Remove(e.abs(rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			e.t.Fatal(err)
		}
		delete(e.broken, rel)
		return "fix " + rel + " by removing it", []string{rel}
	}
	return "fix " + rel, e.write(rel, string(data))
}

// mend rewrites the file a diagnostic is in with a good one, or removes
// it when it is a template or a misnamed file.
func (e *editor) mend(i int, d site.Diagnostic) (string, []string) {
	rel, err := filepath.Rel(e.dir, d.Pos.Path)
	if err != nil {
		e.t.Fatal(err)
	}
	rel = filepath.ToSlash(rel)
	dir, name := path.Split(rel)
	slug := slugOf(rel)
	switch {
	case rel == "content/sources/tynan-2013.txt":
		data, err := os.ReadFile("../../testdata/site/sources/tynan-2013.txt")
		if err != nil {
			e.t.Fatal(err)
		}
		return "mend " + rel, e.write(rel, string(data))
	case rel == "content/index.md":
		return "mend " + rel, e.write(rel, "---\ntitle: Key judgements\n---\nSee [[bases]].\n")
	case rel == "content/dossier.yaml":
		return "mend " + rel, e.config(i)
	case !contentName.MatchString(name) || strings.HasPrefix(dir, "templates/"):
		if err := os.Remove(e.abs(rel)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			e.t.Fatal(err)
		}
		delete(e.broken, rel)
		delete(e.misnamed, rel)
		return "mend " + rel + " by removing it", []string{rel}
	case dir == "content/notes/":
		return "mend " + rel, e.write(rel, e.note(i))
	case dir == "content/sources/":
		return "mend " + rel, e.write(rel, e.source(slug, i))
	case dir == "content/themes/":
		return "mend " + rel, e.write(rel, e.theme(i))
	case dir == "content/entities/":
		return "mend " + rel, e.write(rel, e.entity(slug))
	}
	return e.fix()
}

// touch writes a file again with the bytes it has.
func (e *editor) touch() (string, []string) {
	rel := e.anyContent(false)
	if rel == "" {
		return "touch nothing", nil
	}
	data, err := os.ReadFile(e.abs(rel))
	if err != nil {
		e.t.Fatal(err)
	}
	broken, wasBroken := e.broken[rel]
	changed := e.write(rel, string(data))
	if wasBroken {
		e.broken[rel] = broken
	}
	return "touch " + rel, changed
}

// own writes one of the site's own templates or static files: the
// built-in one with a visible change, or a new script.
func (e *editor) own(i int) (string, []string) {
	rel := pick(e.rng, ownFiles)
	name := strings.TrimPrefix(strings.TrimPrefix(rel, "templates/"), "static/")
	var text string
	switch {
	case rel == "static/extra.js":
		text = fmt.Sprintf("console.log(%d);\n", i)
	case strings.HasPrefix(rel, "static/"):
		text = string(builtin(e.t, statics.FS, name)) + fmt.Sprintf("\nbody { --edit: %d; }\n", i)
	default:
		text = string(builtin(e.t, templates.FS, name))
		mark := fmt.Sprintf(` data-edit="%d"`, i)
		for _, tag := range []string{`<header class="page-header"`, `<ul class="note-list"`, `<html lang="en"`} {
			if strings.Contains(text, tag) {
				text = strings.Replace(text, tag, tag+mark, 1)
				break
			}
		}
	}
	return "write " + rel, e.write(rel, text)
}

func builtin(t *testing.T, fsys fs.FS, name string) []byte {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// removeOwn removes one of the site's own files, or its whole templates
// or static folder.
func (e *editor) removeOwn() (string, []string) {
	rel := pick(e.rng, append(slices.Clone(ownFiles), "templates", "static"))
	if !e.exists(rel) {
		return "remove " + rel + ": not there", nil
	}
	if err := os.RemoveAll(e.abs(rel)); err != nil {
		e.t.Fatal(err)
	}
	for p := range e.broken {
		if p == rel || strings.HasPrefix(p, rel+"/") {
			delete(e.broken, p)
		}
	}
	return "remove " + rel, []string{rel}
}

// breakTemplate writes a template that does not parse, or fails when it
// runs.
func (e *editor) breakTemplate() (string, []string) {
	rel := pick(e.rng, []string{"templates/note.html", "templates/theme.html", "templates/partials.html"})
	text := `{{define "main"}}{{.Nope`
	if e.rng.IntN(2) == 0 {
		text = `{{define "main"}}{{template "missing" .}}{{end}}`
	}
	if rel == "templates/partials.html" {
		text = `{{define "notes"}}{{range}}{{end}}`
	}
	before, err := os.ReadFile(e.abs(rel))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		e.t.Fatal(err)
	}
	_, wasBroken := e.broken[rel]
	changed := e.write(rel, text)
	if !wasBroken {
		e.broken[rel] = before
	}
	return "break " + rel, changed
}

// copyDir copies the files below src into dst, modified at mtime.
func copyDir(t *testing.T, src, dst string, mtime time.Time) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(to, mtime, mtime)
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
}
