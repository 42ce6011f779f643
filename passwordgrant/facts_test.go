package passwordgrant_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestFacts runs the analyzer with facts on (-deps) over an application
// module that calls a vendor SDK in a module of its own: a three-package
// chain (app -> sdk -> sdk/internal/form), a constructor-then-method type,
// a method value, an interface call, the application's own wrapper, and a
// wrapper that takes the grant as a parameter, called with the password
// grant and with client_credentials. The want comments on the SDK's
// declarations check its facts.
func TestFacts(t *testing.T) {
	dir := download(t)
	a, err := passwordgrant.New(passwordgrant.Config{Deps: true, ReportUnused: true})
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, a, "example.com/sdk/internal/form", "example.com/sdk", "example.com/analysis/facts/wrap", "example.com/analysis/facts/app")
}

// TestDepsFlag checks that -deps turns facts on and off: drivers decide
// from FactTypes, after parsing flags, whether to analyze dependencies.
func TestDepsFlag(t *testing.T) {
	a, err := passwordgrant.New(passwordgrant.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if len(a.FactTypes) != 0 {
		t.Fatal("facts on by default")
	}
	if err := a.Flags.Parse([]string{"-deps"}); err != nil {
		t.Fatal(err)
	}
	if len(a.FactTypes) == 0 {
		t.Fatal("-deps did not turn facts on")
	}
	if err := a.Flags.Parse([]string{"-deps=false"}); err != nil || len(a.FactTypes) != 0 {
		t.Fatalf("-deps=false: %v, fact types %v", err, a.FactTypes)
	}
	if err := a.Flags.Parse([]string{"-deps=maybe"}); err == nil {
		t.Error("-deps=maybe: want an error")
	}
}

// TestFactsHelperInAnotherPackage checks the two calls of flow_helpers that
// pass the password grant to a helper in another package of the same
// module (tokenreq.Form, (*tokenreq.Requester).Do): without facts they are
// not seen (TestAnalyzer, where they carry no want), with -deps they are
// reported where the grant is supplied, under the rule of the helper's
// sink (the same module: no PG008).
func TestFactsHelperInAnotherPackage(t *testing.T) {
	dir := download(t)
	a, err := passwordgrant.New(passwordgrant.Config{Deps: true, ReportUnused: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{
		97:  "PG002: passes the password grant to Form, which sends it as grant_type (tokenreq.go:",
		109: "PG002: passes the password grant to Do, which sends it as grant_type (tokenreq.go:",
	}
	for _, r := range analysistest.Run(&quiet{t}, dir, a, "example.com/analysis/flow_helpers") {
		for _, d := range r.Diagnostics {
			posn := r.Pass.Fset.Position(d.Pos)
			if w, ok := want[posn.Line]; ok && filepath.Base(posn.Filename) == "helpers.go" && strings.HasPrefix(d.Message, w) {
				delete(want, posn.Line)
			}
		}
	}
	for line, w := range want {
		t.Errorf("helpers.go:%d: no diagnostic %q...", line, w)
	}
}
