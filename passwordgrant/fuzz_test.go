package passwordgrant_test

import (
	"bytes"
	"cmp"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/passwordgrant"

	// The fuzz universe and the benchmark load golang.org/x/oauth2 by
	// path; this import keeps it required by go.mod through go mod tidy.
	_ "golang.org/x/oauth2"
)

//passwordgrant:allow-file PG003 seeds of the fuzz targets: request text the analyzer is fuzzed with

// fuzzImports are the packages that fuzz inputs can import besides the
// analysis corpus's own packages. Inputs that import anything else get an
// import error, which is itself a case the analyzer must survive.
var fuzzImports = []string{
	"bytes", "context", "encoding/json", "errors", "fmt", "io", "log", "log/slog",
	"mime/multipart", "net/http", "net/url", "os", "strconv", "strings", "testing", "time",
	"golang.org/x/oauth2", "golang.org/x/oauth2/clientcredentials",
}

// fuzzLibraries are the other OAuth libraries of PG004, served to inputs
// when the corpus module (which requires them) is there to load them from.
var fuzzLibraries = []string{
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity",
	"github.com/Azure/go-autorest/autorest/adal",
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential",
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public",
	"github.com/Nerzal/gocloak/v13",
	"github.com/Nerzal/gocloak/v14",
	"github.com/go-oauth2/oauth2/v4",
	"github.com/go-oauth2/oauth2/v4/manage",
	"github.com/go-oauth2/oauth2/v4/server",
	"github.com/ory/fosite",
	"github.com/ory/fosite/compose",
}

// fuzzUniverse is loaded once per process: fuzz workers are separate
// processes, and loading the imports is far slower than one input.
var fuzzUniverse struct {
	once  sync.Once
	fset  *token.FileSet
	files []*token.File             // fset's files, for each input's own FileSet
	pkgs  map[string]*types.Package // by path: the importable packages and their dependencies
	sizes types.Sizes
	err   error
}

func loadFuzzUniverse(t testing.TB) {
	u := &fuzzUniverse
	u.once.Do(func() {
		u.fset = token.NewFileSet()
		cfg := &packages.Config{
			// Types from export data: the inputs need the imports'
			// declarations, not their syntax. Without NeedExportFile,
			// NeedDeps makes go/packages type-check everything from
			// source, which costs each fuzz worker seconds.
			Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps | packages.NeedTypesSizes | packages.NeedExportFile,
			Fset: u.fset,
		}
		required := fuzzImports
		optional := []string(nil)
		// One load from one module, so that every importable package
		// shares one net/http, one oauth2 and so on, as in a real build.
		if corpus, err := filepath.Abs(corpusDir); err == nil && isFile(filepath.Join(corpus, "go.mod")) {
			cfg.Dir = corpus
			cfg.Env = append(os.Environ(), "GO111MODULE=on", "GOPROXY=off", "GOWORK=off")
			required = append(slices.Clip(required), fuzzLibraries...)
			// The corpus's own packages (pg004funcs/auth, say) are
			// importable if they compile; some may be broken on purpose.
			optional = []string{"./..."}
		}
		pkgs, err := packages.Load(cfg, append(slices.Clip(required), optional...)...)
		if err != nil {
			u.err = err
			return
		}
		u.pkgs = map[string]*types.Package{"unsafe": types.Unsafe}
		packages.Visit(pkgs, nil, func(p *packages.Package) {
			if len(p.Errors) > 0 || p.Types == nil {
				if slices.Contains(required, p.PkgPath) {
					u.err = cmp.Or(u.err, fmt.Errorf("%s: %v", p.PkgPath, p.Errors))
				}
				return
			}
			u.pkgs[p.PkgPath] = p.Types
		})
		u.sizes = types.SizesFor("gc", runtime.GOARCH)
		u.fset.Iterate(func(f *token.File) bool {
			u.files = append(u.files, f)
			return true
		})
	})
	if u.err != nil {
		t.Fatalf("loading the fuzz universe: %v", u.err)
	}
}

type universeImporter map[string]*types.Package

func (u universeImporter) Import(path string) (*types.Package, error) {
	if p, ok := u[path]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("package %q is not in the fuzz universe", path)
}

