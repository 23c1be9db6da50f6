package browser

import (
	"strings"
	"testing"
)

func TestNoChromiumSaysHowToInstallIt(t *testing.T) {
	if !strings.Contains(ErrNoChromium.Error(), "apt-get install chromium") {
		t.Errorf("%q does not say how to install Chromium", ErrNoChromium)
	}
}

func TestFindHonoursTheEnvironment(t *testing.T) {
	t.Setenv("DOSSIER_CHROMIUM", "/no/such/browser")
	if _, err := Find(); err == nil || !strings.Contains(err.Error(), "DOSSIER_CHROMIUM=/no/such/browser") {
		t.Errorf("Find() error = %v, want one naming DOSSIER_CHROMIUM", err)
	}
}
