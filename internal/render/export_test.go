package render

import (
	"maps"
	"slices"
)

// UseTmplexec says whether Renderers made from now on run their
// templates with tmplexec or with html/template only.
func UseTmplexec(on bool) { useTmplexec = on }

// Compiled lists the page templates tmplexec runs for s.
func Compiled(s *Site) []string { return slices.Sorted(maps.Keys(s.r.programs)) }
