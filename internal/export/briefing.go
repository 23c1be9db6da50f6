package export

import (
	"strconv"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/site"
)

// Briefing is the reference to the dossier itself that the index page's
// "Cite this briefing" block shows, in parts for the template to lay
// out: Author. Year. Title: Subtitle. Edition. Publisher. Date. URL.
type Briefing struct {
	// Author is the author, or else the organisation.
	Author string
	// Year is the year of the briefing's date, or "n.d." without one.
	Year            string
	Title, Subtitle string
	// Edition is the edition dossier.yaml names, or "".
	Edition string
	// Publisher is the organisation when it is not the author too.
	Publisher string
	// Date is the date as written (2026-11-23, for a time element) and
	// DateText as read (23 November 2026); both are empty when the date
	// is only a year, which Year says.
	Date, DateText string
	// URL is the site's address, from base_url, or "".
	URL string
}

// BriefingOf returns the reference to the dossier cfg configures.
func BriefingOf(cfg site.Config) Briefing {
	b := Briefing{Title: cfg.Title, Subtitle: cfg.Subtitle, Edition: cfg.Edition, Author: cfg.Author, Year: "n.d."}
	if b.Author == "" {
		b.Author = cfg.Organisation
	} else if cfg.Organisation != cfg.Author {
		b.Publisher = cfg.Organisation
	}
	if cfg.BaseURL != "" {
		b.URL = strings.TrimSuffix(cfg.BaseURL, "/") + "/"
	}
	d := parseDate(cfg.Date)
	if d.Literal != "" {
		b.Date, b.DateText = "", d.Literal
		return b
	}
	if d.Year > 0 {
		b.Year = strconv.Itoa(d.Year)
	}
	if d.Month > 0 {
		b.Date = cfg.Date
		b.DateText = time.Month(d.Month).String() + " " + b.Year
		if d.Day > 0 {
			b.DateText = strconv.Itoa(d.Day) + " " + b.DateText
		}
	}
	return b
}
