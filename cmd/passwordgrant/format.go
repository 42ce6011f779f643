package main

import (
	"fmt"
	"strings"
)

const (
	formatText        = "text"
	formatJSON        = "json"
	formatSARIF       = "sarif"
	formatCodeClimate = "codeclimate" // GitLab Code Quality
	formatMarkdown    = "markdown"    // a summary for people
)

// extractFormat takes the -format flag out of args and returns its value
// (text if absent; the last one wins) and the remaining arguments. It runs
// before singlechecker parses the command line, which owns flag.CommandLine
// and exits from it, so that report runs can take the command's own path.
//
// It looks at every argument before "--": a -format among the package
// patterns is still a flag to the user, and no package pattern begins
// with a dash.
func extractFormat(args []string) (format string, rest []string, err error) {
	format = formatText
	rest = make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-"), "=")
		if !strings.HasPrefix(arg, "-") || name != "format" {
			rest = append(rest, arg)
			continue
		}
		if !hasValue {
			if i+1 == len(args) {
				return "", nil, fmt.Errorf("flag needs an argument: -format")
			}
			i++
			value = args[i]
		}
		switch value {
		case formatText, formatJSON, formatSARIF, formatCodeClimate, formatMarkdown:
			format = value
		default:
			return "", nil, fmt.Errorf("invalid value %q for flag -format: want text, json, sarif, codeclimate or markdown", value)
		}
	}
	return format, rest, nil
}
