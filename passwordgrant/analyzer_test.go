package passwordgrant_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// analysisDir is the module of analysistest packages. It uses real
// golang.org/x/oauth2, MSAL, azidentity, adal and go-oauth2 modules.
var analysisDir = filepath.Join("..", "testdata", "analysis")

var downloadOnce sync.Once

// download fetches the test module's requirements through the module
// proxy; analysistest itself runs with GOPROXY=off.
func download(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(analysisDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	downloadOnce.Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		cmd.Env = testEnv()
		out, err = cmd.CombinedOutput()
	})
	if err != nil {
		t.Fatalf("go mod download in %s: %v\n%s", dir, err, out)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	dir := download(t)
	// One run loads the shared dependencies (azidentity and friends) once.
	var pkgs []string
	for _, p := range []string{
		"pg001", "pg002", "pg003", "pg004", "pg005", "pg005const", "pg006", "pg007",
		// Values followed within a package (variables, helpers, lists,
		// dispatch tables, comparisons, libraries, interfaces), and the
		// look-alikes that must stay silent.
		"flow_vars", "flow_helpers", "flow_helpers/grants", "flow_helpers/tokenreq", "flow_lists",
		"flow_dispatch", "flow_compare", "flow_libs", "flow_structs", "flow_iface", "flow_goto", "flow_precision",
	} {
		pkgs = append(pkgs, "example.com/analysis/"+p)
	}
	analysistest.Run(t, dir, passwordgrant.Analyzer, pkgs...)
}

func TestFuncsFlag(t *testing.T) {
	dir := download(t)
	a, err := passwordgrant.New(passwordgrant.Config{Funcs: []string{
		"(*example.com/analysis/pg004funcs/auth.Client).Login",
		"example.com/analysis/pg004funcs/auth.SignIn",
	}})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "example.com/analysis/pg004funcs")
}

// testEnv is the environment for go commands on the test module.
func testEnv() []string { return append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off") }
