package build

import (
	"encoding/binary"
	"errors"
	"hash/maphash"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/confine"
	"github.com/dossier-dev/dossier/internal/edition"
	"github.com/dossier-dev/dossier/internal/layer"
	"github.com/dossier-dev/dossier/internal/linkcache"
	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/memo"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/passage"
	"github.com/dossier-dev/dossier/internal/render"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
	statics "github.com/dossier-dev/dossier/static"
	"github.com/dossier-dev/dossier/templates"
)

// Options name the folders a build reads.
type Options struct {
	Content   string
	Templates string
	Static    string
	// StableAssetNames leaves static files unfingerprinted, for dossier
	// serve: a stylesheet edit then changes no page.
	StableAssetNames bool
	// BaseURL, when set, replaces dossier.yaml's base_url: the absolute
	// address the site is published at, used in sitemap.xml, feed.xml
	// and robots.txt.
	BaseURL string
	// OneShot says the Builder builds once, so remembering rendered
	// pages for the next build is wasted work.
	OneShot bool
	// HTMLTemplate runs the page templates on html/template only, not
	// on tmplexec (dossier's --html-template).
	HTMLTemplate bool
	// Rendering, if set, is called when BuildTo has read, parsed and
	// resolved the content and begins to render it: the heap stops
	// growing then, and starts making garbage a page at a time.
	Rendering func()
	// Links, if set, are the wikilinks an earlier run found in texts
	// (package linkcache): the first build takes a document's from here
	// rather than parsing it, and parses it when something reads its
	// tree. dossier serve sets them.
	Links linkcache.Links
}

// Result is a successful build: the index and the site.
type Result struct {
	Index *resolve.Index
	// Site makes the site's files; Build and BuildTo have made them all.
	Site *render.Site
	// Files is every file of the site, from Build only.
	Files output.Files
	// Rendered counts the pages and documents rendered anew rather than
	// reused from the previous build of this Builder.
	Rendered render.Stats
	// Parsed counts the documents the build parsed before resolving:
	// not those whose trees it reused from the previous build, nor those
	// whose wikilinks it took from Options.Links (which Cached counts) or,
	// at the first build of a Builder that is not one-shot, from a scan
	// (markdown.QuickLinks, which Scanned counts). Those are parsed when
	// something reads their trees.
	Parsed, Cached, Scanned int
}

// Builder builds a site, remembering derived data between builds.
type Builder struct {
	opts Options
	md   *markdown.Markdown
	memo *memo.Memo
	// resolved carries resolve's work on unchanged sources across
	// builds; nil for one-shot builds.
	resolved *resolve.Cache
	// loaded carries each content file's decoded document across
	// builds; nil for one-shot builds.
	loaded *load.Cache

	// sources are the last build's cleaned sources, by path, and parsed
	// its parsed documents.
	sources map[string]*site.Source
	parsed  map[string]parsedDoc
	// links is Options.Links until the first build has used them.
	links linkcache.Links
	// renderer is the last build's, made from the own templates and
	// static files that hash to rendererKey; nil for one-shot builds.
	renderer    *render.Renderer
	rendererKey uint64
	seed        maphash.Seed
	// contentLinks is set once the content folder has shown a symlink.
	contentLinks bool
	// previous is the last build's earlier edition, decoded from
	// previousBody.
	previous     *edition.Edition
	previousBody string
}

// parsedDoc remembers what a document's text gave, to reuse while the
// text stays the same.
type parsedDoc struct {
	body string
	tree *resolve.Tree
}

// New returns a Builder for the folders in opts.
func New(opts Options) *Builder {
	links := opts.Links
	opts.Links = nil // for the first build only: see parse
	return &Builder{
		opts:     opts,
		md:       markdown.New(),
		memo:     memoFor(opts),
		resolved: cacheFor(opts),
		loaded:   loadCacheFor(opts),
		sources:  map[string]*site.Source{},
		parsed:   map[string]parsedDoc{},
		links:    links,
		seed:     maphash.MakeSeed(),
	}
}

func cacheFor(opts Options) *resolve.Cache {
	if opts.OneShot {
		return nil
	}
	return resolve.NewCache()
}

func loadCacheFor(opts Options) *load.Cache {
	if opts.OneShot {
		return nil
	}
	return load.NewCache()
}

func memoFor(opts Options) *memo.Memo {
	if opts.OneShot {
		return nil
	}
	return memo.New(memoLimit)
}

// memoLimit bounds the rendered pages and documents a Builder remembers.
// A 10,000-note site renders about 30,000 (a page, a web rendering and a
// print rendering per note, and the pages of sources, themes, entities
// and lists): the limit holds all of them and room for the renamed and
// deleted pages of a long session, but not many more.
const memoLimit = 48_000

