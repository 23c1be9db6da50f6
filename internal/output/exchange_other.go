//go:build !linux

package output

// exchangeAtomically has no atomic exchange to use outside Linux; the
// caller falls back to renames.
func exchangeAtomically(string, string) error { return errNoExchange }
