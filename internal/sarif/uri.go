package sarif

import (
	"net/url"
	"path/filepath"
	"strings"
)

// RootLocation is the originalUriBaseIds entry for root, an absolute
// directory: a file URI that ends in a slash, as SARIF requires of bases.
func RootLocation(root string) ArtifactLocation {
	u := fileURI(root)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return ArtifactLocation{URI: u}
}

// FileLocation locates filename, an absolute path. A file under root gets a
// URI relative to SrcRoot, so that the log does not depend on where the code
// was checked out; any other (a dependency in the module cache, a generated
// file) gets an absolute file URI.
func FileLocation(root, filename string) ArtifactLocation {
	if root != "" {
		if rel, err := filepath.Rel(root, filename); err == nil && filepath.IsLocal(rel) {
			segs := strings.Split(filepath.ToSlash(rel), "/")
			for i, s := range segs {
				segs[i] = url.PathEscape(s)
			}
			return ArtifactLocation{URI: strings.Join(segs, "/"), URIBaseID: SrcRoot}
		}
	}
	return ArtifactLocation{URI: fileURI(filename)}
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter: file:///C:/...
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
