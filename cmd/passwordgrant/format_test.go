package main

import (
	"slices"
	"testing"
)

func TestExtractFormat(t *testing.T) {
	tests := []struct {
		args       []string
		wantFormat string
		wantRest   []string
		wantErr    bool
	}{
		{[]string{"./..."}, "text", []string{"./..."}, false},
		{[]string{"-format=sarif", "./..."}, "sarif", []string{"./..."}, false},
		{[]string{"--format=json", "./..."}, "json", []string{"./..."}, false},
		{[]string{"-format", "sarif", "-test=false", "./..."}, "sarif", []string{"-test=false", "./..."}, false},
		{[]string{"-c", "2", "./...", "-format=sarif"}, "sarif", []string{"-c", "2", "./..."}, false},
		{[]string{"-format=json", "-format=text", "."}, "text", []string{"."}, false},
		{[]string{"-format=codeclimate", "-baseline=b.json", "./..."}, "codeclimate", []string{"-baseline=b.json", "./..."}, false},
		{[]string{"-format", "markdown", "./..."}, "markdown", []string{"./..."}, false},
		// After "--" everything is a package pattern.
		{[]string{"--", "-format=sarif"}, "text", []string{"--", "-format=sarif"}, false},
		// Flags whose names merely start with "format" are not -format.
		{[]string{"-formats=x", "."}, "text", []string{"-formats=x", "."}, false},
		{[]string{"-format=xml", "."}, "", nil, true},
		{[]string{"-format"}, "", nil, true},
	}
	for _, tt := range tests {
		format, rest, err := extractFormat(tt.args)
		if (err != nil) != tt.wantErr {
			t.Errorf("extractFormat(%q) error = %v, want error %v", tt.args, err, tt.wantErr)
			continue
		}
		if format != tt.wantFormat || !slices.Equal(rest, tt.wantRest) {
			t.Errorf("extractFormat(%q) = %q, %q; want %q, %q", tt.args, format, rest, tt.wantFormat, tt.wantRest)
		}
	}
}