// fuzzSeeds are inputs for every rule, for suppressions and for code that
// does not type-check, so that the fuzzer starts where the analyzer does
// its work. They are also the regression test that go test runs without
// -fuzz.
var fuzzSeeds = []string{
	// PG002: parameters.
	`package p

import "net/url"

var v = url.Values{"grant_type": {"password"}, "username": {"u"}, "password": {"p"}}
`,
	`package p

import "net/url"

func f(u, p string) url.Values {
	v := url.Values{}
	v.Set("grant_type", "password")
	v.Add("username", u)
	v.Add("password", p)
	return v
}
`,
	// PG001.
	`package p

import (
	"context"

	"golang.org/x/oauth2"
)

func f(ctx context.Context, conf *oauth2.Config, u, p string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, u, p)
}
`,
	// PG003: request text.
	`package p

import (
	"net/http"
	"net/url"
	"strings"
)

func f(u, p string) (*http.Response, error) {
	body := "grant_type=password&username=" + url.QueryEscape(u) + "&password=" + url.QueryEscape(p)
	return http.Post("https://example.com/token", "application/x-www-form-urlencoded", strings.NewReader(body))
}
`,
	// PG005: a token endpoint that serves the grant.
	`package p

import "net/http"

func token(w http.ResponseWriter, r *http.Request) {
	switch r.FormValue("grant_type") {
	case "password":
		w.WriteHeader(http.StatusOK)
	case "authorization_code":
	}
}
`,
	// PG006.
	`package p

import "golang.org/x/oauth2"

var tok = &oauth2.Token{RefreshToken: "x"}
var tok2 = oauth2.Token{AccessToken: "a", RefreshToken: "1//0gx"}
`,
	// PG007.
	`package p

import "golang.org/x/oauth2"

var conf = oauth2.Config{
	ClientID: "id",
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://api.getgo.com/oauth/v2/authorize",
		TokenURL: "https://api.getgo.com/oauth/v2/token",
	},
}
`,
	// Suppressions: valid, without a reason (PG901), unused (PG902).
	`package p

import (
	"context"

	"golang.org/x/oauth2"
)

func f(ctx context.Context, conf *oauth2.Config) {
	//passwordgrant:allow PG001 svc-backup is a system user
	conf.PasswordCredentialsToken(ctx, "svc-backup", "secret")
	conf.PasswordCredentialsToken(ctx, "u", "p") //passwordgrant:allow PG001 reason
	//passwordgrant:allow PG001
	conf.PasswordCredentialsToken(ctx, "u", "p")
	//passwordgrant:allow PG002 nothing here
	_ = 1
	//passwordgrant:allow PG999 unknown rule
}
`,
	// Type errors: wrong arity, undefined names, mismatched types.
	`package p

import (
	"context"
	"net/url"

	"golang.org/x/oauth2"
)

func f(ctx context.Context, conf *oauth2.Config) {
	conf.PasswordCredentialsToken(ctx, "u")
	conf.PasswordCredentialsToken(undefined, 1, 2, 3)
	var v url.Values = 42
	v.Set("grant_type", password)
	url.Values{"grant_type": "password"}.Encode()
	x := oauth2.Token{RefreshToken: 7}
	_ = x.Nope
}
`,
	// Unresolvable imports: the analyzer sees invalid types throughout.
	`package p

import (
	oauth2 "example.com/not/oauth2"
	"github.com/nonexistent/msal"
)

func f(conf *oauth2.Config) {
	conf.PasswordCredentialsToken(nil, "u", "p")
	msal.AcquireTokenByUsernamePassword(nil, []string{"s"}, "u", "p")
	_ = map[string]string{"grant_type": "password"}
}
`,
	// Syntax errors: the parser returns a partial tree.
	`package p

import "net/url"

func f() {
	v := url.Values{"grant_type": {"password"
	switch r.FormValue("grant_type") { case "password": 
`,
	`package p

var s = "grant_type=password&username=" +
func (`,
	// Struct tags, maps and JSON text.
	`package p

import "encoding/json"

type req struct {
	GrantType string ` + "`json:\"grant_type\" form:\"grant_type\"`" + `
	Username  string ` + "`json:\"username\"`" + `
}

var r = req{GrantType: "password", Username: "u"}
var m = map[string]any{"grant_type": "password"}
var b, _ = json.Marshal(map[string]string{"grant_type": "password"})
var j = ` + "`{\"grant_type\":\"password\",\"username\":\"u\"}`" + `
`,
}

