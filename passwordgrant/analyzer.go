package passwordgrant

import (
	"flag"
	"fmt"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// Analyzer reports uses of the OAuth 2.0 password grant. Its flags are those
// of DefaultConfig.
var Analyzer = newAnalyzer(DefaultConfig())

// New returns an analyzer named passwordgrant configured by cfg. Its flags
// are bound to its own copy of cfg, so analyzers made by New share no state.
func New(cfg Config) (*analysis.Analyzer, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("passwordgrant: %w", err)
	}
	return newAnalyzer(cfg), nil
}

func newAnalyzer(cfg Config) *analysis.Analyzer {
	c := &cfg
	c.Funcs = append([]string(nil), cfg.Funcs...)
	a := &analysis.Analyzer{
		Name:             "passwordgrant",
		Doc:              Doc,
		URL:              "https://github.com/oauthlint/passwordgrant",
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		RunDespiteErrors: true,
		Run:              func(pass *analysis.Pass) (any, error) { return run(pass, c) },
	}
	a.Flags.Init(a.Name, flag.ContinueOnError)
	a.Flags.Var(funcsFlag{&c.Funcs}, "funcs", "comma-separated further password-grant APIs to report as PG004, e.g. (*example.com/auth.Client).Login")
	a.Flags.BoolVar(&c.ReportUnused, "report-unused", c.ReportUnused, "report //passwordgrant:allow directives that suppress nothing (PG902)")
	return a
}
