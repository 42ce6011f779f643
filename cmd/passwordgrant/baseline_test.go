package main

import (
	"encoding/json"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/oauthlint/passwordgrant/internal/baseline"
	"github.com/oauthlint/passwordgrant/internal/codeclimate"
	"github.com/oauthlint/passwordgrant/internal/sarif"
	"github.com/oauthlint/passwordgrant/internal/sarif/sariftest"
)

// baselinemod returns a fresh copy of testdata/baselinemod, a client
// module with four password-grant uses in two packages.
func baselinemod(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(filepath.Join("..", "..", "testdata", "baselinemod"))); err != nil {
		t.Fatal(err)
	}
	return dst
}

func writeFile(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readBaseline(t *testing.T, dir string) *baseline.File {
	t.Helper()
	b, err := baseline.ReadFile(filepath.Join(dir, "baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// stderrLines are the lines of o's stderr, dir/ removed.
func stderrLines(o outcome, dir string) []string { return lines(o.stderr, dir) }

// TestBaseline is the adoption story of a team that cannot migrate today:
// record the findings, keep editing the code, fail only on new uses, and
// hear when a recorded use is gone.
func TestBaseline(t *testing.T) {
	dir := baselinemod(t)
	const login = "login/login.go"

	o := run(t, dir, tool, "-write-baseline=baseline.json", "./...")
	if o.code != 0 || o.stdout != "" || strings.TrimSpace(o.stderr) != "passwordgrant: wrote 4 baseline entries to baseline.json" {
		t.Fatalf("-write-baseline: want exit 0 and one line, got %s", o)
	}
	var decls []string
	for _, e := range readBaseline(t, dir).Entries {
		decls = append(decls, e.File+" "+e.Rule+" "+e.Declaration)
		if len(e.Fingerprint) != 32 || e.Message == "" || e.Reason != "" {
			t.Errorf("entry %+v: want a fingerprint, the message and an empty reason", e)
		}
	}
	if want := []string{
		"legacy/legacy.go PG007 var Host",
		"login/login.go PG001 func (*Client).Login",
		"login/login.go PG002 func Form",
		"login/login.go PG007 const TokenURL",
	}; !slices.Equal(decls, want) {
		t.Errorf("baseline entries:\n%s\nwant:\n%s", strings.Join(decls, "\n"), strings.Join(want, "\n"))
	}
	again := run(t, dir, tool, "-write-baseline=again.json", "./...")
	if again.code != 0 || readFile(t, dir, "again.json") != readFile(t, dir, "baseline.json") {
		t.Errorf("a second -write-baseline on the same code wrote another file: %s", again)
	}

	// The same code: nothing to report, in any format.
	assertNothingNew(t, dir)

	// A line inserted above every finding, code added above them, and the
	// file laid out differently and gofmt'ed: the same findings.
	src := readFile(t, dir, login)
	edited := strings.NewReplacer(
		"// TokenURL is", "// Retries is new.\nconst Retries = 3\n\n// TokenURL is",
		"\treturn c.conf.PasswordCredentialsToken(ctx, user, pass)",
		"\tctx = context.WithoutCancel(ctx)\n\treturn c.conf.PasswordCredentialsToken(\n\t\tctx,\n\t\tuser,\n\t\tpass,\n\t)",
		`return url.Values{"grant_type": {"password"}, "username": {user}, "password": {pass}}`,
		"_ = pass\n\treturn url.Values{\n\"grant_type\": {\"password\"},\n\"username\":   {user},\n\"password\": {pass},\n}",
	).Replace(src)
	formatted, err := format.Source([]byte(edited))
	if err != nil {
		t.Fatalf("gofmt: %v\n%s", err, edited)
	}
	writeFile(t, dir, login, string(formatted))
	moved := run(t, dir, tool, "./...")
	if got := findings(moved.stderr, dir); len(got) != 4 || slices.Contains(got, "login/login.go:22:9: PG001: ") {
		t.Fatalf("edited module without baseline: want the 4 findings on new lines, got %s", moved)
	}
	assertNothingNew(t, dir)

	// A new use in the same file is reported, alone, in every format.
	withNew := string(formatted) + `
// LoginService signs in the backup service.
func LoginService(ctx context.Context, conf *oauth2.Config, pass string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, "svc-backup", pass)
}
`
	writeFile(t, dir, login, withNew)
	line := strings.Count(withNew[:strings.Index(withNew, `conf.PasswordCredentialsToken(ctx, "svc-backup"`)], "\n") + 1
	newFinding := login + ":" + strconv.Itoa(line) + ":9: PG001: "
	o = run(t, dir, tool, "-baseline=baseline.json", "./...")
	if o.code != 3 || !slices.Equal(findings(o.stderr, dir), []string{newFinding}) || len(stderrLines(o, dir)) != 1 {
		t.Errorf("a new use: want exit 3 and only %q, got %s", newFinding, o)
	}
	assertOneNew(t, dir, login, line)

	// Removing a baselined use: one line that says the baseline is stale,
	// not an error; the new finding still fails the run.
	i := strings.Index(withNew, "// Form is")
	j := i + strings.Index(withNew[i:], "\n}\n") + len("\n}\n")
	writeFile(t, dir, login, strings.Replace(withNew[:i]+withNew[j:], "\t\"net/url\"\n", "", 1))
	o = run(t, dir, tool, "-baseline=baseline.json", "./...")
	wantNote := "passwordgrant: 1 baseline entry is gone, rewrite the baseline (-write-baseline=baseline.json)"
	if got := stderrLines(o, dir); o.code != 3 || len(got) != 2 || got[1] != wantNote || !strings.Contains(got[0], ": PG001: ") {
		t.Errorf("a use removed: want the new finding, then %q; got %s", wantNote, o)
	}
	// The note comes with every format, on stderr.
	for _, f := range []string{"json", "sarif", "codeclimate", "markdown"} {
		if o := run(t, dir, tool, "-format="+f, "-baseline=baseline.json", "./..."); !strings.Contains(o.stderr, wantNote) {
			t.Errorf("-format=%s: no stale note: %s", f, o)
		}
	}
	// Packages left out of the run are not stale.
	if o := run(t, dir, tool, "-baseline=baseline.json", "./legacy"); o.code != 0 || o.stderr != "" {
		t.Errorf("run on ./legacy only: want exit 0 and silence, got %s", o)
	}

	// Rewriting the baseline keeps the reasons given for entries that are
	// still there, and records the new use without one.
	b := readBaseline(t, dir)
	for i := range b.Entries {
		if b.Entries[i].Rule == "PG001" {
			b.Entries[i].Reason = "svc-sync is a system user"
		}
	}
	if err := b.WriteFile(filepath.Join(dir, "baseline.json")); err != nil {
		t.Fatal(err)
	}
	o = run(t, dir, tool, "-write-baseline=baseline.json", "./...")
	reasons := map[string]string{}
	for _, e := range readBaseline(t, dir).Entries {
		reasons[e.Rule+" "+e.Declaration] = e.Reason
	}
	if o.code != 0 || len(reasons) != 4 || reasons["PG001 func (*Client).Login"] != "svc-sync is a system user" ||
		reasons["PG001 func LoginService"] != "" {
		t.Errorf("rewritten baseline reasons %q (%s)", reasons, o)
	}
	if o := run(t, dir, tool, "-baseline=baseline.json", "./..."); o.code != 0 || o.stderr != "" {
		t.Errorf("after rewriting the baseline: want exit 0 and silence, got %s", o)
	}
}

// assertNothingNew checks that the baseline accepts every finding in dir,
// whatever the format.
func assertNothingNew(t *testing.T, dir string) {
	t.Helper()
	for _, f := range []string{"text", "json", "sarif", "codeclimate", "markdown"} {
		o := run(t, dir, tool, "-format="+f, "-baseline=baseline.json", "./...")
		if o.code != 0 || o.stderr != "" {
			t.Errorf("-format=%s -baseline: want exit 0 and nothing on stderr, got %s", f, o)
			continue
		}
		var ok bool
		switch f {
		case "text":
			ok = o.stdout == ""
		case "json":
			ok = strings.TrimSpace(o.stdout) == "{}"
		case "sarif":
			ok = strings.Contains(o.stdout, `"results": []`)
		case "codeclimate":
			ok = strings.TrimSpace(o.stdout) == "[]"
		case "markdown":
			ok = strings.Contains(o.stdout, "No new findings.") && strings.Contains(o.stdout, "4 findings in the baseline are not listed.")
		}
		if !ok {
			t.Errorf("-format=%s -baseline: want an empty report, got %s", f, o)
		}
	}
}

// assertOneNew checks that every format reports exactly the one new
// finding at file:line, with the same fingerprint.
func assertOneNew(t *testing.T, dir, file string, line int) {
	t.Helper()
	schema := filepath.Join("..", "..", sariftest.SchemaFile)

	o := run(t, dir, tool, "-format=sarif", "-baseline=baseline.json", "./...")
	var log sarif.Log
	if err := sariftest.Validate(schema, []byte(o.stdout)); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	if err := json.Unmarshal([]byte(o.stdout), &log); err != nil || o.code != 3 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("-format=sarif -baseline: want exit 3 and one result, got %v %s", err, o)
	}
	r := log.Runs[0].Results[0]
	fp := r.PartialFingerprints[fingerprintKey]
	if r.RuleID != "PG001" || r.Locations[0].PhysicalLocation.Region.StartLine != line || len(fp) != 32 {
		t.Errorf("SARIF result %+v, want PG001 at line %d with a fingerprint", r, line)
	}

	o = run(t, dir, tool, "-format=codeclimate", "-baseline=baseline.json", "./...")
	var issues []codeclimate.Issue
	if err := codeclimate.Validate([]byte(o.stdout)); err != nil {
		t.Errorf("code climate: %v", err)
	}
	if err := json.Unmarshal([]byte(o.stdout), &issues); err != nil || o.code != 3 || len(issues) != 1 ||
		issues[0].Fingerprint != fp || issues[0].Location.Path != file || issues[0].Location.Lines.Begin != line {
		t.Errorf("-format=codeclimate -baseline: want exit 3 and the one issue at %s:%d, fingerprint %s; got %v %s", file, line, fp, err, o)
	}

	o = run(t, dir, tool, "-format=json", "-baseline=baseline.json", "./...")
	var tree map[string]map[string][]jsonDiagnostic
	if err := json.Unmarshal([]byte(o.stdout), &tree); err != nil || o.code != 0 {
		t.Fatalf("-format=json -baseline: want exit 0 and the tree, got %v %s", err, o)
	}
	var got []string
	for id, byAnalyzer := range tree {
		for _, d := range byAnalyzer["passwordgrant"] {
			got = append(got, id+" "+d.Category+" "+d.Fingerprint)
		}
	}
	// The file is in the package and in its test variant... when it has
	// tests; baselinemod has none, so once.
	if want := []string{"example.com/baselinemod/login PG001 " + fp}; !slices.Equal(got, want) {
		t.Errorf("JSON findings %q, want %q", got, want)
	}

	o = run(t, dir, tool, "-format=markdown", "-baseline=baseline.json", "./...")
	if o.code != 3 || !strings.Contains(o.stdout, "**1 new finding**.") || !strings.Contains(o.stdout, "`"+file+":"+strconv.Itoa(line)+"`") ||
		!strings.Contains(o.stdout, "4 findings in the baseline are not listed.") {
		t.Errorf("-format=markdown -baseline: got %s", o)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := baselinemod(t)
	writeFile(t, dir, "broken.json", "{\n  \"version\": 1,\n  \"entries\": [\n    {\"fingerprint\": 3}\n  ]\n}\n")
	writeFile(t, dir, "old.json", `{"tool": "passwordgrant", "version": 0, "entries": []}`)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"missing", []string{"-baseline=missing.json", "./..."}, 1, "open missing.json"},
		{"malformed", []string{"-baseline=broken.json", "./..."}, 1, "baseline broken.json: line 4"},
		{"other version", []string{"-baseline=old.json", "./..."}, 1, "version 0, want 1"},
		{"malformed is not overwritten", []string{"-write-baseline=broken.json", "./..."}, 1, "not overwriting it"},
		{"write with a format", []string{"-write-baseline=b.json", "-format=sarif", "./..."}, 2, "-write-baseline writes only the baseline"},
		{"json and another format", []string{"-json", "-format=markdown", "./..."}, 2, "two formats"},
		{"with -fix", []string{"-fix", "-baseline=b.json", "./..."}, 2, "-baseline is for reports"},
		{"markdown with -diff", []string{"-format=markdown", "-diff", "./..."}, 2, "-format=markdown is for reports"},
		{"vet config file", []string{"-baseline=b.json", "vet.cfg"}, 1, "standalone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := run(t, dir, tool, tt.args...)
			if o.code != tt.wantCode || !strings.Contains(o.stderr, tt.wantErr) {
				t.Errorf("want exit %d and %q on stderr, got %s", tt.wantCode, tt.wantErr, o)
			}
		})
	}
	if b := readFile(t, dir, "broken.json"); !strings.Contains(b, `"fingerprint": 3`) {
		t.Errorf("malformed baseline was overwritten:\n%s", b)
	}
	// go vet and go fix run the tool once per package; they reject the
	// report flags up front, since -flags does not offer them.
	for _, cmd := range [][]string{
		{"vet", "-vettool=" + tool, "-baseline=b.json", "./..."},
		{"fix", "-fixtool=" + tool, "-write-baseline=b.json", "./..."},
		{"vet", "-vettool=" + tool, "-format=codeclimate", "./..."},
	} {
		if o := run(t, dir, "go", cmd...); o.code != 2 || !strings.Contains(o.stderr, "flag provided but not defined") {
			t.Errorf("go %s: want exit 2 and a flag error, got %s", strings.Join(cmd, " "), o)
		}
	}
}
