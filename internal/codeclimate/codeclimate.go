// Package codeclimate writes GitLab Code Quality reports: the JSON array of
// Code Climate issues that GitLab reads from a job's
// artifacts:reports:codequality file and shows in merge requests.
//
// GitLab requires description, check_name, fingerprint, severity,
// location.path and location.lines.begin of each issue
// (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format);
// it compares fingerprints between the source and target branch to tell
// new issues from resolved ones.
package codeclimate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Severities GitLab accepts.
const (
	Info     = "info"
	Minor    = "minor"
	Major    = "major"
	Critical = "critical"
	Blocker  = "blocker"
)

// Issue is one finding.
type Issue struct {
	Type        string   `json:"type"` // always "issue"
	CheckName   string   `json:"check_name"`
	Description string   `json:"description"`
	Categories  []string `json:"categories,omitempty"`
	Fingerprint string   `json:"fingerprint"`
	Severity    string   `json:"severity"`
	Location    Location `json:"location"`
}

// Location is where an issue is: a path relative to the repository root,
// with forward slashes.
type Location struct {
	Path  string `json:"path"`
	Lines Lines  `json:"lines"`
}

// Lines are 1-based line numbers.
type Lines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// Severity maps a SARIF-style rule level (error, warning, note) to a GitLab
// severity.
func Severity(level string) string {
	switch level {
	case "error":
		return Major
	case "warning":
		return Minor
	}
	return Info
}

// Write writes issues as one JSON array, [] when there are none: GitLab
// reads an empty array as "no issues", while an empty file is an error.
func Write(w io.Writer, issues []Issue) error {
	if issues == nil {
		issues = []Issue{}
	}
	for i := range issues {
		if issues[i].Type == "" {
			issues[i].Type = "issue"
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(issues); err != nil {
		return fmt.Errorf("codeclimate: encoding report: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("codeclimate: writing report: %w", err)
	}
	return nil
}
