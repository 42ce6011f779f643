// Command floorcheck loads, type-checks and inspects packages like
// cmd/passwordgrant and then does nothing. Comparing the two commands on the
// same packages (see ../../compare.sh) shows what passwordgrant costs on top
// of the driver.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/oauthlint/passwordgrant/internal/floorcheck"
)

func main() { singlechecker.Main(floorcheck.Analyzer) }
