package passwordgrant_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestDirectives checks every diagnostic of the directives package, file by
// file and line by line: a // want comment cannot sit on a directive's line
// without becoming part of its reason.
func TestDirectives(t *testing.T) {
	dir := download(t)
	all := []string{
		"directives.go:26 PG902 this passwordgrant:allow directive suppresses nothing",
		"directives.go:27 PG001 call to",
		"directives.go:29 PG901 passwordgrant:allow needs a reason",
		"directives.go:30 PG001 call to",
		"directives.go:32 PG901 passwordgrant:allow still has the TODO placeholder",
		"directives.go:33 PG001 call to",
		"directives.go:35 PG901 unknown rule PG123",
		"directives.go:36 PG901 unknown directive passwordgrant:deny",
		"directives.go:37 PG902 this passwordgrant:allow directive suppresses nothing",
	}
	withoutUnused := slices.DeleteFunc(slices.Clone(all), func(s string) bool { return strings.Contains(s, " PG902 ") })
	tests := []struct {
		report bool
		want   []string
	}{
		{true, all},
		{false, withoutUnused},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint("report-unused=", tt.report), func(t *testing.T) {
			cfg := passwordgrant.DefaultConfig()
			cfg.ReportUnused = tt.report
			a, err := passwordgrant.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			got := diagnostics(t, dir, a, "example.com/analysis/directives")
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.EqualFunc(got, want, strings.HasPrefix) {
				t.Errorf("diagnostics:\n%s\nwant prefixes:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// diagnostics runs a on the packages and returns "file:line RULE message"
// for each diagnostic, sorted.
func diagnostics(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) []string {
	t.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir, Env: append(testEnv(), "GOPROXY=off")}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("packages had errors")
	}
	g, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for act := range g.All() {
		if act.Analyzer != a {
			continue
		}
		if act.Err != nil {
			t.Fatal(act.Err)
		}
		for _, d := range act.Diagnostics {
			p := act.Package.Fset.Position(d.Pos)
			out = append(out, fmt.Sprintf("%s:%d %s %s", filepath.Base(p.Filename), p.Line, d.Category, strings.TrimPrefix(d.Message, d.Category+": ")))
		}
	}
	slices.Sort(out)
	return out
}
