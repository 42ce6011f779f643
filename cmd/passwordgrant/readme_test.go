package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/oauthlint/passwordgrant/internal/codeclimate"
	"github.com/oauthlint/passwordgrant/internal/sarif"
	"github.com/oauthlint/passwordgrant/internal/sarif/sariftest"
)

// readmeCommands returns the command lines that run passwordgrant in the
// code block that follows "<!-- ci-test: name -->" in the README: shell
// lines, YAML "run:" steps and GitLab "script:" items.
func readmeCommands(t *testing.T, name string) []string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(readme), "<!-- ci-test: "+name+" -->\n")
	if !ok || !strings.HasPrefix(after, "```") {
		t.Fatalf("README has no code block marked ci-test: %s", name)
	}
	_, block, _ := strings.Cut(after, "\n")
	block, _, _ = strings.Cut(block, "\n```")
	var cmds []string
	for l := range strings.SplitSeq(block, "\n") {
		l = strings.TrimSpace(l)
		l = strings.TrimPrefix(l, "- ")
		l = strings.TrimPrefix(l, "run: ")
		if strings.HasPrefix(l, "passwordgrant ") {
			cmds = append(cmds, l)
		}
	}
	if len(cmds) == 0 {
		t.Fatalf("the ci-test: %s block runs no passwordgrant command", name)
	}
	return cmds
}

// sh runs a README command line with sh in dir, with the built command
// first on PATH and a step summary file, as a CI runner would.
func sh(t *testing.T, dir, summary, line string) outcome {
	t.Helper()
	cmd := exec.Command("sh", "-c", line)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=",
		"PATH="+filepath.Dir(tool)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GITHUB_STEP_SUMMARY="+summary)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	o := outcome{stdout.String(), stderr.String(), 0}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		o.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running %q: %v", line, err)
	}
	return o
}

// TestREADMECIExamples runs the command lines of the README's CI examples
// on a client module: adopt a baseline, then the GitHub Actions and GitLab
// CI steps, before and after a new password-grant use.
func TestREADMECIExamples(t *testing.T) {
	if filepath.Base(tool) != "passwordgrant" && filepath.Base(tool) != "passwordgrant.exe" {
		t.Fatalf("the built command is %s; the README runs it as passwordgrant", tool)
	}
	dir := baselinemod(t)
	summary := filepath.Join(t.TempDir(), "summary.md")
	schema := filepath.Join("..", "..", sariftest.SchemaFile)
	adopt, github, gitlab := readmeCommands(t, "adopt"), readmeCommands(t, "github-actions"), readmeCommands(t, "gitlab")
	if len(github) != 2 || len(gitlab) != 1 {
		t.Fatalf("commands: GitHub %q, GitLab %q; want the gate and the summary, and the gate", github, gitlab)
	}

	for _, l := range adopt {
		if o := sh(t, dir, summary, l); o.code != 0 {
			t.Fatalf("%s: %s", l, o)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "passwordgrant-baseline.json")); err != nil {
		t.Fatalf("adopting wrote no passwordgrant-baseline.json: %v", err)
	}

	// step runs the README steps and returns the exit codes and reports.
	step := func() (gate, summaryStep, gitlabGate int, sarifLog, summaryMD, codeQuality []byte) {
		os.Remove(summary)
		gate = sh(t, dir, summary, github[0]).code
		summaryStep = sh(t, dir, summary, github[1]).code
		gitlabGate = sh(t, dir, summary, gitlab[0]).code
		return gate, summaryStep, gitlabGate,
			[]byte(readFile(t, dir, "passwordgrant.sarif")), []byte(readFile(t, filepath.Dir(summary), "summary.md")),
			[]byte(readFile(t, dir, "gl-code-quality-report.json"))
	}
	results := func(log []byte) int {
		t.Helper()
		if err := sariftest.Validate(schema, log); err != nil {
			t.Fatalf("SARIF: %v", err)
		}
		var l sarif.Log
		if err := json.Unmarshal(log, &l); err != nil {
			t.Fatal(err)
		}
		return len(l.Runs[0].Results)
	}
	issues := func(report []byte) int {
		t.Helper()
		if err := codeclimate.Validate(report); err != nil {
			t.Fatalf("code quality report: %v\n%s", err, report)
		}
		var is []codeclimate.Issue
		if err := json.Unmarshal(report, &is); err != nil {
			t.Fatal(err)
		}
		return len(is)
	}

	gate, sum, gl, log, md, cq := step()
	if gate != 0 || sum != 0 || gl != 0 || results(log) != 0 || issues(cq) != 0 || !bytes.Contains(md, []byte("No new findings.")) {
		t.Errorf("with the baseline just written: exit codes %d %d %d (want 0 0 0), summary:\n%s", gate, sum, gl, md)
	}

	src := readFile(t, dir, "login/login.go")
	writeFile(t, dir, "login/login.go", src+`
// LoginService signs in the backup service.
func LoginService(ctx context.Context, conf *oauth2.Config, pass string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, "svc-backup", pass)
}
`)
	gate, sum, gl, log, md, cq = step()
	if gate != 3 || sum != 0 || gl != 3 || results(log) != 1 || issues(cq) != 1 || !bytes.Contains(md, []byte("**1 new finding**.")) {
		t.Errorf("after a new use: exit codes %d %d %d (want 3 0 3), summary:\n%s", gate, sum, gl, md)
	}
}
