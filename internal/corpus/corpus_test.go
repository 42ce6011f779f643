package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// A corpusModule is one pinned module version and the findings expected in
// it, each "RULE path/to/file.go:LINE" with the path relative to the
// module root. Versions are exact: the proxy may refuse @latest, and a
// moving version would move the lines.
type corpusModule struct {
	path, version string
	want          []string

	// noGoMod marks a +incompatible module without a go.mod. Its
	// dependencies are unpinned (it vendored them, and module zips drop
	// vendor/), so it is type-checked with its imports unresolved: the
	// analyzer runs despite errors and net/url, which it needs, resolves.
	noGoMod bool

	// deps analyzes with facts on (-deps).
	deps bool
}

var corpus = []corpusModule{
	{
		path: "golang.org/x/oauth2", version: "v0.30.0",
		want: []string{
			"PG002 oauth2.go:200",      // url.Values{"grant_type": {"password"}, ...} in PasswordCredentialsToken
			"PG001 oauth2_test.go:408", // conf.PasswordCredentialsToken(...)
			// Value flow: wantGrantType := "password" is sent as
			// EndpointParams{"grant_type": {wantGrantType}} to the test server.
			"PG002 clientcredentials/clientcredentials_test.go:59",
		},
	},
	{
		path: "github.com/mattn/go-mastodon", version: "v0.0.13",
		want: []string{
			"PG002 mastodon.go:174", // url.Values literal in (*Client).Authenticate
		},
	},
	{
		path: "github.com/docker/distribution", version: "v2.8.3+incompatible", noGoMod: true,
		want: []string{
			`PG002 registry/client/auth/session.go:339`, // form.Set("grant_type", "password")
			// The token server's password branch; it rejects only on one error path.
			`PG005 contrib/token-server/main.go:364`, // case "password": in a switch on r.PostFormValue("grant_type")
		},
	},
	{
		path: "github.com/go-oauth2/oauth2/v4", version: "v4.5.4",
		want: []string{
			"PG001 example/client/client.go:104", // config.PasswordCredentialsToken(...)
			"PG005 server/server.go:356",         // case oauth2.PasswordCredentials: in ValidationTokenRequest
			// The server's other ways of accepting the password grant, and
			// a test client that sends it.
			"PG005 server/server.go:422",        // case oauth2.PasswordCredentials, oauth2.ClientCredentials: in GetAccessToken
			"PG002 server/config.go:27",         // AllowedGrantTypes: []oauth2.GrantType{..., oauth2.PasswordCredentials, ...} (the default)
			"PG005 example/server/server.go:67", // srv.SetPasswordAuthorizationHandler(...)
			"PG005 server/server_test.go:263",   // srv.SetPasswordAuthorizationHandler(...)
			// Not manage/manager.go:55: grantConfig only looks token
			// lifetimes up by grant; no request is read there.
			"PG002 server/server_test.go:273", // e.POST("/token").WithFormField("grant_type", "password")...
		},
	},
	// No password grant in these; grpc's STS token exchange sets grant_type
	// to urn:ietf:params:oauth:grant-type:token-exchange, zitadel/oidc is an
	// OIDC library without the password grant.
	{path: "golang.org/x/net", version: "v0.62.0"},
	{path: "github.com/spf13/cobra", version: "v1.10.2"},
	{path: "google.golang.org/grpc", version: "v1.85.0"},
	{path: "github.com/zitadel/oidc/v3", version: "v3.51.17"},
}

// consumers are small application modules in testdata/consumers that call
// real SDKs from the module proxy whose exported functions perform the
// password grant (read in the module cache: go-mastodon's Authenticate
// posts grant_type=password itself; go-cfclient's NewClient calls
// x/oauth2's PasswordCredentialsToken through getUserAuth when the config
// holds a username), beside the SDKs' other sign-ins, which must stay
// silent. They are analyzed with facts on (-deps), and each SDK call is
// reported at the application's call site.
var consumers = []corpusModule{
	{
		path: "mastodonapp", deps: true,
		want: []string{
			"PG008 main.go:31", // c.Authenticate(ctx, user, password); not AuthenticateToken, GetAppAccessToken, PostStatus
		},
	},
	{
		path: "cfapp", deps: true,
		want: []string{
			"PG008 main.go:16", // cfclient.NewClient(&cfclient.Config{Username: ..., Password: ...}); not ListApps
		},
	},
}

// TestSDKConsumers analyzes the consumer programs with facts on.
func TestSDKConsumers(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the consumers' dependencies from source; skipped in -short mode")
	}
	for _, m := range consumers {
		t.Run(m.path, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "consumers", m.path))
			if err != nil {
				t.Fatal(err)
			}
			// Fetch what the consumer's go.sum pins (readonly: nothing changes).
			cmd := exec.Command("go", "mod", "download")
			cmd.Dir, cmd.Env = dir, goEnv()
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("go mod download in %s: %v\n%s", dir, err, out)
			}
			got := analyze(t, dir, m)
			compare(t, dir, got, m.want)
			// The chain: the SDK function and where inside it the grant
			// is sent.
			for _, f := range got {
				if !strings.Contains(f.message, "performs the password grant with the caller's credentials (") {
					t.Errorf("%s: message does not name where inside the SDK the grant is sent: %s", f.key, f.message)
				}
			}
		})
	}
}

// TestRealWorldCorpus downloads each corpus module through the module proxy,
// makes a writable copy its own main module (so that its go.mod and go.sum
// pin its dependencies, test dependencies included), loads ./... with tests
// and compares the analyzer's findings with the expected ones.
func TestRealWorldCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("downloads and type-checks several modules; skipped in -short mode")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatalf("the go command is needed to load the corpus: %v", err)
	}
	work := t.TempDir()
	for _, m := range corpus {
		t.Run(m.path+"@"+m.version, func(t *testing.T) {
			start := time.Now()
			dir := fetch(t, work, m)
			fetched := time.Now()
			got := analyze(t, dir, m)
			t.Logf("fetch %v, load and analyze %v", fetched.Sub(start).Round(time.Millisecond), time.Since(fetched).Round(time.Millisecond))
			compare(t, dir, got, m.want)
		})
	}
}

