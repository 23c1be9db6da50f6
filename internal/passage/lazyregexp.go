package passage

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled when first used. The
// package's fifty expressions took 7 ms and 1.6 MB to compile, which
// every dossier command paid at start, though only cleaning a source
// uses them.
type lazyRegexp struct{ re func() *regexp.Regexp }

func newLazyRegexp(expr string) *lazyRegexp {
	return &lazyRegexp{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

func (l *lazyRegexp) MatchString(s string) bool            { return l.re().MatchString(s) }
func (l *lazyRegexp) FindString(s string) string           { return l.re().FindString(s) }
func (l *lazyRegexp) FindStringIndex(s string) []int       { return l.re().FindStringIndex(s) }
func (l *lazyRegexp) FindStringSubmatch(s string) []string { return l.re().FindStringSubmatch(s) }
func (l *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return l.re().FindStringSubmatchIndex(s)
}
func (l *lazyRegexp) FindAllString(s string, n int) []string { return l.re().FindAllString(s, n) }
func (l *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return l.re().FindAllStringIndex(s, n)
}
func (l *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return l.re().FindAllStringSubmatchIndex(s, n)
}
func (l *lazyRegexp) ReplaceAll(src, repl []byte) []byte { return l.re().ReplaceAll(src, repl) }
func (l *lazyRegexp) ReplaceAllString(src, repl string) string {
	return l.re().ReplaceAllString(src, repl)
}
func (l *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return l.re().ReplaceAllStringFunc(src, repl)
}
func (l *lazyRegexp) Split(s string, n int) []string { return l.re().Split(s, n) }
func (l *lazyRegexp) String() string                 { return l.re().String() }
