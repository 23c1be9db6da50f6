package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/browser"
	"github.com/dossier-dev/dossier/internal/pdf"
)

// needPrintTools skips the test when Chromium or pdftotext is missing,
// except under CI=true, where missing tools fail it: CI must print.
func needPrintTools(t *testing.T) {
	t.Helper()
	var missing []string
	if _, err := browser.Find(); err != nil {
		missing = append(missing, "chromium (apt-get install chromium)")
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		missing = append(missing, "pdftotext (apt-get install poppler-utils)")
	}
	if len(missing) == 0 {
		return
	}
	msg := "the PDF test needs " + strings.Join(missing, " and ")
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + ", and CI=true")
	}
	t.Skip(msg + ": skipping")
}

// pdfPages returns the text of each page, laid out as printed.
func pdfPages(t *testing.T, file string) []string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if last := len(pages) - 1; strings.TrimSpace(pages[last]) == "" {
		pages = pages[:last]
	}
	return pages
}

var themeTitle = regexp.MustCompile(`(?m)^title:\s*"?([^"\n]+)"?\s*$`)

// shippedThemeTitles reads the titles of the shipped themes.
func shippedThemeTitles(t *testing.T) map[string]string {
	t.Helper()
	titles := map[string]string{}
	files, _ := filepath.Glob("../../content/themes/*.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := themeTitle.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s: no title", f)
		}
		titles[strings.TrimSuffix(filepath.Base(f), ".md")] = string(m[1])
	}
	if len(titles) == 0 {
		t.Fatal("no themes in ../../content/themes")
	}
	return titles
}

const shippedMarking = "UNCLASSIFIED // FOR TRAINING"

func TestPDFPrintsTheShippedBriefing(t *testing.T) {
	needPrintTools(t)
	out := filepath.Join(t.TempDir(), "briefing.pdf")
	code, stdout, stderr := run(t, "pdf", "--content", "../../content", "--out", out)
	if code != 0 {
		t.Fatalf("dossier pdf: exit %d\n%s%s", code, stdout, stderr)
	}
	pages := pdfPages(t, out)
	if len(pages) < 10 {
		t.Fatalf("%d pages: the whole briefing should take many more", len(pages))
	}
	if !strings.Contains(stdout, fmt.Sprintf("%d pages", len(pages))) {
		t.Errorf("stdout %q does not give the page count %d", stdout, len(pages))
	}
	total := len(pages)
	for i, text := range pages {
		n := i + 1
		if c := strings.Count(text, shippedMarking); c < 2 {
			t.Errorf("page %d shows the marking %d times, want at the top and the bottom:\n%s", n, c, text)
		}
		// The cover has no number; every other page says where it is.
		number := regexp.MustCompile(fmt.Sprintf(`(?m)\b%d / %d\s*$`, n, total))
		if n > 1 && !number.MatchString(text) {
			t.Errorf("page %d has no page number %q", n, fmt.Sprintf("%d / %d", n, total))
		}
	}
	all := strings.Join(pages, "\n")
	// pdftotext may break a long title across lines; fold whitespace.
	folded := strings.Join(strings.Fields(all), " ")
	for slug, title := range shippedThemeTitles(t) {
		if !strings.Contains(folded, title) {
			t.Errorf("the PDF does not show the title of theme %s, %q", slug, title)
		}
	}
	// The contents give page numbers, filled in by the second pass: the
	// bibliography is the last section, so its number is near the end.
	contents := regexp.MustCompile(`(?m)Bibliography[ .]*?(\d+)\s*$`).FindStringSubmatch(pages[1])
	if contents == nil {
		t.Errorf("the contents (page 2) give no page for the bibliography:\n%s", pages[1])
	} else if p := contents[1]; !strings.Contains(pages[atoi(p)-1], "Bibliography") {
		t.Errorf("the contents put the bibliography on page %s, which does not show it", p)
	}

	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdf.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != total {
		t.Errorf("pdf.Parse finds %d pages, pdftotext %d", len(doc.Pages), total)
	}
	if len(doc.Outline) == 0 {
		t.Fatal("the PDF has no outline (bookmarks)")
	}
	var outline []string
	for _, item := range doc.Outline {
		outline = append(outline, item.Title)
		if item.Page < 1 || item.Page > total {
			t.Errorf("bookmark %q points at page %d", item.Title, item.Page)
		}
	}
	joined := strings.Join(outline, "\n")
	for _, title := range shippedThemeTitles(t) {
		if n := strings.Count(joined, title); n != 1 {
			t.Errorf("the outline names %q %d times, want once:\n%s", title, n, joined)
		}
	}
}

