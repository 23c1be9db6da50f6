// Package graph lays out a map of links at build time: a deterministic
// force-directed layout for the whole dossier and a radial one for a
// page and its neighbours, both as coordinates for inline SVG, so that
// the maps need no script and work opened from disk.
package graph

import (
	"math"
)

// Point is a node's centre in the layout's coordinates.
type Point struct{ X, Y float64 }

// Options tune Layout. The zero value is usable.
type Options struct {
	// Iterations of the force simulation; 0 means DefaultIterations.
	Iterations int
	// Gap is the least space between two circles; 0 means 3.
	Gap float64
	// Aspect is the width of the box over its height; 0 means 1.5.
	Aspect float64
}

// DefaultIterations is enough for a few hundred nodes to settle, and
// few enough that 10,000 take well under a second.
const DefaultIterations = 60

// Result is a finished layout: each node's centre, inside a box of
// Width by Height with its circle wholly inside it.
type Result struct {
	Pos           []Point
	Width, Height float64
}

// Layout places nodes with radii r and the given edges (pairs of node
// indexes) by Fruchterman-Reingold: edges pull their ends together,
// every pair of nodes closer than twice the ideal edge length pushes
// apart, and a weak pull to the centre keeps unlinked nodes on the map.
// Repulsion is approximated with a Barnes-Hut quadtree,
// which keeps an iteration at n log n however the nodes clump. The start is a
// sunflower spiral in input order (so the first nodes, the hubs, start
// in the middle) and nothing is random: the same input gives the same
// layout. A last pass pushes apart circles that still overlap.
func Layout(r []float64, edges [][2]int32, opts Options) Result {
	n := len(r)
	if opts.Iterations == 0 {
		opts.Iterations = DefaultIterations
	}
	if opts.Gap == 0 {
		opts.Gap = 3
	}
	if opts.Aspect == 0 {
		opts.Aspect = 1.5
	}
	if n == 0 {
		return Result{Width: 1, Height: 1}
	}
	// The box holds four times the area the circles and their gaps need.
	area, maxR := 0.0, 0.0
	for _, ri := range r {
		d := 2*ri + opts.Gap
		area += d * d
		maxR = max(maxR, ri)
	}
	area *= 4
	h := math.Sqrt(area / opts.Aspect)
	w := h * opts.Aspect
	minH := 4*maxR + 2*opts.Gap
	if h < minH {
		h, w = minH, minH*opts.Aspect
	}

	// Simulate in a unit square scaled by the ideal edge length k.
	k := math.Sqrt(w * h / float64(n))
	pos := make([]Point, n)
	spread := k * math.Sqrt(float64(n)) / 2
	golden := math.Pi * (3 - math.Sqrt(5))
	for i := range pos {
		d := spread * math.Sqrt((float64(i)+0.5)/float64(n))
		a := float64(i) * golden
		pos[i] = Point{d * math.Cos(a), d * math.Sin(a)}
	}
	disp := make([]Point, n)
	deg := make([]float64, n)
	for _, e := range edges {
		deg[e[0]]++
		deg[e[1]]++
	}
	var t quadtree
	temp := spread / 4
	for it := 0; it < opts.Iterations; it++ {
		clear(disp)
		t.build(pos)
		for i := range pos {
			disp[i] = t.repulse(pos, i, k*k)
		}
		for _, e := range edges {
			a, b := e[0], e[1]
			if a == b {
				continue
			}
			dx, dy := pos[a].X-pos[b].X, pos[a].Y-pos[b].Y
			d := math.Sqrt(dx*dx + dy*dy)
			// A hub's many links would pull it into a clump of its
			// neighbours; each end moves less the more links it has.
			f := d / k
			fa, fb := f/math.Sqrt(deg[a]), f/math.Sqrt(deg[b])
			disp[a].X -= dx * fa
			disp[a].Y -= dy * fa
			disp[b].X += dx * fb
			disp[b].Y += dy * fb
		}
		for i := range pos {
			// Gravity, stronger with distance, so that nothing drifts off.
			disp[i].X -= pos[i].X * 0.03
			disp[i].Y -= pos[i].Y * 0.03
			d := math.Hypot(disp[i].X, disp[i].Y)
			if d > 0 {
				s := min(d, temp) / d
				pos[i].X += disp[i].X * s
				pos[i].Y += disp[i].Y * s
			}
		}
		temp *= 0.95
	}
	fit(pos, r, w, h, opts.Gap, maxR)
	return Result{Pos: pos, Width: w, Height: h}
}

