package passwordgrant

import (
	"flag"
	"fmt"
	"strconv"

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
	a.Flags.Var(depsFlag{c, a}, "deps", "follow the password grant into dependencies with facts and report calls of SDK functions that perform it (PG008); analyzes every dependency, which is slower")
	setDeps(a, c.Deps)
	return a
}

// setDeps turns facts on or off: the drivers read FactTypes after parsing
// flags, to decide whether to analyze dependencies.
func setDeps(a *analysis.Analyzer, on bool) {
	a.FactTypes = nil
	if on {
		a.FactTypes = factTypes
	}
}

// depsFlag is the -deps flag: it sets Config.Deps and the analyzer's fact
// types together.
type depsFlag struct {
	cfg *Config
	a   *analysis.Analyzer
}

func (f depsFlag) String() string {
	if f.cfg == nil {
		return "false"
	}
	return strconv.FormatBool(f.cfg.Deps)
}

func (f depsFlag) Set(s string) error {
	on, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("invalid value %q for -deps: want true or false", s)
	}
	f.cfg.Deps = on
	setDeps(f.a, on)
	return nil
}

// IsBoolFlag lets -deps stand without a value.
func (depsFlag) IsBoolFlag() bool { return true }