// goEnv is the environment of every go command the test runs: module mode,
// no workspace, the local toolchain (no toolchain download), and a fixed
// platform and no cgo so that the same files are analysed on every machine.
func goEnv() []string {
	return append(os.Environ(),
		"GO111MODULE=on", "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly",
		"GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0",
	)
}

// fetch downloads m and returns a writable copy of it under work.
func fetch(t *testing.T, work string, m corpusModule) string {
	t.Helper()
	cmd := exec.Command("go", "mod", "download", "-json", m.path+"@"+m.version)
	cmd.Dir = work
	cmd.Env = goEnv()
	out, err := cmd.Output()
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal(out, &info); jerr != nil || info.Error != "" || err != nil {
		t.Fatalf("go mod download %s@%s: %v %s %s", m.path, m.version, err, info.Error, stderr(err))
	}
	dir := filepath.Join(work, strings.NewReplacer("/", "_", "@", "_").Replace(m.path+"@"+m.version))
	// Module cache files are read-only; os.CopyFS makes writable copies, so
	// that t.TempDir can remove them.
	if err := os.CopyFS(dir, os.DirFS(info.Dir)); err != nil {
		t.Fatalf("copying %s: %v", info.Dir, err)
	}
	gomod := filepath.Join(dir, "go.mod")
	if _, err := os.Stat(gomod); m.noGoMod != os.IsNotExist(err) {
		t.Fatalf("%s: go.mod present = %v, want %v", m.path, err == nil, !m.noGoMod)
	}
	if m.noGoMod {
		// The oldest go version whose defaults match what this code was
		// written for; the path without +incompatible is its import path.
		content := fmt.Sprintf("module %s\n\ngo 1.16\n", m.path)
		if err := os.WriteFile(gomod, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func stderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// A finding is one diagnostic as the test compares it, with its message
// and source line kept for the failure report.
type finding struct {
	key     string // "PG002 oauth2.go:200"
	message string
}

func analyze(t *testing.T, dir string, m corpusModule) map[string]finding {
	t.Helper()
	// Every package, dependencies too, is type-checked from source. The
	// other way, export data for the dependencies, makes go list compile
	// them: grpc alone then takes minutes on a cold build cache (the
	// copies live in new directories each run, which the cache keys
	// include), against about 25s to type-check it all.
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Tests: true,
		Dir:   dir,
		Env:   goEnv(),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatalf("loading %s: %v", m.path, err)
	}
	if len(pkgs) == 0 {
		t.Fatalf("loading %s: no packages", m.path)
	}
	var loadErrs []string
	var all, files int
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		all++
		for _, e := range p.Errors {
			loadErrs = append(loadErrs, e.Error())
		}
	})
	for _, p := range pkgs {
		files += len(p.Syntax)
	}
	t.Logf("%d packages with test variants (%d files), %d with dependencies", len(pkgs), files, all)
	if len(loadErrs) > 0 {
		if !m.noGoMod {
			t.Fatalf("%s has %d load or type errors, the first: %s\n(its go.mod and go.sum should resolve everything)",
				m.path, len(loadErrs), strings.Join(loadErrs[:min(5, len(loadErrs))], "\n"))
		}
		t.Logf("%d load or type errors, as expected without pinned dependencies", len(loadErrs))
	}

	a := passwordgrant.Analyzer
	if m.deps {
		if a, err = passwordgrant.New(passwordgrant.Config{Deps: true, ReportUnused: true}); err != nil {
			t.Fatal(err)
		}
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatalf("analyzing %s: %v", m.path, err)
	}
	got := map[string]finding{}
	for act := range graph.All() {
		if act.Err != nil {
			t.Errorf("%s on %s: %v", act.Analyzer.Name, act.Package.ID, act.Err)
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			posn := act.Package.Fset.Position(d.Pos)
			rel, err := filepath.Rel(dir, posn.Filename)
			if err != nil || !filepath.IsLocal(rel) {
				t.Errorf("finding outside the module: %s: %s", posn, d.Message)
				continue
			}
			key := fmt.Sprintf("%s %s:%d", d.Category, filepath.ToSlash(rel), posn.Line)
			got[key] = finding{key: key, message: d.Message}
		}
	}
	return got
}

// compare fails the test for each missing and each unexpected finding,
// quoting the source line so that a report can be judged without the
// module at hand.
func compare(t *testing.T, dir string, got map[string]finding, want []string) {
	t.Helper()
	for _, w := range want {
		if _, ok := got[w]; !ok {
			t.Errorf("missing finding %s\n\t%s", w, sourceLine(dir, w))
		}
	}
	var extra []string
	for k := range got {
		if !slices.Contains(want, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	for _, k := range extra {
		t.Errorf("unexpected finding %s: %s\n\t%s", k, got[k].message, sourceLine(dir, k))
	}
}

// sourceLine returns the line a "RULE file:line" key points at.
func sourceLine(dir, key string) string {
	_, loc, _ := strings.Cut(key, " ")
	i := strings.LastIndex(loc, ":")
	if i < 0 {
		return "?"
	}
	var line int
	if _, err := fmt.Sscan(loc[i+1:], &line); err != nil {
		return "?"
	}
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(loc[:i])))
	if err != nil {
		return "?"
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		if n == line {
			return strings.TrimSpace(sc.Text())
		}
	}
	return "?"
}