// Build runs the whole pipeline and returns the site in memory. Content
// problems come back as diagnostics; err is for failures that are not
// the content's fault.
func (b *Builder) Build() (*Result, site.Diagnostics, error) { return b.buildAfter(nil) }

// buildAfter is Build after the files in changed changed (see SiteAfter).
func (b *Builder) buildAfter(changed []string) (*Result, site.Diagnostics, error) {
	res, diags, err := b.SiteAfter(changed)
	if err != nil || len(diags) > 0 {
		return nil, diags, err
	}
	files, diags, err := res.Site.All()
	if err != nil || len(diags) > 0 {
		diags.Sort()
		return nil, diags, err
	}
	res.Files, res.Rendered = files, res.Site.Rendered()
	return res, nil, nil
}

// BuildTo runs the whole pipeline and hands each file of the site to
// sink as soon as it is made (from many goroutines), so that a large
// site is never held in memory; the Result's Files is nil. On
// diagnostics or an error, sink may have been given some files: the
// caller discards them (output.Stage.Abort).
func (b *Builder) BuildTo(sink render.Sink) (*Result, site.Diagnostics, error) {
	res, diags, err := b.Site()
	if err != nil || len(diags) > 0 {
		return nil, diags, err
	}
	if b.opts.Rendering != nil {
		b.opts.Rendering()
	}
	diags, err = res.Site.To(sink)
	if err != nil || len(diags) > 0 {
		diags.Sort()
		return nil, diags, err
	}
	res.Rendered = res.Site.Rendered()
	return res, nil, nil
}

// Site runs the pipeline up to rendering: the Result's Site makes each
// file when asked for it.
func (b *Builder) Site() (*Result, site.Diagnostics, error) { return b.SiteAfter(nil) }

// SiteAfter is Site after an edit: changed names the files (as the
// watcher reported them) that are all that changed since this Builder's
// last build, so that work on the others is reused without looking at
// them again. nil means anything may have changed. This is what `dossier
// serve` uses, rendering only the pages a browser asks for.
func (b *Builder) SiteAfter(changed []string) (*Result, site.Diagnostics, error) {
	c, diags := b.load(changed)
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags, nil
	}
	if b.opts.BaseURL != "" {
		c.Config.BaseURL = strings.TrimSuffix(b.opts.BaseURL, "/")
	}
	docs, n := b.prepare(c)
	idx, diags := resolve.Resolve(c, docs, b.resolved)
	previous, pdiags := b.previousEdition(c)
	diags = append(diags, pdiags...)
	r, tdiags := b.newRenderer()
	diags = append(diags, tdiags...)
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags, nil
	}
	return &Result{Index: idx, Site: r.Site(idx, previous), Parsed: n.parsed, Cached: n.cached, Scanned: n.scanned}, nil, nil
}

// Resolve runs the pipeline up to the index, for commands that read the
// dossier rather than build it (dossier changes). Unlike Site it returns
// the index even when resolving found problems, such as quotes no longer
// in their sources, with those problems; the index is nil only when the
// content could not be loaded.
func (b *Builder) Resolve() (*resolve.Index, site.Diagnostics) {
	c, diags := b.load(nil)
	if len(diags) > 0 {
		diags.Sort()
		return nil, diags
	}
	docs, _ := b.prepare(c)
	idx, diags := resolve.Resolve(c, docs, b.resolved)
	diags.Sort()
	return idx, diags
}

// previousEdition decodes the earlier edition the content names, or
// takes it from the last build while its text is the same: under serve
// every edit rebuilds, and a 10,000-note edition.json takes a while to
// decode.
func (b *Builder) previousEdition(c *site.Content) (*edition.Edition, site.Diagnostics) {
	if c.Previous == nil {
		return nil, nil
	}
	if b.previous != nil && b.previousBody == c.Previous.Body {
		return b.previous, nil
	}
	e, diags := edition.Previous(c)
	if !b.opts.OneShot {
		b.previous, b.previousBody = e, c.Previous.Body
	}
	return e, diags
}

// load reads the content folder, or, for a Builder that builds again,
// only the files that changed since its last build: those named in
// changed, or, with changed nil or a folder that has held symlinks, those
// whose size or time differ.
func (b *Builder) load(changed []string) (*site.Content, site.Diagnostics) {
	fsys := confine.Open(b.opts.Content, "content")
	defer fsys.Close()
	if b.loaded == nil {
		return load.Load(fsys, b.opts.Content)
	}
	// An edit to a link's target is reported under the target's name
	// only, so in a folder with links the cache must look at every file,
	// statting each link's target. Links in the sub-folders show in
	// their listings; the top of the folder is listed here, as load
	// reads its files by name.
	_, _ = fs.ReadDir(fsys, ".")
	defer func() { b.contentLinks = b.contentLinks || fsys.SawLink() }()
	if changed != nil && !b.contentLinks && !fsys.SawLink() {
		var rel []string
		if abs, err := filepath.Abs(b.opts.Content); err == nil {
			for _, p := range changed {
				if r, err := filepath.Rel(abs, p); err == nil {
					rel = append(rel, filepath.ToSlash(r))
				}
			}
		}
		// Even with no content file among them, Forget says that these
		// are all the changes: the rest is not looked at again.
		b.loaded.Forget(rel...)
	}
	return load.LoadCached(fsys, b.opts.Content, b.loaded)
}

