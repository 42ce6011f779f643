package codeclimate

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteValidates(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, []Issue{{
		CheckName:   "PG001",
		Description: "PG001: call to PasswordCredentialsToken uses the password grant",
		Categories:  []string{"Security"},
		Fingerprint: "0123456789abcdef0123456789abcdef",
		Severity:    Severity("error"),
		Location:    Location{Path: "auth/login.go", Lines: Lines{Begin: 26, End: 26}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := Validate(buf.Bytes()); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	for _, want := range []string{`"type": "issue"`, `"severity": "major"`, `"begin": 26`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("report lacks %s:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := Write(&buf, nil); err != nil || strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("no issues: %q, %v; want []", buf.String(), err)
	}
}

func TestSeverity(t *testing.T) {
	for level, want := range map[string]string{"error": Major, "warning": Minor, "note": Info, "": Info} {
		if got := Severity(level); got != want {
			t.Errorf("Severity(%q) = %q, want %q", level, got, want)
		}
	}
}

// TestValidateRejects makes sure the validator that the command's tests rely
// on rejects each way a report can break GitLab's requirements.
func TestValidateRejects(t *testing.T) {
	const ok = `{"description": "d", "check_name": "PG001", "fingerprint": "f", "severity": "major", "location": {"path": "a.go", "lines": {"begin": 1}}}`
	if err := Validate([]byte("[" + ok + "]")); err != nil {
		t.Fatalf("valid report rejected: %v", err)
	}
	bad := map[string]string{
		"not an array":        `{}`,
		"null":                `null`,
		"no description":      strings.Replace(ok, `"description": "d", `, "", 1),
		"empty check_name":    strings.Replace(ok, `"check_name": "PG001"`, `"check_name": ""`, 1),
		"no fingerprint":      strings.Replace(ok, `"fingerprint": "f", `, "", 1),
		"unknown severity":    strings.Replace(ok, `"major"`, `"error"`, 1),
		"no location":         strings.Replace(ok, `, "location": {"path": "a.go", "lines": {"begin": 1}}`, "", 1),
		"absolute path":       strings.Replace(ok, `"a.go"`, `"/src/a.go"`, 1),
		"backslashes":         strings.Replace(ok, `"a.go"`, `"sub\\a.go"`, 1),
		"no lines":            strings.Replace(ok, `, "lines": {"begin": 1}`, "", 1),
		"line 0":              strings.Replace(ok, `"begin": 1`, `"begin": 0`, 1),
		"line as string":      strings.Replace(ok, `"begin": 1`, `"begin": "1"`, 1),
		"duplicate":           ok + ", " + ok,
		"misnamed check name": strings.Replace(ok, `"check_name"`, `"checkName"`, 1),
	}
	for name, issue := range bad {
		src := "[" + issue + "]"
		if name == "not an array" || name == "null" {
			src = issue
		}
		if err := Validate([]byte(src)); err == nil {
			t.Errorf("%s: accepted %s", name, src)
		}
	}
}
