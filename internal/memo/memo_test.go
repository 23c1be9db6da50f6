package memo

import (
	"fmt"
	"testing"
)

// The memo keeps at most its limit of entries and drops the one used
// least recently; a lookup under a stale key counts as a use, and a put
// for a name it has replaces the entry rather than adding one.
func TestMemoEvictsLeastRecentlyUsed(t *testing.T) {
	m := New(3)
	for i, name := range []string{"a", "b", "c"} {
		m.Put(name, uint64(i), []byte(name))
	}
	if _, ok := m.Get("a", 0); !ok {
		t.Fatal("a is missing before the memo is full")
	}
	m.Get("b", 99)              // stale key: a miss, but b was used
	m.Put("d", 3, []byte("d"))  // c goes
	m.Put("b", 7, []byte("b7")) // b's entry is replaced

	for _, tc := range []struct {
		name string
		key  uint64
		want string // "" for evicted or stale
	}{
		{"a", 0, "a"},
		{"b", 1, ""},
		{"b", 7, "b7"},
		{"c", 2, ""},
		{"d", 3, "d"},
	} {
		v, ok := m.Get(tc.name, tc.key)
		got, _ := v.([]byte)
		if ok != (tc.want != "") || string(got) != tc.want {
			t.Errorf("Get(%q, %d) = %q, %v; want %q", tc.name, tc.key, got, ok, tc.want)
		}
	}
	if len(m.entries) != 3 || m.recent.Len() != 3 {
		t.Errorf("memo holds %d entries (%d listed), want its limit of 3", len(m.entries), m.recent.Len())
	}
}

// Past the limit, the entries that go are those not used since the
// others: the pages each build asks for survive a stream of names asked
// for once.
func TestMemoKeepsRecentlyUsedUnderPressure(t *testing.T) {
	m := New(100)
	hot := func(i int) string { return fmt.Sprintf("hot-%d", i) }
	for round := range 20 {
		for i := range 50 {
			if _, ok := m.Get(hot(i), 1); !ok && round > 0 {
				t.Fatalf("round %d: %s, used on every round, was evicted", round, hot(i))
			}
			m.Put(hot(i), 1, nil)
		}
		for i := range 30 {
			m.Put(fmt.Sprintf("once-%d-%d", round, i), 1, nil)
		}
	}
	if len(m.entries) != 100 {
		t.Errorf("memo holds %d entries, want its limit of 100", len(m.entries))
	}
}
