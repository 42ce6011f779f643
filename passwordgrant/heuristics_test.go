package passwordgrant

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// checked is a type-checked file for the heuristics' table tests.
type checked struct {
	src  string
	fset *token.FileSet
	file *ast.File
	info *types.Info
	ins  *inspector.Inspector
}

// typecheck parses and type-checks src (package p, standard imports only).
func typecheck(t *testing.T, src string) checked {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types: make(map[ast.Expr]types.TypeAndValue), Defs: make(map[*ast.Ident]types.Object),
		Uses: make(map[*ast.Ident]types.Object), Selections: make(map[*ast.SelectorExpr]*types.Selection),
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	return checked{src, fset, f, info, inspector.New([]*ast.File{f})}
}

// calls returns the calls of the file, in order.
func (c checked) calls() []*ast.CallExpr {
	var calls []*ast.CallExpr
	for cur := range c.ins.Root().Preorder((*ast.CallExpr)(nil)) {
		calls = append(calls, cur.Node().(*ast.CallExpr))
	}
	return calls
}

func TestIsProseAndIsParamSetter(t *testing.T) {
	// Each statement of f is one call; its comment says what the
	// heuristics must make of it.
	src := `package p

import (
	"errors"
	"fmt"
	"log"
	"log/slog"
	"mime/multipart"
	"net/url"
)

type logger struct{}

func (logger) Infow(string, ...any) {}

type req struct{}

func (req) SetFormData(map[string]string) {}
func (req) WithFormField(string, any)     {}
func (req) Header(string, string)         {}

func f(v url.Values, w *multipart.Writer, l logger, r req) {
	v.Set("grant_type", "password")          // setter
	v.Add("grant_type", "password")          // setter
	_ = w.WriteField("grant_type", "password") // setter
	r.WithFormField("grant_type", "password")  // setter
	r.SetFormData(nil)                         // setter
	r.Header("grant_type", "password")         // neither
	l.Infow("login", "grant_type", "password") // prose
	slog.Info("login", "grant_type", "password") // prose
	log.Printf("grant_type=%s", "password")      // prose
	_ = fmt.Errorf("grant_type=password refused") // prose
	_ = errors.New("grant_type=password")          // prose
	panic("grant_type=password")                   // prose
}
`
	c := typecheck(t, src)
	want := map[int]string{}
	for i, line := range strings.Split(src, "\n") {
		if _, comment, ok := strings.Cut(line, "// "); ok && strings.HasPrefix(line, "\t") {
			want[i+1] = comment
		}
	}
	for _, call := range c.calls() {
		line := c.fset.Position(call.Pos()).Line
		w, ok := want[line]
		if !ok {
			continue // a call inside another
		}
		got := "neither"
		switch {
		case isProse(c.info, call):
			got = "prose"
		case isParamSetter(c.info, call):
			got = "setter"
		}
		if got != w {
			t.Errorf("line %d: %s, want %s", line, got, w)
		}
		delete(want, line)
	}
	for line := range want {
		t.Errorf("line %d: no call judged", line)
	}
}

func TestIsPointerHelper(t *testing.T) {
	c := typecheck(t, `package p

func StringP(s string) *string { return &s }
func Int(i int) *int          { return &i }
func Str(s string) string     { return s }

var _, _, _ = StringP("password"), Int(1), Str("password")
`)
	want := map[string]bool{"StringP": true, "Int": false, "Str": false}
	for _, call := range c.calls() {
		name := call.Fun.(*ast.Ident).Name
		if got := isPointerHelper(c.info, call); got != want[name] {
			t.Errorf("isPointerHelper(%s(...)) = %v, want %v", name, got, want[name])
		}
	}
}

func TestRejects(t *testing.T) {
	tests := []struct {
		branch string
		want   bool
	}{
		{`{ http.Error(w, "unsupported_grant_type", 400) }`, true},
		{`{ return fosite.ErrUnsupportedGrantType }`, true},
		{`{ return errors.New("the password grant is disabled") }`, true},
		{`{ serve(w, r) }`, false},
		// A rejection in a nested branch is one error path of a branch
		// that serves the grant.
		{`{ if bad { return ErrUnsupportedGrantType }; serve(w, r) }`, false},
		// A function literal runs later, if at all.
		{`{ h := func() { reject("unsupported") }; serve(w, r, h) }`, false},
	}
	for _, tt := range tests {
		e, err := parser.ParseExpr("func() " + tt.branch)
		if err != nil {
			t.Fatalf("%s: %v", tt.branch, err)
		}
		if got := rejects(e.(*ast.FuncLit).Body); got != tt.want {
			t.Errorf("rejects(%s) = %v, want %v", tt.branch, got, tt.want)
		}
	}
}

