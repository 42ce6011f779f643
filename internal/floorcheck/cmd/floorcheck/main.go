// Command floorcheck loads, type-checks and inspects packages like
// cmd/passwordgrant and then does nothing. Comparing the two commands on the
// same packages (see ../../compare.sh and ../../deps.sh) shows what
// passwordgrant costs on top of the driver. With -facts as its first
// argument it declares a fact type, like passwordgrant -deps, so that the
// driver analyzes every dependency too.
package main

import (
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/oauthlint/passwordgrant/internal/floorcheck"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-facts" {
		os.Args = append(os.Args[:1], os.Args[2:]...)
		singlechecker.Main(floorcheck.FactsAnalyzer)
	}
	singlechecker.Main(floorcheck.Analyzer)
}
