package passwordgrant_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestHelperNames checks how PG001's fixes name their helpers: a name the
// package uses for something else gets a number, a function with the
// helper's signature is called instead of added, and no helper goes where
// it would shadow one of the file's imports (the first fix is then a
// marker). The fuzz target type-checks the same fixes: its seeds include
// these files.
func TestHelperNames(t *testing.T) {
	dir := download(t)
	pkgs := []string{"example.com/analysis/fixes/oauth2names", "example.com/analysis/fixes/oauth2shadow"}
	if *update {
		for _, p := range pkgs {
			writeGolden(t, dir, p)
		}
	}
	analysistest.RunWithSuggestedFixes(t, dir, passwordgrant.Analyzer, pkgs...)
}