func TestIsExpectation(t *testing.T) {
	c := typecheck(t, `package p

func f(body string) {
	want := "grant_type=password"          // expectation
	expected := "grant_type=password"      // expectation
	exp := "grant_type=password"           // expectation
	_ = body == "grant_type=password"      // expectation
	_ = "grant_type=password" != body      // expectation
	form := "grant_type=password"          // request
	send("grant_type=password")            // request
	wanted, _ := "grant_type=password", 1  // expectation
	_, _, _, _, _ = want, expected, exp, form, wanted
}

func send(string) {}
`)
	for cur := range c.ins.Root().Preorder((*ast.BasicLit)(nil)) {
		if cur.Node().(*ast.BasicLit).Kind != token.STRING {
			continue
		}
		line := c.fset.Position(cur.Node().Pos()).Line
		text := strings.Split(c.src, "\n")[line-1]
		_, comment, _ := strings.Cut(text, "// ")
		if got := isExpectation(cur); got != (comment == "expectation") {
			t.Errorf("line %d (%s): isExpectation = %v", line, comment, got)
		}
	}
}

func TestIsURLShaped(t *testing.T) {
	for s, want := range map[string]bool{
		"https://api.getgo.com/oauth/v2/token":                                          true,
		"http://api.getgo.com/oauth/v2/":                                                true,
		"//api.getgo.com/oauth/v2/authorize":                                            true,
		"api.getgo.com/oauth/v2/token":                                                  true,
		" https://api.getgo.com/oauth/v2/token ":                                        true,
		"GoTo replaced api.getgo.com/oauth/v2 with authentication.logmeininc.com/oauth": false,
		"see api.getgo.com/oauth/v2":                                                    false,
		"use https://api.getgo.com/oauth/v2 no more":                                    false,
		"1https://api.getgo.com/oauth/v2":                                               false,
		"":                                                                              false,
		"/oauth/v2/token":                                                               false,
		"oauth/v2/token":                                                                false,
		"api-getgo-com/oauth/v2":                                                        false,
		"tcp+tls://api.getgo.com/oauth/v2/token":                                        true,
		"https://api.getgo.com/oauth/v2/token?x=a b c words":                            true,
	} {
		if got := isURLShaped(s); got != want {
			t.Errorf("isURLShaped(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsInspected(t *testing.T) {
	c := typecheck(t, `package p

import (
	"net/http"
	"strings"
)

var moved = map[string]string{
	"https://api.getgo.com/oauth/v2/token": "x", // inspected
}

func f(s string) {
	_ = s == "https://api.getgo.com/oauth/v2/token"                       // inspected
	_ = strings.HasPrefix(s, "https://api.getgo.com/oauth/v2")            // inspected
	_ = strings.ReplaceAll(s, "https://api.getgo.com/oauth/v2", "x")      // inspected
	_ = moved["https://api.getgo.com/oauth/v2/token"]                     // inspected
	_, _ = http.Get("https://api.getgo.com/oauth/v2/token")               // used
	_ = s + "https://api.getgo.com/oauth/v2/token"                        // used
	_ = []string{"https://api.getgo.com/oauth/v2/token"}                  // used
	_ = map[string]string{"k": "https://api.getgo.com/oauth/v2/token"}    // used
}
`)
	for cur := range c.ins.Root().Preorder((*ast.BasicLit)(nil)) {
		lit := cur.Node().(*ast.BasicLit)
		if !strings.Contains(lit.Value, "getgo") {
			continue
		}
		line := c.fset.Position(lit.Pos()).Line
		_, comment, _ := strings.Cut(strings.Split(c.src, "\n")[line-1], "// ")
		if got := isInspected(c.info, cur); got != (comment == "inspected") {
			t.Errorf("line %d (%s): isInspected = %v", line, comment, got)
		}
	}
}

func TestInRefusalTest(t *testing.T) {
	tests := []struct {
		file, src string
		want      bool
	}{
		{"a_test.go", `func TestRefused(t *testing.T) { send("password"); if !strings.Contains(b, "unsupported_grant_type") { t.Fail() } }`, true},
		{"a_test.go", `func TestTable(t *testing.T) { t.Run("x", func(t *testing.T) { send("password"); want := "unsupported_grant_type"; _ = want }) }`, true},
		{"a_test.go", `func TestLogin(t *testing.T) { send("password") }`, false},
		{"a_test.go", `func helper() { send("password"); _ = "unsupported_grant_type" }`, false},
		{"a.go", `func TestRefused() { send("password"); _ = "unsupported_grant_type" }`, false},
	}
	for _, tt := range tests {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, tt.file, "package p\n"+tt.src, 0)
		if err != nil {
			t.Fatal(err)
		}
		pass := &analysis.Pass{Fset: fset}
		ins := inspector.New([]*ast.File{f})
		found := false
		for cur := range ins.Root().Preorder((*ast.BasicLit)(nil)) {
			if cur.Node().(*ast.BasicLit).Value == `"password"` {
				found = true
				if got := inRefusalTest(pass, cur); got != tt.want {
					t.Errorf("%s: %s: inRefusalTest = %v, want %v", tt.file, tt.src, got, tt.want)
				}
			}
		}
		if !found {
			t.Fatalf("no password literal in %s", tt.src)
		}
	}
}

func TestNamesRefusal(t *testing.T) {
	for name, want := range map[string]bool{
		"blockedGrants": true, "passwordGrantBlocker": true, "denyList": true, "unsupportedGrants": true,
		"supportedGrants": false, "handlers": false, "grantLifetimes": false, "": false,
	} {
		if got := namesRefusal(name); got != want {
			t.Errorf("namesRefusal(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCallHeuristics(t *testing.T) {
	src := `package p

import (
	"net/http"
	"strings"
)

type GrantType string

type Args []string

func (Args) Has(string) bool      { return false }
func (Args) ExactOne(string) bool { return false }

type Req struct{}

func (Req) GetGrantTypes() Args { return nil }
func (Req) GetScopes() Args     { return nil }

type Server struct{}

func (Server) SetAllowedGrantType(...GrantType) {}
func (Server) SetAllowedScopes(...string)       {}

func f(r *http.Request, q Req, s Server) {
	_ = strings.EqualFold(r.FormValue("grant_type"), "password") // fold
	_ = strings.Contains(r.FormValue("grant_type"), "password")  // none
	_ = q.GetGrantTypes().ExactOne("password")                   // query
	_ = q.GetGrantTypes().Has("password")                        // query
	_ = q.GetScopes().Has("password")                            // none
	s.SetAllowedGrantType("authorization_code", "password")      // allow
	s.SetAllowedScopes("password")                               // none
	_ = strings.ToLower(r.FormValue("grant_type"))               // normalize
}
`
	c := typecheck(t, src)
	lines := strings.Split(src, "\n")
	judged := make(map[int]bool)
	for _, call := range c.calls() { // outermost first
		line := c.fset.Position(call.Pos()).Line
		_, want, ok := strings.Cut(lines[line-1], "// ")
		if !ok || judged[line] {
			continue
		}
		judged[line] = true
		got := "none"
		switch {
		case isFoldCompare(c.info, call):
			got = "fold"
		case isGrantSetQuery(c.info, call):
			got = "query"
		case allowsGrants(c.info, call, len(call.Args)-1):
			got = "allow"
		case isNormalizer(c.info, call):
			got = "normalize"
		}
		if got != want {
			t.Errorf("line %d: %s, want %s", line, got, want)
		}
	}
}

func TestServesRequestAndDispatches(t *testing.T) {
	c := typecheck(t, `package p

import (
	"net/http"
	"time"
)

type AccessRequest struct{}

func handler(w http.ResponseWriter, r *http.Request) { _ = "serves" }
func library(ar *AccessRequest)                      { _ = "serves" }
func closure(r *http.Request) func()                 { return func() { _ = "serves" } }
func client(flow string)                             { _ = "client" }

var (
	_ = map[string]func(){}
	_ = map[string]bool{}
	_ = map[string]http.Handler{}
	_ = map[string]time.Duration{}
	_ = map[string]string{}
)
`)
	for cur := range c.ins.Root().Preorder((*ast.BasicLit)(nil)) {
		lit := cur.Node().(*ast.BasicLit)
		if got, want := servesRequest(c.info, cur), lit.Value == `"serves"`; got != want {
			t.Errorf("%s: servesRequest = %v, want %v", c.fset.Position(lit.Pos()), got, want)
		}
	}
	want := []bool{true, true, true, false, false}
	i := 0
	for cur := range c.ins.Root().Preorder((*ast.CompositeLit)(nil)) {
		m := c.info.TypeOf(cur.Node().(*ast.CompositeLit)).(*types.Map)
		if got := dispatches(m.Elem()); got != want[i] {
			t.Errorf("dispatches(%s) = %v, want %v", m.Elem(), got, want[i])
		}
		i++
	}
}
