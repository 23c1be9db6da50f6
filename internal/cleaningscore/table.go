package cleaningscore

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// Row is a named result, one document's.
type Row struct {
	Name string
	Result
}

// Table lays out the rows and their overall sum (see Result.Add) as a
// table for a test log: boundary precision, recall and F1, then found
// over total for headings, boilerplate, footnotes and pages, then lost
// lines.
func Table(rows []Row) string {
	var b strings.Builder
	w := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "document\tprecision\trecall\tF1\theadings\tboilerplate\tfootnotes\tpages\tlost\t")
	var total Result
	line := func(name string, r Result) {
		fmt.Fprintf(w, "%s\t%.2f\t%.2f\t%.2f\t%d/%d\t%d/%d\t%d/%d\t%d/%d\t%d\t\n", name,
			r.Precision(), r.Recall(), r.F1(), r.HeadingsFound, r.Headings,
			r.BoilerplateRemoved, r.Boilerplate, r.FootnotesFound, r.Footnotes, r.PagesRight, r.Pages, r.Lost)
	}
	for _, r := range rows {
		line(r.Name, r.Result)
		total = total.Add(r.Result)
	}
	line("overall", total)
	w.Flush()
	return b.String()
}
