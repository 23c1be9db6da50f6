package search

// Collect and Cut let the external tests check collect's early cuts.
var (
	Collect = collect
	Cut     = cut
)
