package passage

import "strings"

// commonWords are frequent English words that join into compounds, for
// telling a compound broken at a line end ("so-" "called") from a word
// hyphenated there ("govern-" "ment"), when the document does not write
// the compound elsewhere. A fragment of a hyphenated word is rarely a
// word of its own; the list leaves out the words that often are one
// ("con", "pro", "ally").
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		a all any back bad based best big black built by called care case city class close
		cold come cost country cross day deep down drawn driven east end ever far fast few
		field fire first five free front full funded further go good great green half hand
		hard head high home house known land large last late led left level life light like
		line long low made main make making man many market mid middle minded more most much
		new next north oil old one only open out over owned paid part peace post power
		private public range rate read real red related right risk road run scale sea second
		see self set short side size sized small so south state step style sub tax ten term
		third three time top trade two under up use user war water way well west white wide
		work world year years`) {
		m[w] = true
	}
	return m
}()
