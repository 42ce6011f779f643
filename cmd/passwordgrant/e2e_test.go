package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/oauthlint/passwordgrant/internal/sarif"
	"github.com/oauthlint/passwordgrant/internal/sarif/sariftest"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// The end-to-end tests build the command and run it on a copy of
// testdata/vetmod: standalone in each format, as go vet -vettool and as
// go fix -fixtool. Expected findings in findings/findings.go:
const (
	pg007 = "findings/findings.go:7:18: PG007: " // the retired GoTo host, fixed by -fix
	pg002 = "findings/findings.go:11:20: PG002: "

	// url.Values with -funcs=net/url.Values: a configured type is reported
	// where a value is constructed (the literal), not where it is named
	// (the result type on line 10).
	cleanValues = "clean/clean.go:11:9: PG004: "
)

var tool string // the built command

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "passwordgrant-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	tool = filepath.Join(dir, "passwordgrant")
	if runtime.GOOS == "windows" {
		tool += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", tool, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the command: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// vetmod returns a fresh copy of testdata/vetmod: fix tests change it.
func vetmod(t *testing.T) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "vetmod")
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

type outcome struct {
	stdout, stderr string
	code           int
}

// run runs name (the tool or "go") with args in dir. The environment keeps
// the module outside any workspace, on the local toolchain, and free of
// GOFLAGS from the caller (-mod=vendor would break the std-only module).
func run(t *testing.T, dir, name string, args ...string) outcome {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	o := outcome{stdout.String(), stderr.String(), 0}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		o.code = ee.ExitCode()
	case err != nil:
		t.Fatalf("running %s %q: %v", name, args, err)
	}
	return o
}

func (o outcome) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", o.code, o.stdout, o.stderr)
}

// lines returns the non-empty lines of s that are not go vet's "# package"
// headers, with dir/ removed from the front of each.
func lines(s, dir string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		l = strings.TrimPrefix(l, dir+string(filepath.Separator))
		if l != "" && !strings.HasPrefix(l, "# ") {
			out = append(out, filepath.ToSlash(l))
		}
	}
	return out
}

// findings returns the lines of s that are findings, each cut after the
// rule ID.
func findings(s, dir string) []string {
	var out []string
	for _, l := range lines(s, dir) {
		if i := strings.Index(l, ": PG"); i >= 0 && len(l) >= i+len(": PG000: ") {
			out = append(out, l[:i+len(": PG000: ")])
		}
	}
	return out
}

func TestTextOutput(t *testing.T) {
	dir := vetmod(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"clean", []string{"./clean/..."}, 0, nil},
		{"findings", []string{"./..."}, 3, []string{pg007, pg002}},
		{"explicit text format", []string{"-format=text", "./findings"}, 3, []string{pg007, pg002}},
		{"without tests", []string{"-test=false", "./findings"}, 3, []string{pg007, pg002}},
		// -funcs takes any named function or type; its multichecker name works too.
		{"funcs flag", []string{"-funcs=net/url.Values", "./clean/..."}, 3, []string{cleanValues}},
		{"prefixed funcs flag", []string{"-passwordgrant.funcs=net/url.Values", "./clean/..."}, 3, []string{cleanValues}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := run(t, dir, tool, tt.args...)
			if o.code != tt.wantCode || !slices.Equal(findings(o.stderr, dir), tt.want) || o.stdout != "" {
				t.Errorf("passwordgrant %s: want exit %d and findings %q on stderr, got %s", strings.Join(tt.args, " "), tt.wantCode, tt.want, o)
			}
		})
	}
}

func TestJSONOutput(t *testing.T) {
	dir := vetmod(t)
	for _, flag := range []string{"-json", "-format=json"} {
		t.Run(flag, func(t *testing.T) {
			o := run(t, dir, tool, flag, "./...")
			// singlechecker's JSON output exits 0 with findings: the JSON
			// is the result, as under go vet -json.
			if o.code != 0 {
				t.Fatalf("want exit 0, got %s", o)
			}
			var tree map[string]map[string][]struct {
				Category string `json:"category"`
				Posn     string `json:"posn"`
			}
			if err := json.Unmarshal([]byte(o.stdout), &tree); err != nil {
				t.Fatalf("stdout is not the JSON tree: %v\n%s", err, o)
			}
			var got []string
			for _, d := range tree["example.com/vetmod/findings"]["passwordgrant"] {
				got = append(got, strings.TrimPrefix(filepath.ToSlash(d.Posn), filepath.ToSlash(dir)+"/")+": "+d.Category+": ")
			}
			if want := []string{pg007, pg002}; !slices.Equal(got, want) {
				t.Errorf("findings = %q, want %q", got, want)
			}
			if _, ok := tree["example.com/vetmod/clean"]; ok {
				t.Errorf("clean package has an entry: %s", o.stdout)
			}
		})
	}
}

