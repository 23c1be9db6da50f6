// Package memo is the render stage's cache: it remembers what was
// rendered, pages and Markdown documents, keyed by a hash of everything
// the rendering read, from one build to the next.
package memo

import (
	"container/list"
	"hash/maphash"
	"reflect"
	"sync"
)

// Memo remembers what a renderer made, keyed by a hash of everything the
// making read. A page is a pure function of its template and its view
// data, and a Markdown document of its text, its resolved links and where
// it is shown; so when those hash the same as in the previous build, the
// previous bytes are reused. This is what makes rebuilds incremental: an
// edit re-renders the pages whose data it changed (the note, the pages
// listing it, the sources it cites, its link targets' backlinks) and no
// others, and a rebuild always equals a full build.
//
// It keeps one entry per name (a page's path, a document's web or print
// rendering), the latest, and at most limit of them: past that, the least
// recently used goes. Without the bound, a long dossier serve session
// would keep every page it ever rendered, renamed and deleted ones too.
// Package build's doc sets out how the memo fits with the other caches.
type Memo struct {
	seed  maphash.Seed
	limit int
	mu    sync.Mutex
	// entries holds each name's element of recent, whose values are
	// *memoEntry, most recently used first.
	entries map[string]*list.Element
	recent  *list.List
}

type memoEntry struct {
	name  string
	key   uint64
	value any
}

// New returns an empty memo that keeps at most limit entries. Keep one
// for the life of a process that builds repeatedly (dossier serve) and
// pass it to each renderer.
func New(limit int) *Memo {
	return &Memo{seed: maphash.MakeSeed(), limit: limit, entries: map[string]*list.Element{}, recent: list.New()}
}

// Key hashes values: everything a rendering reads.
func (m *Memo) Key(values ...any) (uint64, error) {
	var h maphash.Hash
	h.SetSeed(m.seed)
	for _, v := range values {
		if err := hashValue(&h, reflect.ValueOf(v)); err != nil {
			return 0, err
		}
	}
	return h.Sum64(), nil
}

// Get returns the value stored for name under key, if any.
func (m *Memo) Get(name string, key uint64) (any, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.entries[name]
	if !ok {
		return nil, false
	}
	// A lookup under another key is a use too: the put that follows
	// replaces the entry.
	m.recent.MoveToFront(el)
	e := el.Value.(*memoEntry)
	if e.key != key {
		return nil, false
	}
	return e.value, true
}

// Put stores value for name under key, in place of what name had,
// and drops the least recently used entries past the limit.
func (m *Memo) Put(name string, key uint64, value any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if el, ok := m.entries[name]; ok {
		*el.Value.(*memoEntry) = memoEntry{name: name, key: key, value: value}
		m.recent.MoveToFront(el)
		return
	}
	m.entries[name] = m.recent.PushFront(&memoEntry{name: name, key: key, value: value})
	for m.recent.Len() > m.limit {
		oldest := m.recent.Back()
		delete(m.entries, oldest.Value.(*memoEntry).name)
		m.recent.Remove(oldest)
	}
}
