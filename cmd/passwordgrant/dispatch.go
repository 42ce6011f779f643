package main

import (
	"strconv"
	"strings"
)

// singlecheckerFlags are the flags only singlechecker's driver handles:
// fixes, the go vet protocol's handshake, its help and its debugging aids.
var singlecheckerFlags = map[string]bool{
	"fix": true, "diff": true, "flags": true, "V": true,
	"debug": true, "cpuprofile": true, "memprofile": true, "trace": true,
	"h": true, "help": true,
}

// needsSinglechecker reports whether args ask for something that only the
// singlechecker driver does; every other run writes a report through the
// command's own path (runReport). go vet and go fix run the tool with a
// .cfg file, after -flags and -V=full.
func needsSinglechecker(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	// Like extractFormat, look at every argument: no package pattern
	// begins with a dash, and a flag's separate value ("-c 2") must not end
	// the search.
	sawPattern := false
	for _, a := range args {
		if a == "--" {
			break
		}
		name, _, ok := flagName(a)
		switch {
		case ok && singlecheckerFlags[name]:
			return true
		case !ok && !sawPattern && a == "help":
			return true // singlechecker's help command
		case !ok:
			sawPattern = true
		}
	}
	return false
}

// fixing reports whether args apply or show fixes (-fix, -fix=true).
func fixing(args []string) bool {
	on := false
	for _, a := range args {
		if a == "--" {
			break
		}
		if name, value, ok := flagName(a); ok && name == "fix" {
			b, err := strconv.ParseBool(cmpOr(value, "true"))
			on = err == nil && b
		}
	}
	return on
}

// reportFlag returns the first of -baseline and -write-baseline in args,
// which only report runs accept.
func reportFlag(args []string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		if name, _, ok := flagName(a); ok && (name == "baseline" || name == "write-baseline") {
			return "-" + name
		}
	}
	return ""
}

// flagName splits "-name=value" or "--name"; ok is false for arguments that
// are not flags.
func flagName(arg string) (name, value string, ok bool) {
	if len(arg) < 2 || arg[0] != '-' {
		return "", "", false
	}
	name, value, _ = strings.Cut(strings.TrimPrefix(arg[1:], "-"), "=")
	return name, value, name != ""
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
