// Command passwordgrant reports uses of the OAuth 2.0 password grant.
//
// Usage:
//
//	passwordgrant [flags] packages...
//	passwordgrant -format=sarif ./... > passwordgrant.sarif
//	go vet -vettool=$(which passwordgrant) ./...
//	go fix -fixtool=$(which passwordgrant) ./...
//
// -format selects the output: text (the default, on stderr), json (the
// analysis JSON tree on stdout, as -json) or sarif (a SARIF 2.1.0 log on
// stdout, for code scanning). Everything but sarif is the standard
// singlechecker driver, and so are -fix, -diff and the go vet protocol.
//
// Exit codes of the standalone command: 0 when it finds nothing, 3 when it
// reports findings in text or sarif format, 1 on errors (packages that do
// not load or type-check, an analysis that fails), 2 for bad flags. -json
// and -fix exit 0 whether or not there are findings. Under go vet and go
// fix the go command sets the exit code: see the README.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

func main() {
	format, args, err := extractFormat(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "passwordgrant: %v\n", err)
		os.Exit(2)
	}
	switch format {
	case formatSARIF:
		os.Exit(runSARIF(args, os.Stdout, os.Stderr))
	case formatJSON:
		args = append([]string{"-json"}, args...)
	}
	// Declared so that -help documents it; its value was taken out of args
	// above. -flags, go vet's and go fix's handshake, leaves it out: they
	// then reject -format once, up front, instead of the tool failing for
	// every package they hand it.
	aliasFlags(flag.CommandLine)
	if !slices.Contains(args, "-flags") && !slices.Contains(args, "--flags") {
		flag.String("format", formatText, "output format: text (on stderr), json (as -json, on stdout) or sarif (SARIF 2.1.0 on stdout)")
	}
	os.Args = append(os.Args[:1], args...)
	singlechecker.Main(passwordgrant.Analyzer)
}

// aliasFlags also declares the analyzer's flags under their multichecker
// names (-passwordgrant.funcs), the spelling that golangci-lint's settings
// and other analyzers' documentation use, bound to the same values.
func aliasFlags(fs *flag.FlagSet) {
	a := passwordgrant.Analyzer
	a.Flags.VisitAll(func(f *flag.Flag) {
		fs.Var(f.Value, a.Name+"."+f.Name, f.Usage+" (same as -"+f.Name+")")
	})
}
