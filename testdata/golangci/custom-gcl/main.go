// Command golangci-lint is golangci-lint with the passwordgrant module plugin
// built in: what `golangci-lint custom` produces, made from the Go module
// proxy alone. Build it from a module that requires
// github.com/golangci/golangci-lint/v2 and github.com/oauthlint/passwordgrant
// (see the README, "golangci-lint plugin"); golangci/e2e_test.go does so.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	// Registers the "passwordgrant" module plugin.
	_ "github.com/oauthlint/passwordgrant/golangci"
)

func main() {
	if err := commands.Execute(buildInfo()); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// buildInfo makes `golangci-lint version` name the golangci-lint release
// this binary was built from, since it is not the main module here.
func buildInfo() commands.BuildInfo {
	info := commands.BuildInfo{Version: "unknown", Commit: "custom (passwordgrant)", Date: "(unknown)", GoVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range bi.Deps {
			if dep.Path == "github.com/golangci/golangci-lint/v2" {
				info.Version = strings.TrimPrefix(dep.Version, "v")
			}
		}
	}
	return info
}