// newRenderer parses the templates and reads the static files, or reuses
// the last build's renderer when the site's own templates and static
// files are those it was made from. Their bytes are the key, not the
// paths an edit named: an edit made while the content does not load
// reaches no renderer, and the next build, told only of a content file,
// must still see it.
func (b *Builder) newRenderer() (*render.Renderer, site.Diagnostics) {
	var key uint64
	keyed := false
	if !b.opts.OneShot {
		// Hashed before the files are read for the renderer: a file
		// saved in between makes the key stale, and the next build
		// makes the renderer again.
		key, keyed = b.ownFiles()
		if keyed && b.renderer != nil && key == b.rendererKey {
			return b.renderer, nil
		}
	}
	tmpl, closeTemplates := layered(b.opts.Templates, "templates", templates.FS)
	defer closeTemplates()
	static, closeStatic := layered(b.opts.Static, "static", statics.FS)
	defer closeStatic()
	r, diags := render.New(b.md, render.Options{
		Templates:    tmpl,
		Static:       static,
		TemplatesDir: b.opts.Templates,
		StaticDir:    b.opts.Static,
		Fingerprint:  !b.opts.StableAssetNames,
		Memo:         b.memo,
		HTMLTemplate: b.opts.HTMLTemplate,
	})
	b.renderer = nil
	if len(diags) == 0 && keyed {
		b.renderer, b.rendererKey = r, key
	}
	return r, diags
}

// errUnkeyed stops the hashing of a folder that holds more than plain
// files and folders.
var errUnkeyed = errors.New("not a regular file")

// ownFiles hashes the paths and bytes of the files in the site's own
// templates and static folders, which with the built-in files (fixed for
// the life of the program) are all a renderer is made from. ok is false
// when a folder holds a symlink or cannot be read through: what it
// stands for is then not known, and the renderer is made anew. The
// folders are small (templates and stylesheets), so reading them on
// every build costs less than a millisecond.
func (b *Builder) ownFiles() (sum uint64, ok bool) {
	var h maphash.Hash
	h.SetSeed(b.seed)
	for _, dir := range []string{b.opts.Templates, b.opts.Static} {
		h.WriteString(dir)
		h.WriteByte(0)
		// As layered does: a folder that is not there is the built-in one.
		if info, err := os.Stat(dir); dir == "" || err != nil || !info.IsDir() {
			h.WriteByte(0)
			continue
		}
		h.WriteByte(1)
		fsys := confine.Open(dir, "")
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			if !d.Type().IsRegular() {
				return errUnkeyed
			}
			data, err := fsys.ReadFile(p)
			if err != nil {
				return err
			}
			var n [8]byte
			binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
			h.Write(n[:])
			h.WriteString(p)
			binary.LittleEndian.PutUint64(n[:], uint64(len(data)))
			h.Write(n[:])
			h.Write(data)
			return nil
		})
		fsys.Close()
		if err != nil {
			return 0, false
		}
	}
	return h.Sum64(), true
}

// layered puts a site's own folder, when it has one, over the built-in
// files; kind names it in messages. The folder stays open until the
// returned func is called.
func layered(dir, kind string, builtin fs.FS) (fs.FS, func() error) {
	if info, err := os.Stat(dir); dir != "" && err == nil && info.IsDir() {
		own := confine.Open(dir, kind)
		return layer.FS{own, builtin}, own.Close
	}
	return builtin, func() error { return nil }
}

// prepare cleans the sources and parses the Markdown at the same time:
// a few large sources would otherwise leave a core idle. It returns the
// documents, and how many it parsed, took from the link cache and
// scanned.
func (b *Builder) prepare(c *site.Content) ([]*resolve.Parsed, parseCounts) {
	done := make(chan struct{})
	go func() {
		b.normalise(c)
		close(done)
	}()
	docs, n := b.parse(c)
	<-done
	return docs, n
}

// parseCounts say how a build came by its documents' wikilinks: by
// parsing, from the link cache, or by a scan (see Result).
type parseCounts struct{ parsed, cached, scanned int }

