package export

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// date is a source's date as precise as front matter gives it: a year,
// a month or a day, perhaps approximate. A date that is not one of those
// forms but says something ("spring 2013") is kept as Literal; an
// unknown date is the zero date.
type date struct {
	Year, Month, Day int
	Circa            bool
	Literal          string
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$`)
	circaDate = regexp.MustCompile(`^(?i:c\.|ca\.|circa|approx\.|about)\s*(.+)$`)
	undated   = map[string]bool{"": true, "unknown": true, "n.d.": true, "nd": true, "undated": true, "no date": true}
)

// parseDate reads "2012", "2012-05", "2013-01-14", "c. 2012" (also
// "ca.", "circa", and EDTF's "2012~"); "unknown" and "n.d." are no date.
func parseDate(s string) date {
	s = strings.Join(strings.Fields(s), " ")
	if undated[strings.ToLower(s)] {
		return date{}
	}
	iso, circa := s, false
	if m := circaDate.FindStringSubmatch(s); m != nil {
		iso, circa = m[1], true
	} else if t, ok := strings.CutSuffix(s, "~"); ok {
		iso, circa = t, true
	}
	m := isoDate.FindStringSubmatch(iso)
	if m == nil {
		return date{Literal: s}
	}
	d := date{Circa: circa}
	d.Year, _ = strconv.Atoi(m[1])
	d.Month, _ = strconv.Atoi(m[2])
	d.Day, _ = strconv.Atoi(m[3])
	switch {
	case d.Month > 12 || m[2] != "" && d.Month == 0 || m[3] != "" && d.Day == 0:
		return date{Literal: s}
	case d.Day > 0 && time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).Day() != d.Day:
		return date{Literal: s}
	}
	return d
}

// IsZero reports whether the date is unknown.
func (d date) IsZero() bool { return d.Year == 0 && d.Literal == "" }

// parts are the date's CSL date-parts: year, then month and day as far
// as known.
func (d date) parts() []int {
	switch {
	case d.Day > 0:
		return []int{d.Year, d.Month, d.Day}
	case d.Month > 0:
		return []int{d.Year, d.Month}
	}
	return []int{d.Year}
}

// edtf is the date as biblatex's date field writes it: 2012, 2012-05,
// 2013-01-14, with ~ when approximate.
func (d date) edtf() string {
	var b strings.Builder
	for i, p := range d.parts() {
		if i == 0 {
			b.WriteString(strconv.Itoa(p))
		} else {
			b.WriteString("-" + twoDigits(p))
		}
	}
	if d.Circa {
		b.WriteString("~")
	}
	return b.String()
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
