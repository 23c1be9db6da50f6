package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/dossier-dev/dossier/internal/confine"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/output"
	"github.com/dossier-dev/dossier/internal/site"
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

// loadAssets reads every file of static, following the symlinks in it,
// which the static fs.FS keeps inside its folder (dir, as named in
// diagnostics). A file that cannot be read, a link that is not followed
// and a link to a folder it is in are diagnostics; the other files are
// still read, so that one build reports them all.
func loadAssets(static fs.FS, dir string, generated map[string][]byte, fingerprint bool) (*assets, site.Diagnostics) {
	a := &assets{names: map[string]string{}, files: output.Files{}, fingerprint: fingerprint}
	var diags site.Diagnostics
	var walk fs.WalkDirFunc
	walk = func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			diags = append(diags, fileDiagnostic(dir, p, err))
			return nil
		case d.IsDir() || strings.HasPrefix(d.Name(), ".") || path.Ext(p) == ".go":
			return nil
		case d.Type() == fs.ModeSymlink:
			// fs.WalkDir lists a link without following it; a link to
			// a folder is walked here, under the link's name.
			info, err := fs.Stat(static, p)
			switch {
			case err != nil:
				diags = append(diags, fileDiagnostic(dir, p, err))
				return nil
			case !info.IsDir():
			case holds(static, p, info):
				diags = append(diags, fileDiagnostic(dir, p, &confine.Error{Link: p}))
				return nil
			default:
				return fs.WalkDir(static, p, walk)
			}
		}
		data, err := fs.ReadFile(static, p)
		if err != nil {
			diags = append(diags, fileDiagnostic(dir, p, err))
			return nil
		}
		a.add(p, data)
		return nil
	}
	// walk returns no error: it makes each a diagnostic and goes on.
	_ = fs.WalkDir(static, ".", walk)
	for p, data := range generated {
		a.add(p, data)
	}
	return a, diags
}

// holds reports whether folder, the folder the link p points to, is p's
// own folder or one above it: following the link would never end.
func holds(static fs.FS, p string, folder fs.FileInfo) bool {
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		if info, err := fs.Stat(static, dir); err == nil && os.SameFile(info, folder) {
			return true
		}
		if dir == "." {
			return false
		}
	}
}

func (a *assets) add(logical string, data []byte) {
	name := layout.Asset(logical)
	if a.fingerprint {
		sum := sha256.Sum256(data)
		ext := path.Ext(logical)
		name = layout.Asset(strings.TrimSuffix(logical, ext) + "." + hex.EncodeToString(sum[:5]) + ext)
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
