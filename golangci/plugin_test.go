package golangci_test

import (
	"go/token"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

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

// TestFirstFixOnly runs the plugin's analyzer wrapper on a stand-in analyzer
// that offers two alternative fixes: golangci-lint would apply both.
func TestFirstFixOnly(t *testing.T) {
	fix := func(msg string) analysis.SuggestedFix {
		return analysis.SuggestedFix{Message: msg, TextEdits: []analysis.TextEdit{{Pos: 1, End: 2, NewText: []byte(msg)}}}
	}
	for _, tc := range []struct {
		name string
		give []analysis.SuggestedFix
		want []string // fix messages
	}{
		{name: "none"},
		{name: "one", give: []analysis.SuggestedFix{fix("a")}, want: []string{"a"}},
		{name: "alternatives", give: []analysis.SuggestedFix{fix("a"), fix("b"), fix("c")}, want: []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inner := &analysis.Analyzer{
				Name: "passwordgrant",
				Doc:  "stand-in",
				Run: func(pass *analysis.Pass) (any, error) {
					pass.Report(analysis.Diagnostic{Pos: token.Pos(1), Message: "PG007: x", SuggestedFixes: tc.give})
					return "result", nil
				},
			}
			var got []analysis.Diagnostic
			pass := &analysis.Pass{Report: func(d analysis.Diagnostic) { got = append(got, d) }}
			res, err := golangci.FirstFixOnly(inner).Run(pass)
			if err != nil || res != "result" {
				t.Fatalf("Run() = %v, %v; want the inner analyzer's result", res, err)
			}
			if len(got) != 1 {
				t.Fatalf("got %d diagnostics, want 1", len(got))
			}
			var msgs []string
			for _, f := range got[0].SuggestedFixes {
				msgs = append(msgs, f.Message)
			}
			if !slices.Equal(msgs, tc.want) {
				t.Errorf("fixes %q, want %q", msgs, tc.want)
			}
		})
	}
}
