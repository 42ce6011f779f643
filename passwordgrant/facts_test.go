package passwordgrant_test

import (
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
