// Package build runs the pipeline from a content folder to site files:
// load -> normalise sources -> parse Markdown -> resolve -> render. It
// keeps what it derived from unchanged inputs between runs, so a Builder
// that lives as long as `dossier serve` rebuilds only what an edit
// touched. Writing the result is left to the caller.
//
// # The cache model
//
// One invariant holds every cache below: a rebuild after any edit, or
// any batch of edits, gives what a fresh build of the same folders
// gives, file for file, or the same diagnostics. A cache may only skip
// work, never change its result, so each is keyed by the inputs of the
// work it skips, compared by content. Where a cache compares a pointer
// or a version number instead, that identity stands for content: it is
// reused exactly when the content it was made from is the same, a chain
// that starts at load's comparison of file text. A one-shot build
// (Options.OneShot) keeps no cache. TestRandomEditsEqualFreshBuilds
// checks the invariant over hundreds of random edits.
//
// The caches, in pipeline order:
//
//   - load.Cache keeps each content file's decoded document and
//     diagnostics, and each folder's listing, by path. Which files to
//     read again is decided by the paths the watcher reported (Forget),
//     or, without them or in a folder that holds symlinks, by each
//     file's size and modification time, re-reading any file modified
//     within two seconds of its last read. The key of the document is
//     the file's text: a file read again for the same bytes keeps its
//     earlier result, the very same strings. Invalidated by a changed
//     text; entries of files and folders gone are dropped at each load.
//     Hashing every file instead of stating it would read the whole
//     site on every rebuild.
//   - Builder.sources keeps each source's cleaned text (Normalised), by
//     path. Key: the source's document, metadata and cleaning rules,
//     compared by value. A source that matches is the last build's
//     *site.Source, so later caches may compare sources by pointer.
//   - Builder.parsed keeps each Markdown document's tree
//     (resolve.Tree), by path. Key: the body's text (a quick
//     pointer-equal string compare when load kept the text). A new body
//     means a new tree pointer, which the resolve cache keys on.
//   - Options.Links, for the first build only, are the wikilinks an
//     earlier run found (package linkcache, on disk). Key: the text's
//     length and two CRC-32s, in a file written by the same binary. A
//     document they know gets a tree parsed when something reads it,
//     and resolves from those links meanwhile; the tree's own wikilinks
//     have the same Index, by which the links are looked up.
//   - resolve.Cache keeps, per source path, its quote index (key: body
//     and cleaning rules), the theme term spans in its passages (key:
//     body, rules and every theme's terms) and the entity names in them
//     (key: body, rules and every entity's names); per document, what
//     its wikilinks resolve to (key: body, its first line, its tree and
//     the world version) and the citations they make (key: those links,
//     the document's target and the sources generation); per note, the
//     entities it names (key: title, body and every entity's names). The
//     world, every link target and source, gets a new version when the
//     targets' kinds, slugs and titles, the sources' slugs, bodies,
//     rules and cite keys, or the documents' slugs change; the sources
//     generation moves when the sources are other pointers. Backlinks
//     are kept per world version, each theme's note order per the notes'
//     dates and titles. Entries of documents and sources gone are
//     dropped at each resolve.
//   - Builder.renderer keeps the parsed templates and read static files.
//     Key: a hash of the paths and bytes of the site's own templates and
//     static folders (the built-in ones are fixed for the life of the
//     program). Not the paths an edit named: an edit made while the
//     content does not load reaches no renderer, and the build after it
//     must still see it. A folder holding a symlink is not hashed, and
//     the renderer is then made on every build.
//   - memo.Memo keeps each rendered page, web rendering and print
//     rendering of a document, by name (a page's path, a document's
//     path). Key: a hash of everything the rendering reads, by value:
//     the page's template version (a hash of its template files) and
//     view data, or a document's text, resolved links and where it is
//     shown. An entry is replaced when its key changes, and the least
//     recently used go past memoLimit entries, which holds a
//     10,000-note site.
package build
