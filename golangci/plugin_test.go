package golangci_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/oauthlint/passwordgrant/golangci"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

func TestRegistered(t *testing.T) {
	if _, err := register.GetPlugin("passwordgrant"); err != nil {
		t.Fatal(err)
	}
}

// TestSettings checks the settings golangci-lint hands over, as its YAML
// decoder produces them, against the config they must yield.
func TestSettings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings any
		want     passwordgrant.Config
		wantErr  []string // substrings of the error; nil means no error
	}{
		{
			name:     "absent",
			settings: nil,
			want:     passwordgrant.DefaultConfig(),
		},
		{
			name:     "empty",
			settings: map[string]any{},
			want:     passwordgrant.DefaultConfig(),
		},
		{
			name: "all keys",
			settings: map[string]any{
				"funcs":         []any{"example.com/auth.Login", "(*example.com/auth.Client).Login"},
				"report-unused": false,
			},
			want: passwordgrant.Config{Funcs: []string{"example.com/auth.Login", "(*example.com/auth.Client).Login"}},
		},
		{
			name:     "report-unused explicitly true",
			settings: map[string]any{"report-unused": true},
			want:     passwordgrant.Config{ReportUnused: true},
		},
		{
			name:     "unknown key",
			settings: map[string]any{"report_unused": false},
			wantErr:  []string{`unknown field "report_unused"`, "accepted keys: funcs", "report-unused"},
		},
		{
			name:     "funcs as a string",
			settings: map[string]any{"funcs": "example.com/auth.Login"},
			wantErr:  []string{"invalid settings", "funcs"},
		},
		{
			name:     "report-unused as a string",
			settings: map[string]any{"report-unused": "no"},
			wantErr:  []string{"invalid settings", "report-unused"},
		},
		{
			name:     "unqualified func",
			settings: map[string]any{"funcs": []any{"Login"}},
			wantErr:  []string{`invalid function name "Login"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := golangci.New(tc.settings)
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("New(%v) succeeded, want an error", tc.settings)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := p.GetLoadMode(); got != register.LoadModeTypesInfo {
				t.Errorf("GetLoadMode() = %q, want %q", got, register.LoadModeTypesInfo)
			}
			as, err := p.BuildAnalyzers()
			if err != nil {
				t.Fatal(err)
			}
			if len(as) != 1 || as[0].Name != "passwordgrant" {
				t.Fatalf("BuildAnalyzers() = %v, want the passwordgrant analyzer", as)
			}

			s, err := register.DecodeSettings[golangci.Settings](tc.settings)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.Config(); !slices.Equal(got.Funcs, tc.want.Funcs) || got.ReportUnused != tc.want.ReportUnused {
				t.Errorf("Config() = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestFirstFixOnly runs the plugin's analyzer on a package whose finding
// offers alternative fixes (PG007: the new host, and "Allow with a
// reason"): golangci-lint --fix would apply them all, so the plugin hands
// it the first only.
func TestFirstFixOnly(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "src", "p")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	code := "package p\n\nvar tokenURL = \"https://api.getgo.com/oauth/v2/token\" // want `PG007`\n"
	if err := os.WriteFile(filepath.Join(src, "p.go"), []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := golangci.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil || len(as) != 1 {
		t.Fatalf("BuildAnalyzers() = %v, %v", as, err)
	}
	results := analysistest.Run(t, dir, as[0], "p")
	n := 0
	for _, r := range results {
		for _, d := range r.Diagnostics {
			n++
			if len(d.SuggestedFixes) != 1 || d.SuggestedFixes[0].Message != "Use authentication.logmeininc.com/oauth" {
				var msgs []string
				for _, f := range d.SuggestedFixes {
					msgs = append(msgs, f.Message)
				}
				t.Errorf("%s: fixes %q, want only the first, the new host", d.Message, msgs)
			}
		}
	}
	if n != 1 {
		t.Fatalf("got %d diagnostics, want 1", n)
	}
}
