package memo

import (
	"hash/maphash"
	"reflect"
	"testing"
)

func hashOf(t *testing.T, seed maphash.Seed, v any) uint64 {
	t.Helper()
	var h maphash.Hash
	h.SetSeed(seed)
	if err := hashValue(&h, reflect.ValueOf(v)); err != nil {
		t.Fatal(err)
	}
	return h.Sum64()
}

func TestHashValueTellsViewsApart(t *testing.T) {
	seed := maphash.MakeSeed()
	type entry struct{ Title, Href string }
	type noteData struct{ Body string }
	type view struct {
		Title string
		Links []entry
		Data  any
		Meta  map[string]string
	}
	base := view{Title: "a", Links: []entry{{Title: "x", Href: "y"}}, Data: &noteData{Body: "<p>b</p>"}, Meta: map[string]string{"k": "v", "j": "w"}}
	variants := []view{
		{Title: "b", Links: base.Links, Data: base.Data, Meta: base.Meta},
		{Title: "a", Links: []entry{{Title: "xy", Href: ""}}, Data: base.Data, Meta: base.Meta},
		{Title: "a", Links: nil, Data: base.Data, Meta: base.Meta},
		{Title: "a", Links: base.Links, Data: &noteData{Body: "<p>c</p>"}, Meta: base.Meta},
		{Title: "a", Links: base.Links, Data: nil, Meta: base.Meta},
		{Title: "a", Links: base.Links, Data: base.Data, Meta: map[string]string{"k": "v"}},
	}
	h := hashOf(t, seed, base)
	for i, v := range variants {
		if hashOf(t, seed, v) == h {
			t.Errorf("variant %d hashes like the base view", i)
		}
	}
	same := view{Title: "a", Links: []entry{{Title: "x", Href: "y"}}, Data: &noteData{Body: "<p>b</p>"}, Meta: map[string]string{"j": "w", "k": "v"}}
	if hashOf(t, seed, same) != h {
		t.Error("an equal view, built anew, hashes differently")
	}
}
