// Command make prints the HTML files of this folder, and a 30-page report
// in two columns that it writes, to PDF with headless Chromium: the test
// PDFs of package pdf. Run it from the package folder:
//
//	go run ./testdata/make
//
// The PDFs are committed, so that the tests need only pdftohtml.
package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

func main() {
	tmp, err := os.MkdirTemp("", "make-pdf-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	long := filepath.Join(tmp, "long.html")
	if err := os.WriteFile(long, []byte(longHTML()), 0o644); err != nil {
		log.Fatal(err)
	}
	for _, src := range []string{"testdata/report.html", "testdata/columns.html", "testdata/paper.html", long} {
		pdf := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(src), ".html")+".pdf")
		if err := print(src, pdf, tmp); err != nil {
			log.Fatal(err)
		}
	}
}

// print prints the HTML file src to the PDF file pdf, with a browser
// profile in tmp.
func print(src, pdf, tmp string) error {
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(tmp, "profile"), "--print-to-pdf="+pdf, "file://"+abs)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("chromium %s: %v: %s", src, err, out)
	}
	return nil
}

// longHTML writes a 30-page report: on each page a heading and paragraphs in
// two columns, every third page a footnote, running heads that alternate
// between even and odd pages, and page numbers.
func longHTML() string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Thirty Pages on Rivers</title>
<style>
@page { size: A4; margin: 0 }
html, body { margin: 0; padding: 0 }
body { font-family: "Liberation Serif", serif; font-size: 10pt; line-height: 1.35 }
section { width: 210mm; height: 297mm; box-sizing: border-box; position: relative; overflow: hidden;
  padding: 20mm 20mm 36mm; break-after: page }
section:last-child { break-after: auto }
.cols { column-count: 2; column-gap: 8mm; column-fill: auto; height: 100% }
h2 { font-size: 13pt; margin: 0 0 2mm }
p { margin: 0 0 2mm; text-align: justify }
sup { font-size: 65%; line-height: 0 }
.notes { position: absolute; left: 20mm; right: 20mm; bottom: 18mm; font-size: 8pt; border-top: 0.4pt solid #000; padding-top: 1mm }
.head { position: absolute; top: 10mm; font-size: 8.5pt } .head.even { left: 20mm } .head.odd { right: 20mm }
.foot { position: absolute; bottom: 9mm; left: 0; right: 0; text-align: center; font-size: 9pt }
</style></head><body>
`)
	r := rng(7)
	for p := 1; p <= 30; p++ {
		b.WriteString("<section>\n")
		if p%2 == 0 {
			b.WriteString(`<div class="head even">THIRTY PAGES ON RIVERS</div>` + "\n")
		} else {
			b.WriteString(`<div class="head odd">Part One: The Basins</div>` + "\n")
		}
		fmt.Fprintf(&b, "<div class=\"cols\">\n<h2>%d. %s</h2>\n", p, title(&r))
		for i := 0; i < 7; i++ {
			b.WriteString("<p>")
			for s := 0; s < 5; s++ {
				b.WriteString(sentence(&r) + " ")
			}
			if i == 2 && p%3 == 0 {
				b.WriteString("<sup>1</sup>")
			}
			b.WriteString("</p>\n")
		}
		b.WriteString("</div>\n")
		if p%3 == 0 {
			fmt.Fprintf(&b, "<div class=\"notes\"><sup>1</sup> %s</div>\n", sentence(&r))
		}
		fmt.Fprintf(&b, "<div class=\"foot\">- %d -</div>\n</section>\n", p)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// rng is a small linear congruential generator, so that the text is the
// same on every run.
type rng uint64

func (r *rng) pick(words []string) string {
	*r = *r*6364136223846793005 + 1442695040888963407
	return words[int(uint64(*r)>>33)%len(words)]
}

var (
	subjects = []string{"The basin council", "Every operator", "The ministry", "A farmer downstream", "The regulator", "Each irrigation district", "The survey", "The river"}
	verbs    = []string{"measured", "reported", "questioned", "allocated", "released", "recorded", "shared", "withheld"}
	objects  = []string{"the water held in the reservoir", "a third of the summer flow", "the rights granted before the reform", "the levels set for the dry season", "the schedule of releases", "the volumes used in each district"}
	tails    = []string{"in the first year of the drought", "before the councils met", "without telling the users downstream", "as the permits required", "when the river fell below its mark", "for the third season running"}
	nouns    = []string{"Rights", "Releases", "Drought", "Councils", "Permits", "Reservoirs", "Levels", "Contracts"}
)

func sentence(r *rng) string {
	return r.pick(subjects) + " " + r.pick(verbs) + " " + r.pick(objects) + " " + r.pick(tails) + "."
}

func title(r *rng) string {
	return r.pick(nouns) + " and " + strings.ToLower(r.pick(nouns))
}
