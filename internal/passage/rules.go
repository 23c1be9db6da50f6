package passage

import "github.com/dossier-dev/dossier/internal/site"

// Rules are written by the analyst who read the source, so they beat every
// heuristic. Drop and Keep are applied before the heuristics run (a dropped
// line is invisible to them; a kept line cannot be removed by them), the
// break and join rules after, as the last word on where passages start.

// applyDropKeep marks the lines the rules drop or protect. Line numbers
// outside the body are ignored.
func (d *doc) applyDropKeep(rules site.CleaningRules) {
	for _, n := range rules.Keep {
		if l := d.at(n); l != nil {
			l.keep = true
		}
	}
	for _, n := range rules.Drop {
		if l := d.at(n); l != nil && !l.blank() {
			l.removed = "dropped by rule"
		}
	}
}

// applyBreakJoin forces passage starts and continuations.
func (d *doc) applyBreakJoin(rules site.CleaningRules) {
	for _, n := range rules.BreakBefore {
		if l := d.at(n); l != nil {
			l.start, l.join = true, false
		}
	}
	for _, n := range rules.JoinBefore {
		if l := d.at(n); l != nil {
			l.start, l.join, l.heading = false, true, 0
		}
	}
}

// at returns body line n, or nil when there is no such line.
func (d *doc) at(n int) *line {
	if n < 1 || n > len(d.lines) {
		return nil
	}
	return &d.lines[n-1]
}

// remove drops line i for reason, unless a rule keeps it.
func (d *doc) remove(i int, reason string) {
	if l := &d.lines[i]; !l.keep && l.removed == "" && l.note == 0 && !l.blank() {
		l.removed = reason
	}
}