// normalise cleans every source, in parallel. A source whose file gave
// the same as at the last build is that build's source, cleaned then:
// resolve keeps its work per source, and finds it fastest by pointer.
func (b *Builder) normalise(c *site.Content) {
	parallel.For(len(c.Sources), func(i int) {
		s := c.Sources[i]
		if prev := b.sources[s.Path]; prev != nil && sameSource(prev, s) {
			c.Sources[i] = prev
			return
		}
		s.Normalised = passage.Normalise(s.Body, s.Rules)
	})
	if !b.opts.OneShot {
		b.sources = make(map[string]*site.Source, len(c.Sources))
		for _, s := range c.Sources {
			b.sources[s.Path] = s
		}
	}
}

// sameSource reports whether two loads of a source file gave the same.
func sameSource(a, b *site.Source) bool {
	return a.Doc == b.Doc && reflect.DeepEqual(a.Meta, b.Meta) && reflect.DeepEqual(a.Rules, b.Rules)
}

// parse parses every Markdown document, in parallel, reusing the tree of
// a document whose text has not changed. A document whose wikilinks the
// link cache knows, or at serve's start a scan is sure of, is parsed
// only when something reads its tree. It returns the documents, and how
// many it parsed, took from the cache and scanned.
func (b *Builder) parse(c *site.Content) ([]*resolve.Parsed, parseCounts) {
	docs := resolve.Documents(c)
	var todo, lazy []*resolve.Parsed
	found := 0 // documents the map holds, with their text or another
	for _, d := range docs {
		p, ok := b.parsed[d.Doc.Path]
		if ok {
			found++
		}
		if ok && p.body == d.Doc.Body {
			d.Tree = p.tree
			continue
		}
		if links, ok := b.cachedLinks(d.Src); ok {
			d.Tree = b.lazyTree(d.Src, links)
			lazy = append(lazy, d)
			continue
		}
		todo = append(todo, d)
	}
	// The cache is for the first build: later ones parse only edits,
	// whose pages want their trees at once.
	b.links = nil
	// On the first build of a Builder that keeps its trees (dossier
	// serve's start), a document whose links a scan is sure of waits to
	// be parsed as one from the cache does.
	scan := !b.opts.OneShot && len(b.parsed) == 0
	var scanned atomic.Int64
	parallel.For(len(todo), func(i int) {
		d := todo[i]
		if scan {
			if links, ok := markdown.QuickLinks(d.Src); ok {
				d.Tree = b.lazyTree(d.Src, links)
				scanned.Add(1)
				return
			}
		}
		d.Tree = resolve.ParsedTree(b.md.Parse(d.Src), b.parser(d.Src))
	})
	n := parseCounts{parsed: len(todo) - int(scanned.Load()), cached: len(lazy), scanned: int(scanned.Load())}
	if b.opts.OneShot {
		return docs, n
	}
	if found == len(b.parsed) {
		// No document is gone: the map takes the parsed ones alone,
		// rather than being made anew for every edit (a few ms at
		// 10,000 notes).
		for _, d := range slices.Concat(todo, lazy) {
			b.parsed[d.Doc.Path] = parsedDoc{body: d.Doc.Body, tree: d.Tree}
		}
		return docs, n
	}
	// A fresh map drops the documents that are gone.
	b.parsed = make(map[string]parsedDoc, len(docs))
	for _, d := range docs {
		b.parsed[d.Doc.Path] = parsedDoc{body: d.Doc.Body, tree: d.Tree}
	}
	return docs, n
}

// lazyTree is the tree of the text src, whose wikilinks are links,
// parsed when something first reads it.
func (b *Builder) lazyTree(src []byte, links []*wikilink.Node) *resolve.Tree {
	return resolve.LazyTree(b.parser(src), links)
}

// parser parses the text src.
func (b *Builder) parser(src []byte) func() ast.Node {
	return func() ast.Node { return b.md.Parse(src) }
}

// cachedLinks are the wikilinks the link cache holds for the text src,
// if it holds them.
func (b *Builder) cachedLinks(src []byte) ([]*wikilink.Node, bool) {
	if b.links == nil {
		return nil, false
	}
	links, ok := b.links[linkcache.KeyOf(src)]
	return links, ok
}

// Links are the wikilinks of every document of the last build, by its
// text, for the link cache: what the first build of a later run takes
// rather than parsing. Call it between builds, not during one; a
// one-shot Builder keeps no documents and has none.
func (b *Builder) Links() linkcache.Links {
	paths := slices.Collect(maps.Keys(b.parsed))
	keys := make([]linkcache.Key, len(paths))
	nodes := make([][]*wikilink.Node, len(paths))
	parallel.For(len(paths), func(i int) {
		d := b.parsed[paths[i]]
		keys[i] = linkcache.KeyOf(unsafe.Slice(unsafe.StringData(d.body), len(d.body)))
		nodes[i] = d.tree.Wikilinks()
	})
	links := make(linkcache.Links, len(paths))
	for i, k := range keys {
		links[k] = nodes[i]
	}
	return links
}