func TestPDFPrintsAThemeBrief(t *testing.T) {
	needPrintTools(t)
	out := filepath.Join(t.TempDir(), "csto.pdf")
	code, stdout, stderr := run(t, "pdf", "--content", "../../content", "--theme", "csto", "--out", out)
	if code != 0 {
		t.Fatalf("dossier pdf --theme csto: exit %d\n%s%s", code, stdout, stderr)
	}
	pages := pdfPages(t, out)
	for i, text := range pages {
		if strings.Count(text, shippedMarking) < 2 {
			t.Errorf("brief page %d lacks the marking at top and bottom", i+1)
		}
	}
	if title := shippedThemeTitles(t)["csto"]; !strings.Contains(strings.Join(strings.Fields(strings.Join(pages, " ")), " "), title) {
		t.Errorf("the brief does not show its theme's title %q", title)
	}
}

func TestPDFUnknownTheme(t *testing.T) {
	needPrintTools(t)
	code, _, stderr := run(t, "pdf", "--content", "../../content", "--theme", "nope", "--out", filepath.Join(t.TempDir(), "x.pdf"))
	if code != exitUsage || !strings.Contains(stderr, `unknown theme "nope"`) {
		t.Errorf("exit %d, stderr %q; want exit 2 and the unknown theme named", code, stderr)
	}
}

func TestPDFWithoutChromiumSaysHowToInstallIt(t *testing.T) {
	t.Setenv("DOSSIER_CHROMIUM", filepath.Join(t.TempDir(), "no-such-browser"))
	code, _, stderr := run(t, "pdf", "--content", "../../content", "--out", filepath.Join(t.TempDir(), "x.pdf"))
	if code != exitFailed || !strings.Contains(stderr, "DOSSIER_CHROMIUM") {
		t.Errorf("exit %d, stderr %q; want exit 1 and the variable named", code, stderr)
	}
	t.Setenv("DOSSIER_CHROMIUM", "")
	t.Setenv("PATH", t.TempDir())
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return // browser.Find also looks in the usual places
	}
	code, _, stderr = run(t, "pdf", "--content", "../../content", "--out", filepath.Join(t.TempDir(), "x.pdf"))
	if code != exitFailed || !strings.Contains(stderr, "apt-get install chromium") {
		t.Errorf("exit %d, stderr %q; want exit 1 and how to install Chromium", code, stderr)
	}
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// Every page of the print edition shows the marking exactly as
// dossier.yaml gives it, at its top and its bottom; a colon once printed
// "#ZgotmplZ" instead.
func TestPDFPrintsTheMarkingAsWritten(t *testing.T) {
	needPrintTools(t)
	const hostile = `Eyes only: "Q" 'S' \ </style><b>x</b> & more`
	tests := []struct {
		marking, printed string
		// theme, if set, prints that theme's brief, whose cover shows
		// the marking once more; the whole edition's shows it twice.
		theme string
		cover int
	}{
		{"TLP:AMBER+STRICT", "TLP:AMBER+STRICT", "", 2},
		{"OFFICIAL-SENSITIVE: PERSONAL", "OFFICIAL-SENSITIVE: PERSONAL", "", 2},
		{"СЕКРЕТНО // REL TO UKR", "СЕКРЕТНО // REL TO UKR", "", 2},
		{hostile, hostile, "", 2},
		{hostile, hostile, "bases", 1},
		// A line break is white space, on paper as on the web page.
		{"SECRET\nNOFORN", "SECRET NOFORN", "", 2},
	}
	for _, tt := range tests {
		name := tt.printed
		if tt.theme != "" {
			name += ", brief " + tt.theme
		}
		t.Run(name, func(t *testing.T) {
			content := copySite(t)
			setMarking(t, content, tt.marking)
			out := filepath.Join(t.TempDir(), "briefing.pdf")
			if code, stdout, stderr := run(t, "pdf", "--content", content, "--theme", tt.theme, "--out", out); code != 0 {
				t.Fatalf("dossier pdf: exit %d\n%s%s", code, stdout, stderr)
			}
			pages := pdfPages(t, out)
			if len(pages) < 2 {
				t.Fatalf("%d pages", len(pages))
			}
			for i, text := range pages {
				lines := slices.DeleteFunc(strings.Split(text, "\n"), func(l string) bool { return strings.TrimSpace(l) == "" })
				if len(lines) == 0 || !strings.Contains(lines[0], tt.printed) || !strings.Contains(lines[len(lines)-1], tt.printed) {
					t.Errorf("page %d does not begin and end with the marking %q:\n%s", i+1, tt.printed, text)
				}
				want := 2
				if i == 0 {
					want += tt.cover
				}
				if strings.Count(text, tt.printed) != want {
					t.Errorf("page %d shows the marking %d times, want %d:\n%s", i+1, strings.Count(text, tt.printed), want, text)
				}
			}
		})
	}
}

// setMarking sets the marking in the dossier.yaml of content.
func setMarking(t *testing.T, content, marking string) {
	t.Helper()
	file := filepath.Join(content, "dossier.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// A JSON string is a YAML string.
	quoted, _ := json.Marshal(marking)
	line := regexp.MustCompile(`(?m)^marking:.*$`)
	if !line.Match(data) {
		t.Fatalf("%s has no marking", file)
	}
	if err := os.WriteFile(file, line.ReplaceAllLiteral(data, append([]byte("marking: "), quoted...)), 0o644); err != nil {
		t.Fatal(err)
	}
}
