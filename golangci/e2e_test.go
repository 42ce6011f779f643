package golangci_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/format"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// golangciLintVersion is the golangci-lint release the end-to-end test
// builds; the README recipe pins the same one.
const golangciLintVersion = "v2.15.0"

// Exit codes of golangci-lint run (pkg/exitcodes).
const (
	exitIssuesFound = 1
	exitFailure     = 3
)

// TestGolangciLintEndToEnd builds a golangci-lint that includes the plugin,
// the way the README tells users without access to `golangci-lint custom`,
// and runs it on testdata/golangci/lintme. The first run downloads
// golangci-lint's modules and builds it (minutes); later runs reuse the Go
// build cache. -short skips it.
func TestGolangciLintEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds golangci-lint " + golangciLintVersion + " with the plugin (minutes on a cold cache); not run with -short")
	}
	ctx := testContext(t)
	gcl := buildGolangciLint(ctx, t)

	src, err := filepath.Abs(filepath.Join("..", "testdata", "golangci", "lintme"))
	if err != nil {
		t.Fatal(err)
	}
	mainSrc, err := os.ReadFile(filepath.Join(src, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	wants := parseWants(t, mainSrc)

	// "settings" is the checked-in .golangci.yml (funcs set, report-unused
	// off); "defaults" has no settings at all, so each setting must change
	// what is reported for the test to pass.
	t.Run("settings", func(t *testing.T) {
		dir := copyModule(t, src)
		jsonOut := filepath.Join(t.TempDir(), "issues.json")
		sarifOut := filepath.Join(t.TempDir(), "issues.sarif")
		res := runGolangciLint(ctx, t, gcl, dir, "--output.json.path="+jsonOut, "--output.sarif.path="+sarifOut)
		res.wantExit(t, exitIssuesFound)
		report := readJSONReport(t, jsonOut, res)
		report.wantEnabled(t, res)
		if diff := compareFindings(wants["settings"], report.findings(t)); diff != "" {
			t.Errorf("JSON output: %s\n%s", diff, res)
		}
		if diff := compareFindings(wants["settings"], readSARIF(t, sarifOut)); diff != "" {
			t.Errorf("SARIF output: %s\n%s", diff, res)
		}
		nolint := lineOf(t, mainSrc, "//nolint:passwordgrant")
		for _, f := range report.findings(t) {
			if f.line == nolint {
				t.Errorf("finding %s on line %d, which has //nolint:passwordgrant", f, nolint)
			}
		}
	})

	t.Run("defaults", func(t *testing.T) {
		dir := copyModule(t, src)
		writeConfig(t, dir, "defaults.yml", "")
		jsonOut := filepath.Join(t.TempDir(), "issues.json")
		res := runGolangciLint(ctx, t, gcl, dir, "--config=defaults.yml", "--output.json.path="+jsonOut)
		res.wantExit(t, exitIssuesFound)
		report := readJSONReport(t, jsonOut, res)
		report.wantEnabled(t, res)
		if diff := compareFindings(wants["defaults"], report.findings(t)); diff != "" {
			t.Errorf("JSON output: %s\n%s", diff, res)
		}
	})

	// "deps" turns facts on: the call of go-mastodon's Authenticate, an SDK
	// in another module that posts grant_type=password, is reported where
	// lintme calls it.
	t.Run("deps", func(t *testing.T) {
		dir := copyModule(t, src)
		writeConfig(t, dir, "deps.yml", "deps: true")
		jsonOut := filepath.Join(t.TempDir(), "issues.json")
		res := runGolangciLint(ctx, t, gcl, dir, "--config=deps.yml", "--output.json.path="+jsonOut)
		res.wantExit(t, exitIssuesFound)
		report := readJSONReport(t, jsonOut, res)
		report.wantEnabled(t, res)
		if diff := compareFindings(wants["deps"], report.findings(t)); diff != "" {
			t.Errorf("JSON output: %s\n%s", diff, res)
		}
	})

	// --fix must change the files exactly as applying the first suggested
	// fix of each diagnostic of the standalone analyzer does, except on
	// //nolint lines. It runs with no settings so that the analyzer's
	// DefaultConfig is the reference.
	t.Run("fix", func(t *testing.T) {
		dir := copyModule(t, src)
		writeConfig(t, dir, "fix.yml", "")
		jsonOut := filepath.Join(t.TempDir(), "issues.json")
		res := runGolangciLint(ctx, t, gcl, dir, "--config=fix.yml", "--fix", "--output.json.path="+jsonOut)
		remaining := readJSONReport(t, jsonOut, res).findings(t)
		if len(remaining) > 0 {
			res.wantExit(t, exitIssuesFound)
		} else {
			res.wantExit(t, 0)
		}

		ref := copyModule(t, src)
		applyFirstFixes(t, ref, passwordgrant.DefaultConfig())
		for _, name := range []string{"main.go", filepath.Join("auth", "auth.go")} {
			got, want := readFile(t, dir, name), readFile(t, ref, name)
			if got != want {
				t.Errorf("%s after golangci-lint --fix:\n%s\nwant (the first fix of each diagnostic applied):\n%s\n%s", name, got, want, res)
			}
		}

		// PG007's first fix replaces the host inside the literal.
		const newURL = `"https://authentication.logmeininc.com/oauth/token"`
		fixed := readFile(t, dir, "main.go")
		if l := lineAt(lines([]byte(fixed)), lineOf(t, []byte(fixed), "want:PG007")); !strings.Contains(l, "TokenURL: "+newURL+",") {
			t.Errorf("after --fix, the PG007 line is %q, want it to contain TokenURL: %s\n%s", l, newURL, res)
		}
		if strings.Contains(fixed, "api.getgo.com") {
			t.Errorf("after --fix, main.go still mentions api.getgo.com:\n%s", fixed)
		}
		for _, f := range remaining {
			if f.rule == "PG007" {
				t.Errorf("PG007 is still reported after --fix: %s", f)
			}
		}
	})

	for _, tc := range []struct {
		name     string
		settings string
		want     []string // in golangci-lint's error output
	}{
		{
			name:     "unknown key",
			settings: "report-unsued: false",
			want:     []string{`unknown field "report-unsued"`, "accepted keys: funcs", "report-unused"},
		},
		{
			name:     "funcs not a list",
			settings: "funcs: example.com/lintme/auth.Login",
			want:     []string{"invalid settings", "funcs"},
		},
		{
			name:     "unqualified func",
			settings: "funcs: [Login]",
			want:     []string{`invalid function name "Login"`},
		},
	} {
		t.Run("invalid settings/"+tc.name, func(t *testing.T) {
			dir := copyModule(t, src)
			writeConfig(t, dir, "invalid.yml", tc.settings)
			res := runGolangciLint(ctx, t, gcl, dir, "--config=invalid.yml")
			res.wantExit(t, exitFailure)
			for _, w := range tc.want {
				if !strings.Contains(res.stderr, w) {
					t.Errorf("error output does not contain %q\n%s", w, res)
				}
			}
		})
	}
}

// testContext ends a little before the test binary's deadline so that a
// hanging build fails with its output instead of a panic without it.
func testContext(t *testing.T) context.Context {
	deadline, ok := t.Deadline()
	if !ok {
		deadline = time.Now().Add(30 * time.Minute)
	}
	ctx, cancel := context.WithDeadline(context.Background(), deadline.Add(-30*time.Second))
	t.Cleanup(cancel)
	return ctx
}

// buildGolangciLint follows the README recipe in a temporary module: the
// custom golangci-lint's main package, golangci-lint pinned, this checkout
// replacing the published plugin module.
func buildGolangciLint(ctx context.Context, t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root of this checkout: %v", err)
	}
	dir := t.TempDir()
	mainGo, err := os.ReadFile(filepath.Join(root, "testdata", "golangci", "custom-gcl", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), mainGo, 0o644); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "golangci-lint")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	start := time.Now()
	for _, args := range [][]string{
		{"mod", "init", "passwordgrant-golangci-lint"},
		{"mod", "edit", "-require=github.com/golangci/golangci-lint/v2@" + golangciLintVersion},
		{"mod", "edit", "-require=github.com/oauthlint/passwordgrant@v0.0.0", "-replace=github.com/oauthlint/passwordgrant=" + root},
		{"mod", "tidy"},
		{"build", "-o", bin, "."},
	} {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("building golangci-lint: go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	t.Logf("built golangci-lint %s with the plugin in %v", golangciLintVersion, time.Since(start).Round(time.Second))
	return bin
}

// copyModule copies the testdata module so that --fix edits the copy, not
// the checkout.
func copyModule(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
	return dst
}

// writeConfig writes a .golangci.yml variant that enables only our linter,
// with the given YAML (one line, may be empty) as its settings.
func writeConfig(t *testing.T, dir, name, settings string) {
	t.Helper()
	cfg := `version: "2"
linters:
  default: none
  enable:
    - passwordgrant
  settings:
    custom:
      passwordgrant:
        type: module
`
	if settings != "" {
		cfg += "        settings:\n          " + settings + "\n"
	}
	cfg += `issues:
  max-issues-per-linter: 0
  max-same-issues: 0
`
	if err := os.WriteFile(filepath.Join(dir, name), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
}

type result struct {
	args           []string
	exit           int
	stdout, stderr string
}

func (r result) String() string {
	return fmt.Sprintf("golangci-lint %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(r.args, " "), r.exit, r.stdout, r.stderr)
}

func (r result) wantExit(t *testing.T, code int) {
	t.Helper()
	if r.exit != code {
		t.Fatalf("want exit code %d\n%s", code, r)
	}
}

// runGolangciLint runs `golangci-lint run` in dir with a cache of its own:
// golangci-lint caches findings per package and does not key them by its own
// binary, so a shared cache would replay the findings of an older plugin.
func runGolangciLint(ctx context.Context, t *testing.T, bin, dir string, args ...string) result {
	t.Helper()
	args = append([]string{"run", "--show-stats=false"}, args...)
	args = append(args, "./...")
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOLANGCI_LINT_CACHE="+t.TempDir(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := result{args: args, stdout: stdout.String(), stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		res.exit = exitErr.ExitCode()
	case err != nil:
		t.Fatalf("running golangci-lint: %v", err)
	}
	return res
}

// A finding is a rule reported on a line of main.go.
type finding struct {
	line int
	rule string
}

func (f finding) String() string { return fmt.Sprintf("main.go:%d: %s", f.line, f.rule) }

func compareFinding(a, b finding) int {
	if a.line != b.line {
		return a.line - b.line
	}
	return strings.Compare(a.rule, b.rule)
}

// compareFindings describes how got differs from want, or returns "".
func compareFindings(want, got []finding) string {
	want, got = slices.Clone(want), slices.Clone(got)
	slices.SortFunc(want, compareFinding)
	slices.SortFunc(got, compareFinding)
	if slices.Equal(want, got) {
		return ""
	}
	var missing, extra []string
	for _, f := range want {
		if !slices.Contains(got, f) {
			missing = append(missing, f.String())
		}
	}
	for _, f := range got {
		if !slices.Contains(want, f) {
			extra = append(extra, f.String())
		}
	}
	return fmt.Sprintf("findings differ\ngot:     %v\nwant:    %v\nmissing: %v\nextra:   %v", got, want, missing, extra)
}

// ruleIDPrefix is how every message of the analyzer starts. golangci-lint
// keeps neither Diagnostic.Category nor URL, so the message is where its
// output carries the rule ID.
var ruleIDPrefix = regexp.MustCompile(`^(PG\d{3}): `)

func ruleOf(t *testing.T, text string) string {
	t.Helper()
	m := ruleIDPrefix.FindStringSubmatch(text)
	if m == nil {
		t.Errorf("message does not start with a rule ID: %q", text)
		return ""
	}
	return m[1]
}

// wantMarker is the "want:RULE" or "want[CONFIG]:RULE" marker of main.go.
var wantMarker = regexp.MustCompile(`want(?:\[(\w+)\])?:(PG\d{3})`)

// parseWants returns the findings main.go's markers expect for each
// configuration of the test.
func parseWants(t *testing.T, src []byte) map[string][]finding {
	t.Helper()
	wants := map[string][]finding{"settings": nil, "defaults": nil, "deps": nil}
	for i, l := range lines(src) {
		for _, m := range wantMarker.FindAllStringSubmatch(l, -1) {
			f := finding{line: i + 1, rule: m[2]}
			if m[1] == "" {
				for cfg := range wants {
					wants[cfg] = append(wants[cfg], f)
				}
				continue
			}
			if _, ok := wants[m[1]]; !ok {
				t.Fatalf("main.go:%d: marker for unknown configuration %q", i+1, m[1])
			}
			wants[m[1]] = append(wants[m[1]], f)
		}
	}
	for cfg, w := range wants {
		if len(w) == 0 {
			t.Fatalf("main.go has no findings marked for configuration %q", cfg)
		}
	}
	return wants
}

// jsonReport is the part of golangci-lint's JSON output the test reads.
type jsonReport struct {
	Issues []struct {
		FromLinter string
		Text       string
		Pos        struct {
			Filename string
			Line     int
		}
	}
	Report struct {
		Linters []struct {
			Name    string
			Enabled bool
		}
	}
}

func readJSONReport(t *testing.T, path string, res result) jsonReport {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("JSON output: %v\n%s", err, res)
	}
	var r jsonReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, data)
	}
	return r
}