// fit scales pos into the w by h box, each circle inside it, then
// pushes apart the circles that overlap, a few passes at most.
func fit(pos []Point, r []float64, w, h, gap, maxR float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	m := maxR + gap
	sx, sy := (w-2*m)/max(maxX-minX, 1e-9), (h-2*m)/max(maxY-minY, 1e-9)
	for i := range pos {
		pos[i] = Point{m + (pos[i].X-minX)*sx, m + (pos[i].Y-minY)*sy}
	}
	clamp := func(i int) {
		pos[i].X = min(max(pos[i].X, r[i]+gap/2), w-r[i]-gap/2)
		pos[i].Y = min(max(pos[i].Y, r[i]+gap/2), h-r[i]-gap/2)
	}
	g := newGrid(len(pos))
	cell := 2*maxR + gap
	for pass := 0; pass < 100; pass++ {
		moved := false
		g.fill(pos, cell)
		for i := range pos {
			g.near(pos, i, cell, func(j int) {
				if j <= i {
					return
				}
				dx, dy := pos[j].X-pos[i].X, pos[j].Y-pos[i].Y
				want := r[i] + r[j] + gap
				d2 := dx*dx + dy*dy
				if d2 >= want*want {
					return
				}
				d := math.Sqrt(d2)
				if d < 1e-9 {
					dx, dy, d = 1, float64(j-i)*1e-3, 1
				}
				push := (want - d) / 2 / d * 1.01
				pos[i].X -= dx * push
				pos[i].Y -= dy * push
				pos[j].X += dx * push
				pos[j].Y += dy * push
				clamp(i)
				clamp(j)
				moved = true
			})
		}
		if !moved {
			return
		}
	}
}

// grid buckets points into square cells, for finding the points near
// one without looking at all of them. The buckets are one slice sorted
// by cell, made again each time the points move.
type grid struct {
	cellOf []int64
	order  []int32
	start  map[int64][2]int32
}

func newGrid(n int) *grid {
	return &grid{cellOf: make([]int64, n), order: make([]int32, n), start: make(map[int64][2]int32, n)}
}

func cellKey(x, y int64) int64 { return x<<32 ^ (y & 0xffffffff) }

func (g *grid) fill(pos []Point, size float64) {
	clear(g.start)
	counts := map[int64]int32{}
	for i, p := range pos {
		c := cellKey(int64(math.Floor(p.X/size)), int64(math.Floor(p.Y/size)))
		g.cellOf[i] = c
		counts[c]++
	}
	// Cells in the order their first point appears: deterministic.
	next := int32(0)
	for _, c := range g.cellOf {
		if _, ok := g.start[c]; !ok {
			g.start[c] = [2]int32{next, next}
			next += counts[c]
		}
	}
	for i, c := range g.cellOf {
		s := g.start[c]
		g.order[s[1]] = int32(i)
		s[1]++
		g.start[c] = s
	}
}

// near calls f with every point in the cell of point i and the eight
// around it, i itself excepted, in a fixed order.
func (g *grid) near(pos []Point, i int, size float64, f func(j int)) {
	cx, cy := int64(math.Floor(pos[i].X/size)), int64(math.Floor(pos[i].Y/size))
	for dx := int64(-1); dx <= 1; dx++ {
		for dy := int64(-1); dy <= 1; dy++ {
			s, ok := g.start[cellKey(cx+dx, cy+dy)]
			if !ok {
				continue
			}
			for _, j := range g.order[s[0]:s[1]] {
				if int(j) != i {
					f(int(j))
				}
			}
		}
	}
}

// Radial places n nodes evenly on an ellipse of radii rx and ry around
// (cx, cy), the first at the top and the rest clockwise: a page's
// neighbours around it.
func Radial(n int, cx, cy, rx, ry float64) []Point {
	out := make([]Point, n)
	for i := range out {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		if n == 2 {
			// Two neighbours side by side read better than one above.
			a = math.Pi * float64(i)
		}
		out[i] = Point{cx + rx*math.Cos(a), cy + ry*math.Sin(a)}
	}
	return out
}

