package graph

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// synthetic is a graph like a dossier's: a few hubs (themes), some
// sources and entities, and notes that each link to a hub and a couple
// of others. It is made without randomness.
func synthetic(n int) ([]float64, [][2]int32) {
	r := make([]float64, n)
	var edges [][2]int32
	hubs := max(1, min(8, n/10))
	for i := range r {
		r[i] = 3
		if i < hubs {
			r[i] = 12
		}
		if i >= hubs {
			edges = append(edges, [2]int32{int32(i), int32(i % hubs)})
			if j := (i * 7919) % n; j != i {
				edges = append(edges, [2]int32{int32(i), int32(j)})
			}
			if i%3 == 0 {
				edges = append(edges, [2]int32{int32(i), int32(hubs + (i*31)%max(1, n-hubs))})
			}
		}
	}
	return r, edges
}

func TestLayout(t *testing.T) {
	for _, tc := range []struct {
		name  string
		r     []float64
		edges [][2]int32
	}{
		{"one", []float64{5}, nil},
		{"two linked", []float64{5, 8}, [][2]int32{{0, 1}}},
		{"unlinked", []float64{4, 4, 4, 4, 4, 4}, nil},
		{"self link", []float64{4, 6}, [][2]int32{{0, 0}, {0, 1}}},
		{"star", append([]float64{15}, slices.Repeat([]float64{3}, 40)...), star(41)},
		{"synthetic 300", nil, nil},
		{"synthetic 1000", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, edges := tc.r, tc.edges
			if r == nil {
				var n int
				fmt.Sscanf(tc.name, "synthetic %d", &n)
				r, edges = synthetic(n)
			}
			res := Layout(r, edges, Options{})
			again := Layout(r, edges, Options{})
			if !slices.Equal(res.Pos, again.Pos) {
				t.Error("two layouts of the same graph differ")
			}
			if len(res.Pos) != len(r) {
				t.Fatalf("%d positions for %d nodes", len(res.Pos), len(r))
			}
			const tolerance = 0.5
			for i, p := range res.Pos {
				if math.IsNaN(p.X) || math.IsNaN(p.Y) {
					t.Fatalf("node %d is at %v", i, p)
				}
				if p.X-r[i] < -tolerance || p.Y-r[i] < -tolerance || p.X+r[i] > res.Width+tolerance || p.Y+r[i] > res.Height+tolerance {
					t.Errorf("node %d (r %g) at %v is outside the %gx%g box", i, r[i], p, res.Width, res.Height)
				}
			}
			overlaps := 0
			for i := range res.Pos {
				for j := i + 1; j < len(res.Pos); j++ {
					if d := math.Hypot(res.Pos[i].X-res.Pos[j].X, res.Pos[i].Y-res.Pos[j].Y); d < r[i]+r[j]-tolerance {
						overlaps++
					}
				}
			}
			if overlaps > 0 {
				t.Errorf("%d pairs of nodes overlap", overlaps)
			}
		})
	}
}

func star(n int) [][2]int32 {
	var out [][2]int32
	for i := 1; i < n; i++ {
		out = append(out, [2]int32{int32(i), 0})
	}
	return out
}

// Linked nodes end up closer than unlinked ones, on average: the layout
// shows the links.
func TestLayoutPullsLinksTogether(t *testing.T) {
	r, edges := synthetic(500)
	res := Layout(r, edges, Options{})
	linked := 0.0
	for _, e := range edges {
		linked += math.Hypot(res.Pos[e[0]].X-res.Pos[e[1]].X, res.Pos[e[0]].Y-res.Pos[e[1]].Y)
	}
	linked /= float64(len(edges))
	all, pairs := 0.0, 0
	for i := 0; i < len(res.Pos); i += 7 {
		for j := i + 1; j < len(res.Pos); j += 11 {
			all += math.Hypot(res.Pos[i].X-res.Pos[j].X, res.Pos[i].Y-res.Pos[j].Y)
			pairs++
		}
	}
	all /= float64(pairs)
	if linked >= all*0.8 {
		t.Errorf("linked nodes are %.0f apart on average, any two %.0f", linked, all)
	}
}

func TestRadial(t *testing.T) {
	pts := Radial(4, 100, 50, 40, 20)
	want := []Point{{100, 30}, {140, 50}, {100, 70}, {60, 50}}
	for i, p := range pts {
		if math.Abs(p.X-want[i].X) > 1e-9 || math.Abs(p.Y-want[i].Y) > 1e-9 {
			t.Errorf("point %d at %v, want %v", i, p, want[i])
		}
	}
}

func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		r, edges := synthetic(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				Layout(r, edges, Options{})
			}
		})
	}
}
