package passwordgrant

import (
	"fmt"
	"strings"
)

// Config holds the analyzer's settings. Each field is also a flag of the
// analyzer returned by New (the golangci-lint plugin decodes its settings
// into the same fields).
type Config struct {
	// Funcs names further password-grant APIs, reported as PG004. Each is
	// fully qualified: "example.com/auth.Login" for a function,
	// "(*example.com/auth.Client).Login" or "(example.com/auth.Client).Login"
	// for a method.
	Funcs []string

	// ReportUnused reports //passwordgrant:allow directives that suppress
	// nothing (PG902).
	ReportUnused bool

	// Deps follows the password grant into dependencies with facts, and
	// reports calls of other modules' functions that perform it (PG008).
	// Drivers then analyze every dependency from source, which costs time
	// and memory (see the README's cost table), so it is off by default.
	Deps bool

	// FirstFixOnly reports each finding with its first suggested fix only.
	// Drivers that apply fixes unattended apply only the first anyway, but
	// some log a line for every other one (x/tools' -fix and go fix) and
	// golangci-lint --fix applies them all at once; the command and the
	// golangci-lint plugin set it. Editors want every alternative.
	FirstFixOnly bool
}

// DefaultConfig is the configuration of Analyzer before flags are parsed.
func DefaultConfig() Config { return Config{ReportUnused: true} }

// Validate reports the first malformed setting.
func (c Config) Validate() error {
	for _, f := range c.Funcs {
		if err := validateFuncName(f); err != nil {
			return err
		}
	}
	return nil
}

// validateFuncName accepts the forms types.Func.FullName produces, so that a
// user can copy a name from an error message or from go doc.
func validateFuncName(name string) error {
	bad := func(why string) error {
		return fmt.Errorf("invalid function name %q: %s; want pkg/path.Func, (pkg/path.T).M or (*pkg/path.T).M", name, why)
	}
	switch {
	case name == "":
		return bad("empty")
	case strings.ContainsAny(name, " \t\n"):
		return bad("contains white space")
	case strings.HasPrefix(name, "("):
		recv, method, ok := strings.Cut(name[1:], ").")
		recv = strings.TrimPrefix(recv, "*")
		if !ok || method == "" || strings.Contains(method, ".") {
			return bad("method has no name")
		}
		if i := strings.LastIndex(recv, "."); i <= 0 || i == len(recv)-1 {
			return bad("receiver type is not qualified by its package path")
		}
	default:
		if i := strings.LastIndex(name, "."); i <= 0 || i == len(name)-1 || strings.Contains(name[i:], "/") {
			return bad("not qualified by its package path")
		}
	}
	return nil
}

// funcsFlag is the -funcs flag: a comma-separated list, repeatable.
type funcsFlag struct{ list *[]string }

func (f funcsFlag) String() string {
	if f.list == nil {
		return ""
	}
	return strings.Join(*f.list, ",")
}

func (f funcsFlag) Set(s string) error {
	for name := range strings.SplitSeq(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if err := validateFuncName(name); err != nil {
			return err
		}
		*f.list = append(*f.list, name)
	}
	return nil
}
