// Command passwordgrant reports uses of the OAuth 2.0 password grant.
//
// Usage:
//
//	passwordgrant [flags] packages...
//	passwordgrant -format=sarif ./... > passwordgrant.sarif
//	go vet -vettool=$(which passwordgrant) ./...
//	go fix -fixtool=$(which passwordgrant) ./...
//	passwordgrant lsp    (a language server for editors, beside gopls)
//
// -format selects the output: text (the default, on stderr), json (the
// analysis JSON tree on stdout, as -json), sarif (a SARIF 2.1.0 log on
// stdout, for code scanning), codeclimate (a GitLab Code Quality report on
// stdout) or markdown (a summary on stdout). Every format is written by the
// command's own driver (report.go) from one set of findings, each with a
// fingerprint; -baseline=FILE filters them and -write-baseline=FILE records
// them. -fix, -diff and the go vet protocol are the standard singlechecker
// driver, which the command keeps quiet (firstFixOnly).
//
// Exit codes of the standalone command: 0 when it finds nothing, 3 when it
// reports findings (new findings, under -baseline) in text, sarif,
// codeclimate or markdown format, 1 on errors (packages that do not load or
// type-check, an analysis that fails, a missing or malformed baseline), 2
// for bad flags. json, -write-baseline and -fix exit 0 whether or not there
// are findings. Under go vet and go fix the go command sets the exit code:
// see the README.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/oauthlint/passwordgrant/internal/lsp"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "lsp" {
		// The language server for editors; see internal/lsp.
		os.Exit(lsp.Main(os.Args[2:], os.Stdin, os.Stdout, os.Stderr))
	}
	format, args, err := extractFormat(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "passwordgrant: %v\n", err)
		os.Exit(2)
	}
	if !needsSinglechecker(args) {
		os.Exit(runReport(format, args, os.Stdout, os.Stderr))
	}
	if f := reportFlag(args); format != formatText || f != "" {
		if f == "" {
			f = "-format=" + format
		}
		if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
			fmt.Fprintf(os.Stderr, "passwordgrant: %s is for the standalone command (passwordgrant %s ./...), not for go vet or go fix, which run it once per package\n", f, f)
			os.Exit(1)
		}
		fmt.Fprintf(os.Stderr, "passwordgrant: %s is for reports; -fix, -diff, -flags and -V write none, so it cannot be combined with them\n", f)
		os.Exit(2)
	}
	a := passwordgrant.Analyzer
	if fixing(args) {
		// -fix, go fix and go vet -fix apply each finding's first fix, and
		// x/tools logs "ignoring alternative fix" for every other one: one
		// line per finding that says nothing. Without alternatives a run
		// that applies every fix cleanly prints nothing. The analyzer is
		// made anew, with its own flags, so that -deps still turns its
		// facts on.
		cfg := passwordgrant.DefaultConfig()
		cfg.FirstFixOnly = true
		quiet, err := passwordgrant.New(cfg)
		if err != nil {
			fmt.Fprintf(os.Stderr, "passwordgrant: %v\n", err)
			os.Exit(1)
		}
		a = quiet
	}
	// Declared so that -help documents it; its value was taken out of args
	// above. -flags, go vet's and go fix's handshake, leaves it out: they
	// then reject -format once, up front, instead of the tool failing for
	// every package they hand it.
	aliasFlags(flag.CommandLine, a)
	if !slices.Contains(args, "-flags") && !slices.Contains(args, "--flags") {
		flag.String("format", formatText, "output format: text (on stderr), json (as -json, on stdout), sarif (SARIF 2.1.0 on stdout), codeclimate (GitLab Code Quality on stdout) or markdown (a summary on stdout)")
		flag.String("baseline", "", "report only findings not recorded in this baseline `file`")
		flag.String("write-baseline", "", "record every finding in this baseline `file` instead of reporting it")
	}
	os.Args = append(os.Args[:1], args...)
	singlechecker.Main(a)
}

// aliasFlags also declares the analyzer's flags under their multichecker
// names (-passwordgrant.funcs), the spelling that golangci-lint's settings
// and other analyzers' documentation use, bound to the same values.
func aliasFlags(fs *flag.FlagSet, a *analysis.Analyzer) {
	a.Flags.VisitAll(func(f *flag.Flag) {
		fs.Var(f.Value, a.Name+"."+f.Name, f.Usage+" (same as -"+f.Name+")")
	})
}