func TestSARIFOutput(t *testing.T) {
	dir := vetmod(t)
	schema := filepath.Join("..", "..", sariftest.SchemaFile)

	o := run(t, dir, tool, "-format=sarif", "./...")
	if o.code != 3 || o.stderr != "" {
		t.Fatalf("want exit 3 and nothing on stderr, got %s", o)
	}
	if err := sariftest.Validate(schema, []byte(o.stdout)); err != nil {
		t.Fatal(err)
	}
	var log sarif.Log
	if err := json.Unmarshal([]byte(o.stdout), &log); err != nil {
		t.Fatal(err)
	}
	run0 := log.Runs[0]
	rules := passwordgrant.Rules()
	if len(run0.Tool.Driver.Rules) != len(rules) {
		t.Errorf("driver has %d rules, want one per catalogue rule (%d)", len(run0.Tool.Driver.Rules), len(rules))
	}
	for i, r := range rules {
		if i >= len(run0.Tool.Driver.Rules) {
			break
		}
		d := run0.Tool.Driver.Rules[i]
		if d.ID != r.ID || d.Name != r.Name || d.ShortDescription.Text != r.Title || d.FullDescription.Text != r.Help || d.HelpURI != r.URL() {
			t.Errorf("rule %d = %+v, want it from %+v", i, d, r)
		}
	}
	var got []string
	for _, r := range run0.Results {
		loc := r.Locations[0].PhysicalLocation
		got = append(got, fmt.Sprintf("%s %s %s:%d:%d-%d:%d",
			r.RuleID, r.Level, loc.ArtifactLocation.URI, loc.Region.StartLine, loc.Region.StartColumn,
			loc.Region.EndLine, loc.Region.EndColumn))
		if len(r.Fixes) == 0 {
			t.Errorf("%s result has no fixes", r.RuleID)
		}
		if loc.ArtifactLocation.URIBaseID != sarif.SrcRoot {
			t.Errorf("%s: uriBaseId = %q, want %q", loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID, sarif.SrcRoot)
		}
		if rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("ruleIndex %d of %s points at %s", r.RuleIndex, r.RuleID, rules[r.RuleIndex].ID)
		}
		if !strings.HasPrefix(r.Message.Text, r.RuleID+": ") {
			t.Errorf("message %q does not start with its rule ID", r.Message.Text)
		}
	}
	// Regions end where the flagged expression ends: the string literal of
	// line 7, the "grant_type": {"password"} element of line 11.
	want := []string{
		"PG007 error findings/findings.go:7:18-7:56",
		"PG002 error findings/findings.go:11:20-11:46",
	}
	if !slices.Equal(got, want) {
		t.Errorf("results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	base, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	if u := run0.OriginalURIBaseIDs[sarif.SrcRoot].URI; u != sarif.RootLocation(base).URI && u != sarif.RootLocation(dir).URI {
		t.Errorf("%%SRCROOT%% = %q, want the module root %s", u, dir)
	}
	// The first fix is the one -fix applies: for PG007 it swaps the host.
	if len(run0.Results) > 0 && len(run0.Results[0].Fixes) > 0 {
		rep := run0.Results[0].Fixes[0].ArtifactChanges[0].Replacements[0]
		if rep.InsertedContent == nil || !strings.Contains(rep.InsertedContent.Text, "authentication.logmeininc.com/oauth/token") {
			t.Errorf("PG007 fix replacement = %+v, want the new host", rep)
		}
	}

	// From a subdirectory the URIs stay relative to the module root.
	sub := run(t, filepath.Join(dir, "findings"), tool, "-format=sarif", ".")
	if sub.code != 3 || !strings.Contains(sub.stdout, `"uri": "findings/findings.go"`) {
		t.Errorf("run in findings/: want exit 3 and URIs relative to the module root, got %s", sub)
	}

	clean := run(t, dir, tool, "-format=sarif", "./clean/...")
	if clean.code != 0 || !strings.Contains(clean.stdout, `"results": []`) {
		t.Errorf("clean package: want exit 0 and an empty results array, got %s", clean)
	}
	if err := sariftest.Validate(schema, []byte(clean.stdout)); err != nil {
		t.Error(err)
	}
}

