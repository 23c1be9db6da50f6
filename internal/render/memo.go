package render

import (
	"hash/maphash"
	"reflect"
	"sync"
)

// Memo remembers what a Renderer made, keyed by a hash of everything the
// making read. A page is a pure function of its template and its view
// data, and a Markdown document of its text, its resolved links and where
// it is shown; so when those hash the same as in the previous build, the
// previous bytes are reused. This is what makes rebuilds incremental: an
// edit re-renders the pages whose data it changed (the note, the pages
// listing it, the sources it cites, its link targets' backlinks) and no
// others, and a rebuild always equals a full build.
type Memo struct {
	seed    maphash.Seed
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	key   uint64
	value any
}

// NewMemo returns an empty memo. Keep one for the life of a process that
// builds repeatedly (dossier serve) and pass it to each Renderer.
func NewMemo() *Memo {
	return &Memo{seed: maphash.MakeSeed(), entries: map[string]memoEntry{}}
}

// key hashes values: everything a rendering reads.
func (m *Memo) key(values ...any) (uint64, error) {
	var h maphash.Hash
	h.SetSeed(m.seed)
	for _, v := range values {
		if err := hashValue(&h, reflect.ValueOf(v)); err != nil {
			return 0, err
		}
	}
	return h.Sum64(), nil
}

// get returns the bytes stored for name under key, if any.
func (m *Memo) get(name string, key uint64) ([]byte, bool) {
	v, ok := m.getValue(name, key)
	b, _ := v.([]byte)
	return b, ok
}

func (m *Memo) put(name string, key uint64, data []byte) { m.putValue(name, key, data) }

// getValue returns the value stored for name under key, if any.
func (m *Memo) getValue(name string, key uint64) (any, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.entries[name]
	if !ok || e.key != key {
		return nil, false
	}
	return e.value, true
}

func (m *Memo) putValue(name string, key uint64, value any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[name] = memoEntry{key: key, value: value}
}
