package search

// Collect, Cut and DocCount let the external tests check collect's
// early cuts and the budget's count.
var (
	Collect  = collectData
	Cut      = cut
	DocCount = docCount
)