// corpusSources returns the Go files of the analysis test corpus. It reads
// them when the test runs, since the corpus grows with the analyzer.
func corpusSources(t testing.TB) []string {
	var srcs []string
	err := filepath.WalkDir(corpusDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && path == corpusDir {
				return filepath.SkipDir
			}
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(path, ".go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			srcs = append(srcs, string(b))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return srcs
}

// FuzzAnalyzer runs passwordgrant on arbitrary source text, with parse and
// type errors allowed as they are in editors and CI on broken code. The
// analyzer must not panic, must report inside the file, and each suggested
// fix must stay inside the file, have no overlapping edits and, applied to
// source that parsed, give source that still parses; applied to source
// that type-checked, source that still type-checks.
func FuzzAnalyzer(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	for _, s := range corpusSources(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		loadFuzzUniverse(t)
		checkSource(t, src)
	})
}

func checkSource(t *testing.T, src string) {
	u := &fuzzUniverse
	// Pass.ReadFile reads the file from disk, and analyzers may use it
	// for the source text, so the input must exist as a file.
	name := filepath.Join(t.TempDir(), "input.go")
	if err := os.WriteFile(name, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}

	// The imports' files go into the input's FileSet, as with go/packages,
	// so that positions of imported objects resolve and never alias the
	// input's.
	fset := token.NewFileSet()
	fset.AddExistingFiles(u.files...)
	file, parseErr := parser.ParseFile(fset, name, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
	if file == nil || file.Name == nil {
		return // nothing for a driver to analyze either
	}
	tokFile := fset.File(file.FileStart)

	var pkgErrs []packages.Error
	var typeErrs []types.Error
	if list, ok := parseErr.(scanner.ErrorList); ok {
		for _, e := range list {
			pkgErrs = append(pkgErrs, packages.Error{Pos: e.Pos.String(), Msg: e.Msg, Kind: packages.ParseError})
		}
	} else if parseErr != nil {
		pkgErrs = append(pkgErrs, packages.Error{Pos: "-", Msg: parseErr.Error(), Kind: packages.ParseError})
	}

	info := &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Instances:    make(map[*ast.Ident]types.Instance),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		Scopes:       make(map[ast.Node]*types.Scope),
		FileVersions: make(map[*ast.File]string),
	}
	const pkgPath = "example.com/fuzz"
	tpkg := types.NewPackage(pkgPath, file.Name.Name)
	conf := &types.Config{
		Importer:  universeImporter(u.pkgs),
		Sizes:     u.sizes,
		GoVersion: "go1.26",
		Error: func(err error) {
			if e, ok := err.(types.Error); ok {
				typeErrs = append(typeErrs, e)
				pkgErrs = append(pkgErrs, packages.Error{Pos: e.Fset.Position(e.Pos).String(), Msg: e.Msg, Kind: packages.TypeError})
			}
		},
	}
	if !typeCheck(t, conf, fset, tpkg, info, file) {
		return
	}

	pkg := &packages.Package{
		ID:              pkgPath,
		Name:            file.Name.Name,
		PkgPath:         pkgPath,
		GoFiles:         []string{name},
		CompiledGoFiles: []string{name},
		Fset:            fset,
		Syntax:          []*ast.File{file},
		Types:           tpkg,
		TypesInfo:       info,
		TypesSizes:      u.sizes,
		TypeErrors:      typeErrs,
		Errors:          pkgErrs,
		IllTyped:        len(pkgErrs) > 0,
		Imports:         map[string]*packages.Package{},
	}

	// Sequential, so that a panic in the analyzer (or in the checker's
	// validation of its fixes) unwinds through this goroutine and the
	// fuzzer records the input.
	graph, err := checker.Analyze([]*analysis.Analyzer{passwordgrant.Analyzer}, []*packages.Package{pkg}, &checker.Options{Sequential: true})
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("%s: %v", act, act.Err)
		}
		for _, d := range act.Diagnostics {
			checkDiagnostic(t, fset, tokFile, []byte(src), parseErr == nil, parseErr == nil && len(typeErrs) == 0, d)
		}
	}
}

// typeCheck reports false if go/types itself panicked: that is a bug in
// go/types, not in the analyzer, and no driver would get as far as the
// analyzer on such input.
func typeCheck(t *testing.T, conf *types.Config, fset *token.FileSet, pkg *types.Package, info *types.Info, file *ast.File) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			t.Logf("go/types panicked, skipping the input: %v", r)
			ok = false
		}
	}()
	_ = types.NewChecker(conf, fset, pkg, info).Files([]*ast.File{file}) // errors went to conf.Error
	return true
}

