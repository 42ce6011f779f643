// Command passwordgrant reports uses of the OAuth 2.0 password grant.
//
// Usage:
//
//	passwordgrant [flags] packages...
//	go vet -vettool=$(which passwordgrant) ./...
//
// It exits 0 when it finds nothing, 3 when it reports findings and 1 on
// errors.
package main

import (
	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

func main() { singlechecker.Main(passwordgrant.Analyzer) }
