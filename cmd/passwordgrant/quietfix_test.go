package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// TestQuietFix checks that applying or showing fixes prints nothing but
// what was asked for: x/tools' fix driver logs "ignoring alternative fix"
// for every fix after the first, and each passwordgrant finding has one.
func TestQuietFix(t *testing.T) {
	fixtool := "-fixtool=" + tool
	tests := []struct {
		name string
		cmd  string
		args []string
		code int
	}{
		{"standalone -fix", tool, []string{"-fix", "./..."}, 0},
		{"standalone -fix -diff", tool, []string{"-fix", "-diff", "./..."}, 0},
		{"go fix", "go", []string{"fix", fixtool, "./..."}, 0},
		{"go fix -diff", "go", []string{"fix", fixtool, "-diff", "./..."}, 1},
		{"go vet -fix", "go", []string{"vet", "-vettool=" + tool, "-fix", "./..."}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := vetmod(t)
			o := run(t, dir, tt.cmd, tt.args...)
			// go fix and go vet print "# package" headers for packages
			// whose tool wrote to stderr; lines() drops them.
			if o.code != tt.code || len(lines(o.stderr, dir)) != 0 {
				t.Errorf("want exit %d and nothing on stderr, got %s", tt.code, o)
			}
			fixed := readFile(t, dir, "findings/findings.go")
			diff := strings.Contains(o.stdout, "authentication.logmeininc.com")
			if strings.Contains(strings.Join(tt.args, " "), "-diff") != diff || diff == strings.Contains(fixed, "authentication.logmeininc.com") {
				t.Errorf("want the PG007 fix applied or, with -diff, shown; got %s\nfile:\n%s", o, fixed)
			}
		})
	}
}

// TestJSONKeepsAlternatives checks that only fixing drops the
// alternatives: editors and reports still get every fix.
func TestJSONKeepsAlternatives(t *testing.T) {
	dir := vetmod(t)
	for _, args := range [][]string{
		{tool, "-json", "./findings"},
		{"go", "fix", "-fixtool=" + tool, "-json", "./findings"},
	} {
		o := run(t, dir, args[0], args[1:]...)
		var tree map[string]map[string][]struct {
			Category       string `json:"category"`
			SuggestedFixes []struct {
				Message string `json:"message"`
			} `json:"suggested_fixes"`
		}
		if err := json.Unmarshal([]byte(o.stdout), &tree); err != nil || o.code != 0 {
			t.Fatalf("%q: want exit 0 and the JSON tree, got %v %s", args, err, o)
		}
		diags := tree["example.com/vetmod/findings"]["passwordgrant"]
		if len(diags) == 0 {
			t.Fatalf("%q: no findings: %s", args, o)
		}
		for _, d := range diags {
			allow := slices.IndexFunc(d.SuggestedFixes, func(f struct {
				Message string `json:"message"`
			}) bool {
				return strings.HasPrefix(f.Message, "Allow with a reason")
			})
			if len(d.SuggestedFixes) < 2 || allow < 1 {
				t.Errorf("%q: %s has fixes %+v, want the first fix and its alternatives", args, d.Category, d.SuggestedFixes)
			}
		}
	}
}

func TestFixing(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"-fix", "./..."}, true},
		{[]string{"--fix=true", "./..."}, true},
		{[]string{"-fix=false", "./..."}, false},
		{[]string{"-diff", "./..."}, false},
		{[]string{"-json", "./..."}, false},
		{[]string{"--", "-fix"}, false},
	}
	for _, tt := range tests {
		if got := fixing(tt.args); got != tt.want {
			t.Errorf("fixing(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestNeedsSinglechecker(t *testing.T) {
	tests := []struct {
		args []string
		want bool
	}{
		{[]string{"./..."}, false},
		{[]string{"-test=false", "-baseline=b.json", "./..."}, false},
		{[]string{"-c", "2", "./..."}, false},
		{[]string{"-fix", "./..."}, true},
		{[]string{"-c", "2", "-diff", "./..."}, true},
		{[]string{"-flags"}, true},
		{[]string{"-V=full"}, true},
		{[]string{"-json", "/tmp/x/vet.cfg"}, true},
		{[]string{"help"}, true},
		{[]string{"help", "funcs"}, true},
		{[]string{"./...", "help"}, false},
		{[]string{"-h"}, true},
		{[]string{"--", "-fix"}, false},
	}
	for _, tt := range tests {
		if got := needsSinglechecker(tt.args); got != tt.want {
			t.Errorf("needsSinglechecker(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}
