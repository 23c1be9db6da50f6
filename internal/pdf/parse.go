package pdf

import (
	"bytes"
	"fmt"
	"io"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/fault"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Document is what Parse reads from a PDF: enough to number a table of
// contents and to test a printed briefing, not a general PDF reader.
type Document struct {
	// Pages lists the page objects' numbers in page order.
	Pages []int
	// Dests maps each named destination to its page, from 1.
	Dests map[string]int
	// Outline is the document outline (bookmarks), depth first, less
	// any bookmark with no title or that goes nowhere, which pdfcpu skips.
	Outline []OutlineItem
}

// OutlineItem is one bookmark.
type OutlineItem struct {
	Title string
	// Level is 0 for a top-level bookmark.
	Level int
	// Page is the bookmark's page, from 1; 0 if unknown.
	Page int
}

// readConfig is pdfcpu's default configuration. Left to itself, pdfcpu
// would read it from, and first write it and its fonts to, the user's
// configuration folder; a command that only reads the PDF it printed
// has no business there.
func readConfig() *model.Configuration {
	noConfigFile.Do(func() { model.ConfigPath = "disable" })
	return model.NewDefaultConfiguration()
}

var noConfigFile sync.Once

// read is pdfcpu's api.ReadContext: pdfcpu.Read, with pdfcpu's own
// failures, which it raises as panics, returned as errors. The api
// package is not imported for it: it brings in the whole of pdfcpu,
// and with it go-runewidth, whose tables take 21 ms to make when any
// dossier command starts.
func read(rs io.ReadSeeker) (ctx *model.Context, err error) {
	defer fault.Catch(&err)
	return pdfcpu.Read(rs, readConfig())
}

// Parse reads the page tree, the named destinations (the catalog's
// /Dests, as Chromium writes them, or a /Names tree) and the outline of
// a PDF, with pdfcpu, which reads cross-reference streams and object
// streams as well as the classic table Chromium writes today.
func Parse(data []byte) (*Document, error) {
	ctx, err := read(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if err := ctx.EnsurePageCount(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	doc := &Document{Dests: map[string]int{}}
	for n := 1; n <= ctx.PageCount; n++ {
		ref, err := ctx.PageDictIndRef(n)
		if err != nil {
			return nil, fmt.Errorf("pdf: page %d: %w", n, err)
		}
		doc.Pages = append(doc.Pages, ref.ObjectNumber.Value())
	}
	addDest := func(name string, o types.Object) {
		if n := destPage(ctx, o); n > 0 {
			doc.Dests[name] = n
		}
	}
	catalog, err := ctx.Catalog()
	if err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if dests, err := ctx.DereferenceDict(catalog["Dests"]); err == nil {
		for name, o := range dests {
			addDest(name, o)
		}
	}
	if err := ctx.LocateNameTree("Dests", false); err == nil && ctx.Names["Dests"] != nil {
		err := ctx.Names["Dests"].Process(ctx.XRefTable, func(_ *model.XRefTable, name string, o *types.Object) error {
			addDest(name, *o)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("pdf: named destinations: %w", err)
		}
	}
	// pdfcpu finds the outline through ctx.Outlines, which only its
	// validation fills in; validating the PDF Chromium has just written
	// would double the time it takes to read it.
	if outlines, err := ctx.DereferenceDict(catalog["Outlines"]); err == nil {
		ctx.Outlines = outlines
	}
	bookmarks, err := pdfcpu.Bookmarks(ctx)
	if err != nil {
		return nil, fmt.Errorf("pdf: outline: %w", err)
	}
	var walk func([]pdfcpu.Bookmark, int)
	walk = func(bms []pdfcpu.Bookmark, level int) {
		for _, b := range bms {
			doc.Outline = append(doc.Outline, OutlineItem{Title: b.Title, Level: level, Page: b.PageFrom})
			walk(b.Kids, level+1)
		}
	}
	walk(bookmarks, 0)
	return doc, nil
}

// destPage is the page, from 1, of a destination: an array that starts
// with the page, or a dictionary that holds one under /D; 0 if neither.
func destPage(ctx *model.Context, o types.Object) int {
	o, _ = ctx.Dereference(o)
	if d, ok := o.(types.Dict); ok {
		o, _ = ctx.Dereference(d["D"])
	}
	arr, ok := o.(types.Array)
	if !ok {
		return 0
	}
	n, _ := pdfcpu.PageNrFromDestination(ctx, arr)
	return n
}
