package sarif

import (
	"path/filepath"
	"runtime"
	"testing"
)

func TestFileLocation(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("paths below are POSIX")
	}
	tests := []struct {
		root, file string
		want       ArtifactLocation
	}{
		{"/src/mod", "/src/mod/a.go", ArtifactLocation{URI: "a.go", URIBaseID: SrcRoot}},
		{"/src/mod", "/src/mod/pkg/sub/b_test.go", ArtifactLocation{URI: "pkg/sub/b_test.go", URIBaseID: SrcRoot}},
		{"/src/mod/", "/src/mod/a.go", ArtifactLocation{URI: "a.go", URIBaseID: SrcRoot}},
		{"/src/mod", "/src/mod/dir with space/a#1.go", ArtifactLocation{URI: "dir%20with%20space/a%231.go", URIBaseID: SrcRoot}},
		// Outside the root: a sibling whose name shares the prefix, and the
		// module cache.
		{"/src/mod", "/src/module/a.go", ArtifactLocation{URI: "file:///src/module/a.go"}},
		{"/src/mod", "/go/pkg/mod/x@v1/a.go", ArtifactLocation{URI: "file:///go/pkg/mod/x@v1/a.go"}},
		{"", "/src/mod/a.go", ArtifactLocation{URI: "file:///src/mod/a.go"}},
	}
	for _, tt := range tests {
		if got := FileLocation(filepath.FromSlash(tt.root), filepath.FromSlash(tt.file)); got != tt.want {
			t.Errorf("FileLocation(%q, %q) = %+v, want %+v", tt.root, tt.file, got, tt.want)
		}
	}
}

func TestRootLocation(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("paths below are POSIX")
	}
	for root, want := range map[string]string{
		"/src/mod":  "file:///src/mod/",
		"/src/mod/": "file:///src/mod/",
		"/a b":      "file:///a%20b/",
	} {
		if got := RootLocation(root).URI; got != want {
			t.Errorf("RootLocation(%q) = %q, want %q", root, got, want)
		}
	}
}
