// Package golangci registers passwordgrant as a golangci-lint module plugin.
//
// A custom golangci-lint that blank-imports this package runs the analyzer as
// the linter "passwordgrant", configured in .golangci.yml:
//
//	version: "2"
//	linters:
//	  default: none
//	  enable:
//	    - passwordgrant
//	  settings:
//	    custom:
//	      passwordgrant:
//	        type: module
//	        settings:
//	          funcs:
//	            - (*example.com/auth.Client).Login
//	          report-unused: true
//	          deps: false
//
// See the README for how to build such a golangci-lint.
package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// Name is the linter's name in .golangci.yml and in //nolint comments.
const Name = "passwordgrant"

func init() { register.Plugin(Name, New) }

// Settings are the keys accepted under
// linters.settings.custom.passwordgrant.settings. They mirror the analyzer's
// flags so that a setting means the same in golangci-lint as on the command
// line.
type Settings struct {
	// Funcs is -funcs: further password-grant APIs reported as PG004.
	Funcs []string `json:"funcs"`

	// ReportUnused is -report-unused. A pointer, because an absent key must
	// keep the analyzer's default (true), not turn it off.
	ReportUnused *bool `json:"report-unused"`

	// Deps is -deps: follow the password grant into dependencies with
	// facts and report calls of SDK functions that perform it (PG008).
	Deps bool `json:"deps"`
}

// settingsKeys is named in decoding errors: golangci-lint shows the error
// far from this package, and the user needs to know what is accepted.
const settingsKeys = "funcs (list of fully qualified functions), report-unused (bool), deps (bool)"

// Config returns the analyzer configuration the settings describe.
func (s Settings) Config() passwordgrant.Config {
	cfg := passwordgrant.DefaultConfig()
	cfg.Funcs = append(cfg.Funcs, s.Funcs...)
	if s.ReportUnused != nil {
		cfg.ReportUnused = *s.ReportUnused
	}
	cfg.Deps = s.Deps
	return cfg
}

// New is the plugin constructor golangci-lint calls with the raw settings.
// register.DecodeSettings rejects unknown keys, so a misspelt setting is an
// error instead of being silently ignored.
func New(settings any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](settings)
	if err != nil {
		return nil, fmt.Errorf("passwordgrant: invalid settings (accepted keys: %s): %w", settingsKeys, err)
	}
	cfg := s.Config()
	// golangci-lint --fix applies the edits of every fix of a diagnostic at
	// once, where the analysis framework means them as alternatives; they
	// would conflict (golangci-lint then drops all of our edits in the
	// file) or, worse, all be applied.
	cfg.FirstFixOnly = true
	a, err := passwordgrant.New(cfg)
	if err != nil {
		return nil, err
	}
	return plugin{analyzer: a}, nil
}

type plugin struct{ analyzer *analysis.Analyzer }

func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode asks for type information: the rules resolve calls to
// fully qualified functions and methods.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
