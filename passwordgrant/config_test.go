package passwordgrant

import (
	"strings"
	"testing"
)

func TestValidateFuncName(t *testing.T) {
	for _, ok := range []string{
		"example.com/auth.Login",
		"(*example.com/auth.Client).Login",
		"(example.com/auth.Client).Login",
		"auth.Login",
	} {
		if err := validateFuncName(ok); err != nil {
			t.Errorf("validateFuncName(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "Login", "example.com/auth.", "(*example.com/auth.Client)", "(Client).Login", "a b.C", "example.com/auth/"} {
		if err := validateFuncName(bad); err == nil {
			t.Errorf("validateFuncName(%q) = nil, want an error", bad)
		}
	}
}

func TestFlags(t *testing.T) {
	a, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Flags.Parse([]string{"-funcs", "example.com/a.F, (*example.com/b.T).M", "-funcs=example.com/c.G", "-report-unused=false"}); err != nil {
		t.Fatal(err)
	}
	if got, want := a.Flags.Lookup("funcs").Value.String(), "example.com/a.F,(*example.com/b.T).M,example.com/c.G"; got != want {
		t.Errorf("-funcs = %q, want %q", got, want)
	}
	if got := a.Flags.Lookup("report-unused").Value.String(); got != "false" {
		t.Errorf("-report-unused = %s, want false", got)
	}
	if err := a.Flags.Parse([]string{"-funcs", "NotQualified"}); err == nil || !strings.Contains(err.Error(), "NotQualified") {
		t.Errorf("-funcs NotQualified: err = %v, want an error naming it", err)
	}
	// Each analyzer has its own flags: parsing one leaves the default alone.
	if got := Analyzer.Flags.Lookup("report-unused").Value.String(); got != "true" {
		t.Errorf("default analyzer's -report-unused = %s after parsing another's flags", got)
	}
	if _, err := New(Config{Funcs: []string{"bad"}}); err == nil {
		t.Error("New with an invalid function name: want an error")
	}
}

// TestAPINamesFilter keeps ident's byte-level filter in step with the
// table: it only looks up names that contain "password" or start with Login.
func TestAPINamesFilter(t *testing.T) {
	for name := range apiNames {
		if !containsFold(name, "password") && !strings.HasPrefix(name, "Login") {
			t.Errorf("table name %s passes neither filter of ident", name)
		}
	}
}