func TestSARIFErrors(t *testing.T) {
	dir := vetmod(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no packages match", []string{"-format=sarif", "./nothing/..."}, 1, "nothing"},
		{"no patterns", []string{"-format=sarif"}, 1, "Usage"},
		{"unknown flag", []string{"-format=sarif", "-bogus", "./..."}, 2, "-bogus"},
		{"unknown format", []string{"-format=xml", "./..."}, 2, `"xml"`},
		{"vet config file", []string{"-format=sarif", "vet.cfg"}, 1, "standalone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := run(t, dir, tool, tt.args...)
			if o.code != tt.wantCode || !strings.Contains(o.stderr, tt.wantErr) {
				t.Errorf("want exit %d and %q on stderr, got %s", tt.wantCode, tt.wantErr, o)
			}
		})
	}
}

// TestVetProtocol checks the handshake go vet and go fix start with.
func TestVetProtocol(t *testing.T) {
	o := run(t, ".", tool, "-flags")
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(o.stdout), &flags); err != nil || o.code != 0 {
		t.Fatalf("-flags: want a JSON list, got %v\n%s", err, o)
	}
	var names []string
	for _, f := range flags {
		names = append(names, f.Name)
	}
	for _, want := range []string{"funcs", "report-unused", "json", "c"} {
		if !slices.Contains(names, want) {
			t.Errorf("-flags lacks -%s: %v", want, names)
		}
	}
	// go vet runs the tool once per package: SARIF, one log for a run, is
	// not offered there, so that go vet rejects -format up front.
	if slices.Contains(names, "format") {
		t.Errorf("-flags lists -format: %v", names)
	}
	if v := run(t, ".", tool, "-V=full"); v.code != 0 || !strings.Contains(v.stdout, " version ") {
		t.Errorf("-V=full: %s", v)
	}
}

func TestGoVet(t *testing.T) {
	dir := vetmod(t)
	vettool := "-vettool=" + tool
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string
	}{
		{"clean", []string{"./clean/..."}, 0, nil},
		// go vet turns the tool's JSON into text and exits 1 on findings.
		{"findings", []string{"./..."}, 1, []string{pg007, pg002}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := run(t, dir, "go", append([]string{"vet", vettool}, tt.args...)...)
			if o.code != tt.wantCode || !slices.Equal(findings(o.stderr, dir), tt.want) {
				t.Errorf("go vet %s: want exit %d and findings %q, got %s", strings.Join(tt.args, " "), tt.wantCode, tt.want, o)
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		o := run(t, dir, "go", "vet", vettool, "-json", "./...")
		if o.code != 0 || !strings.Contains(o.stdout, `"category": "PG007"`) {
			t.Errorf("go vet -json: want exit 0 and the JSON findings on stdout, got %s", o)
		}
	})
	t.Run("analyzer flag", func(t *testing.T) {
		// A flag the tool declares in -flags passes through go vet.
		o := run(t, dir, "go", "vet", vettool, "-report-unused=false", "./clean/...")
		if o.code != 0 {
			t.Errorf("go vet -report-unused=false: %s", o)
		}
	})
	t.Run("prefixed analyzer flag", func(t *testing.T) {
		o := run(t, dir, "go", "vet", vettool, "-passwordgrant.funcs=net/url.Values", "./clean/...")
		if o.code != 1 || !slices.Equal(findings(o.stderr, dir), []string{cleanValues}) {
			t.Errorf("go vet -passwordgrant.funcs: want exit 1 and the -funcs findings, got %s", o)
		}
	})
	t.Run("format rejected", func(t *testing.T) {
		o := run(t, dir, "go", "vet", vettool, "-format=sarif", "./...")
		if o.code != 2 || !strings.Contains(o.stderr, "-format") {
			t.Errorf("go vet -format=sarif: want exit 2 and a flag error, got %s", o)
		}
	})
}

