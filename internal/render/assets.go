package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/dossier-dev/dossier/internal/output"
)

// assets are the static files of the site under fingerprinted names
// (style.3f2a9c1b7d.css), so a static host can cache them forever and a
// changed file is never served stale.
type assets struct {
	names map[string]string // logical path -> fingerprinted site path
	files output.Files
	// fingerprint is off under dossier serve, so that a stylesheet edit
	// changes the stylesheet alone and no page that links it.
	fingerprint bool
}

func loadAssets(static fs.FS, generated map[string][]byte, fingerprint bool) (*assets, error) {
	a := &assets{names: map[string]string{}, files: output.Files{}, fingerprint: fingerprint}
	err := fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") || path.Ext(p) == ".go" {
			return nil
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		a.add(p, data)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static: %w", err)
	}
	for p, data := range generated {
		a.add(p, data)
	}
	return a, nil
}

func (a *assets) add(logical string, data []byte) {
	name := "static/" + logical
	if a.fingerprint {
		sum := sha256.Sum256(data)
		ext := path.Ext(logical)
		name = "static/" + strings.TrimSuffix(logical, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	}
	a.names[logical] = name
	a.files[name] = data
}

// path returns the site path of a static file, or an error for a name
// the static folder does not have (a template typo should fail the build).
func (a *assets) path(logical string) (string, error) {
	if p, ok := a.names[logical]; ok {
		return p, nil
	}
	return "", fmt.Errorf("no static file %q", logical)
}