// theta is the Barnes-Hut opening criterion: a cell of the quadtree
// smaller than theta times its distance acts as one body.
const theta = 1.2

// maxDepth bounds the quadtree, so that coincident points share a leaf
// rather than splitting it forever.
const maxDepth = 24

// quadtree holds points for Barnes-Hut: each cell's mass (its number of
// points) and centre of mass. Cells live in one slice, reused between
// builds.
type quadtree struct {
	cells []qcell
}

type qcell struct {
	x, y, size float64 // the square's corner and side
	cx, cy     float64 // centre of mass
	mass       float64
	// point is the one point of a leaf, -1 for an empty cell, -2 for an
	// inner cell or a leaf of coincident points at maxDepth.
	point int32
	child int32 // index of the first of four children, or 0 for none
}

func (t *quadtree) build(pos []Point) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = min(minX, p.X), max(maxX, p.X)
		minY, maxY = min(minY, p.Y), max(maxY, p.Y)
	}
	size := max(maxX-minX, maxY-minY, 1e-9) * 1.0001
	t.cells = append(t.cells[:0], qcell{x: minX, y: minY, size: size, point: -1})
	for i, p := range pos {
		t.insert(0, int32(i), p, pos, 0)
	}
}

func (t *quadtree) insert(c int32, i int32, p Point, pos []Point, depth int) {
	for {
		cell := &t.cells[c]
		m := cell.mass
		cell.cx = (cell.cx*m + p.X) / (m + 1)
		cell.cy = (cell.cy*m + p.Y) / (m + 1)
		cell.mass = m + 1
		switch {
		case cell.point == -1 && cell.child == 0:
			cell.point = i
			return
		case cell.child == 0 && depth >= maxDepth:
			cell.point = -2
			return
		case cell.child == 0:
			// Split the leaf: its point goes down a level first.
			old := cell.point
			cell.point = -2
			half := cell.size / 2
			x, y := cell.x, cell.y
			first := int32(len(t.cells))
			t.cells[c].child = first
			for q := 0; q < 4; q++ {
				t.cells = append(t.cells, qcell{x: x + float64(q&1)*half, y: y + float64(q>>1)*half, size: half, point: -1})
			}
			o := pos[old]
			oc := first + t.quadrant(first, o)
			t.cells[oc] = qcell{x: t.cells[oc].x, y: t.cells[oc].y, size: half, cx: o.X, cy: o.Y, mass: 1, point: old}
		}
		first := t.cells[c].child
		c = first + t.quadrant(first, p)
		depth++
	}
}

// quadrant is which of the four children starting at first holds p.
func (t *quadtree) quadrant(first int32, p Point) int32 {
	mid := t.cells[first+3]
	q := int32(0)
	if p.X >= mid.x {
		q |= 1
	}
	if p.Y >= mid.y {
		q |= 2
	}
	return q
}

// repulse is the force on point i of every other point, k2/d each,
// away from it: near points one by one, far cells as one body.
func (t *quadtree) repulse(pos []Point, i int, k2 float64) Point {
	var f Point
	p := pos[i]
	var stack [4 * maxDepth * 2]int32
	sp := 0
	stack[sp] = 0
	sp++
	for sp > 0 {
		sp--
		c := &t.cells[stack[sp]]
		if c.mass == 0 || c.point == int32(i) {
			continue
		}
		dx, dy := p.X-c.cx, p.Y-c.cy
		d2 := dx*dx + dy*dy
		if c.child != 0 && c.size*c.size >= theta*theta*d2 {
			for q := int32(0); q < 4; q++ {
				stack[sp] = c.child + q
				sp++
			}
			continue
		}
		mass := c.mass
		if d2 < 1e-9 {
			// Coincident points: part them along a fixed direction.
			if c.point == -2 {
				mass--
			}
			dx, dy, d2 = 1e-3*float64(i%7+1), 1e-3*float64(i%5+1), 1e-6*float64((i%7+1)*(i%7+1)+(i%5+1)*(i%5+1))
		}
		s := mass * k2 / d2
		f.X += dx * s
		f.Y += dy * s
	}
	return f
}
