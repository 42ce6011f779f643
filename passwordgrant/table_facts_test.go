package passwordgrant

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	xchecker "golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// tableWithoutFacts lists the table APIs whose grant facts cannot see, with
// why: the table is for them. Every other table API that the test loads
// must carry a fact that agrees with its rule.
var tableWithoutFacts = map[string]string{
	// MSAL dispatches to the token endpoint through interfaces held in
	// struct fields (base.Client's Token.Credential and friends): no static
	// call reaches the grant.
	"(github.com/AzureAD/microsoft-authentication-library-for-go/apps/public.Client).AcquireTokenByUsernamePassword":       "interfaces inside MSAL",
	"(github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential.Client).AcquireTokenByUsernamePassword": "interfaces inside MSAL",
	// azidentity wraps MSAL's public client behind its own interface.
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity.NewUsernamePasswordCredential": "MSAL behind an interface",
	// adal's constructor only stores the credentials; Refresh sends them
	// later, choosing the grant by the secret's type at run time.
	"github.com/Azure/go-autorest/autorest/adal.NewServicePrincipalTokenFromUsernamePassword": "the constructor only stores the credentials",
}

// whyNoFact says why facts cannot see a table API, or "".
func whyNoFact(key string) string {
	if why, ok := tableWithoutFacts[key]; ok {
		return why
	}
	// The tests use a local stub of gocloak, with its signatures but no
	// requests: the module proxy refuses the real module.
	if strings.HasPrefix(keyPackage(key), "github.com/Nerzal/gocloak/") {
		return "a local stub without requests"
	}
	return ""
}

// TestTableAgreesWithFacts analyzes, with facts on, the analysistest
// packages that use the table's client APIs, and checks every table API
// they reach against the facts of its package: a fact where facts can see
// the grant (x/oauth2's PasswordCredentialsToken, which builds the request
// itself), and none claimed where the table says they cannot.
func TestTableAgreesWithFacts(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks MSAL, azidentity and adal from source")
	}
	dir, err := filepath.Abs(filepath.Join("..", "testdata", "analysis"))
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	dl := exec.Command("go", "mod", "download")
	dl.Dir, dl.Env = dir, env
	if out, err := dl.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Dir: dir, Env: env}
	pkgs, err := packages.Load(cfg, "example.com/analysis/pg001", "example.com/analysis/pg004")
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(Config{Deps: true})
	if err != nil {
		t.Fatal(err)
	}
	graph, err := xchecker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	facts := make(map[string]*GrantFact)
	for act := range graph.All() {
		for _, f := range act.AllObjectFacts() {
			if gf, ok := f.Fact.(*GrantFact); ok {
				facts[apiKey(f.Object)] = gf
			}
		}
	}
	seen := 0
	for key, api := range apis {
		if api.rule != PG001 && api.rule != PG004 {
			continue // server switches are no client grant
		}
		fact, hasFact := facts[key]
		why := whyNoFact(key)
		invisible := why != ""
		switch {
		case !reached(graph, key):
			continue // a table API of a package these tests do not load
		case invisible && hasFact:
			t.Errorf("%s: facts now see the grant (%s); drop it from tableWithoutFacts", key, fact)
		case !invisible && !hasFact:
			t.Errorf("%s: table API without a fact; facts should see it, or say why in tableWithoutFacts", key)
		case hasFact && len(fact.Params) > 0:
			t.Errorf("%s: the table reports every call, but its fact says the caller chooses the grant: %s", key, fact)
		case !hasFact:
			t.Logf("%s: no fact, as documented: %s", key, why)
		}
		seen++
	}
	if seen < 4 {
		t.Fatalf("only %d table APIs reached: the test checks too little", seen)
	}
	if facts["(golang.org/x/oauth2.Config).PasswordCredentialsToken"] == nil {
		t.Error("x/oauth2's PasswordCredentialsToken has no fact")
	}
}

// reached reports whether the analyzed packages include the package of a
// table key.
func reached(graph *xchecker.Graph, key string) bool {
	for act := range graph.All() {
		if trimVendor(act.Package.PkgPath) == keyPackage(key) {
			return true
		}
	}
	return false
}