func checkDiagnostic(t *testing.T, fset *token.FileSet, tokFile *token.File, src []byte, parsed, typed bool, d analysis.Diagnostic) {
	t.Helper()
	fileEnd := token.Pos(tokFile.Base() + tokFile.Size())
	if fset.File(d.Pos) != tokFile {
		t.Errorf("diagnostic %q at %v: not in the analyzed file", d.Message, d.Pos)
	}
	if d.End.IsValid() && (d.End < d.Pos || d.End > fileEnd) {
		t.Errorf("diagnostic %q at %v: End %v outside [Pos, end of file %v]", d.Message, fset.Position(d.Pos), d.End, fileEnd)
	}
	// CI reports and SARIF read the rule from Category.
	if _, ok := passwordgrant.RuleByID(d.Category); !ok {
		t.Errorf("diagnostic %q at %v: Category %q is no rule ID", d.Message, fset.Position(d.Pos), d.Category)
	}
	for _, fix := range d.SuggestedFixes {
		out, err := applyEdits(tokFile, src, fix.TextEdits)
		if err != nil {
			t.Errorf("diagnostic %q at %v, fix %q: %v", d.Message, fset.Position(d.Pos), fix.Message, err)
			continue
		}
		// Broken source may stay broken; a fix must not break source that
		// parsed.
		if !parsed {
			continue
		}
		if _, err := parser.ParseFile(token.NewFileSet(), "fixed.go", out, parser.AllErrors|parser.SkipObjectResolution); err != nil {
			t.Errorf("diagnostic %q at %v, fix %q gives unparsable code: %v\n--- fixed source ---\n%s", d.Message, fset.Position(d.Pos), fix.Message, err, out)
		} else if typed {
			if errs := typeErrors(t, out); len(errs) > 0 {
				t.Errorf("diagnostic %q at %v, fix %q gives code that does not type-check: %s\n--- fixed source ---\n%s", d.Message, fset.Position(d.Pos), fix.Message, strings.Join(errs, "; "), out)
			}
		}
	}
}

// typeErrors type-checks fixed source as checkSource does its input, and
// returns the errors (none when go/types itself panics).
func typeErrors(t *testing.T, src []byte) []string {
	u := &fuzzUniverse
	fset := token.NewFileSet()
	fset.AddExistingFiles(u.files...)
	file, err := parser.ParseFile(fset, "fixed.go", src, parser.SkipObjectResolution)
	if err != nil {
		return []string{err.Error()}
	}
	var errs []string
	conf := &types.Config{
		Importer:  universeImporter(u.pkgs),
		Sizes:     u.sizes,
		GoVersion: "go1.26",
		Error:     func(err error) { errs = append(errs, err.Error()) },
	}
	if !typeCheck(t, conf, fset, types.NewPackage("example.com/fuzz", file.Name.Name), nil, file) {
		return nil
	}
	return errs
}

// applyEdits applies edits to src, the content of file, after checking that
// each lies in the file and that they do not overlap. As in the drivers,
// insertions at one point apply in their given order.
func applyEdits(file *token.File, src []byte, edits []analysis.TextEdit) ([]byte, error) {
	edits = slices.Clone(edits)
	slices.SortStableFunc(edits, func(x, y analysis.TextEdit) int {
		return cmp.Or(cmp.Compare(x.Pos, y.Pos), cmp.Compare(x.End, y.End))
	})
	base, size := file.Base(), file.Size()
	var out bytes.Buffer
	last := 0
	for _, e := range edits {
		end := e.End
		if !end.IsValid() {
			end = e.Pos // an insertion
		}
		start, stop := int(e.Pos)-base, int(end)-base
		if !e.Pos.IsValid() || start < 0 || stop < start || stop > size {
			return nil, fmt.Errorf("edit [%d, %d) out of the file [0, %d)", start, stop, size)
		}
		if start < last {
			return nil, fmt.Errorf("edit [%d, %d) overlaps the previous edit ending at %d", start, stop, last)
		}
		out.Write(src[last:start])
		out.Write(e.NewText)
		last = stop
	}
	out.Write(src[last:])
	return out.Bytes(), nil
}