func TestGoFix(t *testing.T) {
	fixtool := "-fixtool=" + tool
	//passwordgrant:allow PG007 the test checks that go fix moves code off this host
	const oldHost, newHost = "api.getgo.com/oauth/v2", "authentication.logmeininc.com/oauth"

	t.Run("diff", func(t *testing.T) {
		dir := vetmod(t)
		before := readFile(t, dir, "findings/findings.go")
		o := run(t, dir, "go", "fix", fixtool, "-diff", "./...")
		// go fix -diff exits 1 when there is a diff, as gofmt -d does.
		if o.code != 1 || !strings.Contains(o.stdout, "+const TokenURL = \"https://"+newHost+"/token\"") {
			t.Errorf("go fix -diff: want exit 1 and the host fix in the diff, got %s", o)
		}
		if readFile(t, dir, "findings/findings.go") != before {
			t.Error("go fix -diff changed the file")
		}
		if c := run(t, dir, "go", "fix", fixtool, "-diff", "./clean/..."); c.code != 0 || c.stdout != "" {
			t.Errorf("go fix -diff on the clean package: want exit 0 and no diff, got %s", c)
		}
	})
	t.Run("apply", func(t *testing.T) {
		dir := vetmod(t)
		o := run(t, dir, "go", "fix", fixtool, "./...")
		if o.code != 0 {
			t.Fatalf("go fix: want exit 0, got %s", o)
		}
		src := readFile(t, dir, "findings/findings.go")
		if strings.Contains(src, oldHost) || !strings.Contains(src, newHost) {
			t.Errorf("go fix did not move the GoTo host:\n%s", src)
		}
		if readFile(t, dir, "clean/clean.go") != readFile(t, filepath.Join("..", "..", "testdata", "vetmod"), "clean/clean.go") {
			t.Error("go fix changed the clean package")
		}
		// The fixed module builds, and the fixed finding is gone.
		if b := run(t, dir, "go", "build", "./..."); b.code != 0 {
			t.Errorf("fixed module does not build: %s", b)
		}
		if v := run(t, dir, "go", "vet", "-vettool="+tool, "./..."); slices.ContainsFunc(findings(v.stderr, dir), isPG007) {
			t.Errorf("go vet after go fix still reports PG007: %s", v)
		}
		if again := run(t, dir, "go", "fix", fixtool, "-diff", "./..."); again.code != 0 || again.stdout != "" {
			t.Errorf("go fix -diff after go fix: want no diff, got %s", again)
		}
	})
	t.Run("standalone -fix", func(t *testing.T) {
		dir := vetmod(t)
		o := run(t, dir, tool, "-fix", "./...")
		// singlechecker's -fix exits 0 once the fixes are written.
		if o.code != 0 {
			t.Fatalf("passwordgrant -fix: want exit 0, got %s", o)
		}
		if src := readFile(t, dir, "findings/findings.go"); !strings.Contains(src, newHost) {
			t.Errorf("passwordgrant -fix did not move the GoTo host:\n%s", src)
		}
		if after := run(t, dir, tool, "./..."); slices.ContainsFunc(findings(after.stderr, dir), isPG007) {
			t.Errorf("PG007 left after -fix: %s", after)
		}
	})
}

func isPG007(finding string) bool { return strings.HasSuffix(finding, ": PG007: ") }

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLoadErrors checks the exit code for code that does not type-check:
// 1 without findings in every format, for text and SARIF outranked by 3
// when there are findings too.
func TestLoadErrors(t *testing.T) {
	dir := vetmod(t)
	if err := os.MkdirAll(filepath.Join(dir, "broken"), 0o755); err != nil {
		t.Fatal(err)
	}
	src := "package broken\n\nvar x int = \"s\"\n"
	if err := os.WriteFile(filepath.Join(dir, "broken", "b.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args     []string
		wantCode int
	}{
		{[]string{"./broken"}, 1},
		{[]string{"-json", "./broken"}, 1},
		{[]string{"-format=sarif", "./broken"}, 1},
		{[]string{"./broken", "./findings"}, 3},
		{[]string{"-format=sarif", "./broken", "./findings"}, 3},
	}
	for _, tt := range tests {
		o := run(t, dir, tool, tt.args...)
		if o.code != tt.wantCode || !strings.Contains(o.stderr, "b.go:3:13") {
			t.Errorf("passwordgrant %s: want exit %d and the type error, got %s", strings.Join(tt.args, " "), tt.wantCode, o)
		}
	}
	if o := run(t, dir, "go", "vet", "-vettool="+tool, "./broken"); o.code != 1 {
		t.Errorf("go vet on a broken package: want exit 1, got %s", o)
	}
}