// wantEnabled tells "the plugin was not loaded" apart from "it found
// nothing".
func (r jsonReport) wantEnabled(t *testing.T, res result) {
	t.Helper()
	for _, l := range r.Report.Linters {
		if l.Name == "passwordgrant" && l.Enabled {
			return
		}
	}
	t.Fatalf("linter passwordgrant is not enabled in the JSON report\n%s", res)
}

func (r jsonReport) findings(t *testing.T) []finding {
	t.Helper()
	var found []finding
	for _, is := range r.Issues {
		if is.FromLinter != "passwordgrant" || is.Pos.Filename != "main.go" {
			t.Errorf("unexpected issue from %s at %s:%d: %s", is.FromLinter, is.Pos.Filename, is.Pos.Line, is.Text)
			continue
		}
		found = append(found, finding{line: is.Pos.Line, rule: ruleOf(t, is.Text)})
	}
	return found
}

// readSARIF reads golangci-lint's SARIF output. Its ruleId is the linter
// name; the rule ID is in the message.
func readSARIF(t *testing.T, path string) []finding {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("SARIF output: %v", err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("SARIF output: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("SARIF output: want version 2.1.0 with one run\n%s", data)
	}
	var found []finding
	for _, r := range log.Runs[0].Results {
		if r.RuleID != "passwordgrant" || len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "main.go" {
			t.Errorf("unexpected SARIF result: %+v", r)
			continue
		}
		found = append(found, finding{line: r.Locations[0].PhysicalLocation.Region.StartLine, rule: ruleOf(t, r.Message.Text)})
	}
	return found
}

// applyFirstFixes runs the analyzer configured by cfg on the module in dir
// and applies the first suggested fix of each diagnostic to its files, as
// golangci-lint --fix should.
func applyFirstFixes(t *testing.T, dir string, cfg passwordgrant.Config) {
	t.Helper()
	a, err := passwordgrant.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := packages.Load(&packages.Config{
		Mode: packages.LoadAllSyntax,
		Dir:  dir,
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly"),
	}, "./...")
	if err != nil {
		t.Fatalf("loading %s: %v", dir, err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading %s: errors above", dir)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string][]analysis.TextEdit{}
	var fset *token.FileSet
	for _, act := range graph.Roots {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		fset = act.Package.Fset
		for _, d := range act.Diagnostics {
			if len(d.SuggestedFixes) > 0 && !nolinted(t, fset.Position(d.Pos)) {
				for _, e := range d.SuggestedFixes[0].TextEdits {
					name := fset.Position(e.Pos).Filename
					edits[name] = append(edits[name], e)
				}
			}
		}
	}
	for name, es := range edits {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		tf := fset.File(es[0].Pos)
		// Apply from the end so that earlier offsets stay valid.
		slices.SortFunc(es, func(x, y analysis.TextEdit) int { return int(y.Pos - x.Pos) })
		// golangci-lint drops identical edits; so does this.
		es = slices.CompactFunc(es, func(x, y analysis.TextEdit) bool {
			return x.Pos == y.Pos && x.End == y.End && bytes.Equal(x.NewText, y.NewText)
		})
		for _, e := range es {
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			start, stop := tf.Offset(e.Pos), tf.Offset(end)
			src = slices.Concat(src[:start], e.NewText, src[stop:])
		}
		// golangci-lint gofmts every file it fixes (when no formatter is
		// enabled), which e.g. sorts imports a fix adds.
		if src, err = format.Source(src); err != nil {
			t.Fatalf("%s after the first fixes: %v", name, err)
		}
		if err := os.WriteFile(name, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// nolinted reports whether golangci-lint drops the diagnostic at pos, and
// with it its fixes, for a //nolint:passwordgrant comment on its line.
func nolinted(t *testing.T, pos token.Position) bool {
	t.Helper()
	src, err := os.ReadFile(pos.Filename)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(lineAt(lines(src), pos.Line), "//nolint:passwordgrant")
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func lines(src []byte) []string {
	var ls []string
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		ls = append(ls, sc.Text())
	}
	return ls
}

func lineAt(ls []string, n int) string {
	if n < 1 || n > len(ls) {
		return ""
	}
	return ls[n-1]
}

// lineOf returns the number of the only line of src containing s.
func lineOf(t *testing.T, src []byte, s string) int {
	t.Helper()
	n := 0
	for i, l := range lines(src) {
		if strings.Contains(l, s) {
			if n != 0 {
				t.Fatalf("main.go has %q on lines %d and %d", s, n, i+1)
			}
			n = i + 1
		}
	}
	if n == 0 {
		t.Fatalf("main.go has no line containing %q", s)
	}
	return n
}
