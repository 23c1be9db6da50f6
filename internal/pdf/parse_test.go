package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
)

// tinyPDF writes a PDF shaped like Chromium's: a classic xref table, a page
// tree two levels deep, named destinations and a two-level outline.
func tinyPDF() []byte {
	objs := []string{
		1:  "<</Type /Catalog /Pages 2 0 R /Dests 6 0 R /Outlines 7 0 R>>",
		2:  "<</Type /Pages /Count 2 /Kids [3 0 R 5 0 R] /MediaBox [0 0 595 842]>>",
		3:  "<</Type /Pages /Parent 2 0 R /Count 1 /Kids [4 0 R]>>",
		4:  "<</Type /Page /Parent 3 0 R>>",
		5:  "<</Type /Page /Parent 2 0 R>>",
		6:  "<</cover [4 0 R /XYZ 0 0 0] /theme-csto [5 0 R /XYZ 0 0 0] /a#2Db [5 0 R /XYZ 0 0 0]>>",
		7:  "<</Type /Outlines /First 8 0 R /Last 9 0 R>>",
		8:  "<</Title (Cover \\(draft\\)) /Dest [4 0 R /XYZ 0 0 0] /Next 9 0 R /First 10 0 R>>",
		9:  "<</Title <FEFF004E00410054004F2013004300530054004F> /Dest [5 0 R /XYZ 0 0 0]>>",
		10: "<</Title (Sub) /Dest [5 0 R /XYZ 0 0 0]>>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i := 1; i < len(objs); i++ {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i, objs[i])
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs))
	for i := 1; i < len(objs); i++ {
		fmt.Fprintf(&b, "%010d 00000 n \n", offsets[i])
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(objs), xref)
	return []byte(b.String())
}

func TestParse(t *testing.T) {
	checkTinyPDF(t, tinyPDF())
}

// Chromium writes a classic cross-reference table today; the same PDF
// with a cross-reference stream and object streams, as pdfcpu writes it,
// reads the same.
func TestParseCompressedObjects(t *testing.T) {
	var compressed bytes.Buffer
	if err := api.Optimize(bytes.NewReader(tinyPDF()), &compressed, readConfig()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(compressed.Bytes(), []byte("/XRef")) || !bytes.Contains(compressed.Bytes(), []byte("/ObjStm")) {
		t.Fatalf("pdfcpu wrote no cross-reference stream or no object stream:\n%q", compressed.Bytes())
	}
	checkTinyPDF(t, compressed.Bytes())
}

func checkTinyPDF(t *testing.T, data []byte) {
	t.Helper()
	doc, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 2 {
		t.Errorf("pages %v, want 2", doc.Pages)
	}
	if doc.Dests["cover"] != 1 || doc.Dests["theme-csto"] != 2 || doc.Dests["a-b"] != 2 {
		t.Errorf("dests %v", doc.Dests)
	}
	want := []OutlineItem{{"Cover (draft)", 0, 1}, {"Sub", 1, 2}, {"NATO–CSTO", 0, 2}}
	if fmt.Sprint(doc.Outline) != fmt.Sprint(want) {
		t.Errorf("outline %v, want %v", doc.Outline, want)
	}
}

func TestParseRejectsWhatItCannotRead(t *testing.T) {
	if _, err := Parse([]byte("%PDF-1.7\nnothing here")); err == nil {
		t.Error("no error for a file without startxref")
	}
}
