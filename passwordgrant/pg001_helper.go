package passwordgrant

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// A helper is code that a PG001 fix adds to a package, once: top-level
// declarations, the first of them the function that replaces the call,
// func(ctx context.Context, conf *oauth2.Config) (results). The sources are
// in pg001_signin.go.
type helper struct {
	names   []string // the declared names, the replacing function first
	imports []string // the import paths the source uses
	results string   // the replacing function's results, as in src
	src     string   // the declarations, with {placeholders}
}

// pg001Alternatives are PG001's rewrites, the one -fix applies first. Each
// replaces the call with a call of its helper (and then the text of after)
// that has the same results.
var pg001Alternatives = []struct {
	helper
	after, msg string // msg has %s for the helper's name
}{
	{helperSignIn, "", "Sign in with the authorization code flow and PKCE in the browser, and keep the token refreshed and stored (adds %s)"},
	{helperStoredToken, ".Token()", "Use a stored, rotating refresh token for a background service, from the file in OAUTH2_TOKEN_FILE (adds %s)"},
	{helperDevice, "", "Use the device authorization grant (Config.DeviceAuth) for a program without a browser (adds %s)"},
}

// helperFixes returns the fixes that replace a PasswordCredentialsToken
// call with a helper's, which are added to host. When the first cannot be
// added safely, the marker of todo comes first instead: -fix applies the
// first fix, which must never break the program.
func (fx *fixer) helperFixes(u apiUse, call *ast.CallExpr, ctxText, confText string, host *ast.File, todo func() []analysis.SuggestedFix) []analysis.SuggestedFix {
	var fixes []analysis.SuggestedFix
	for i, alt := range pg001Alternatives {
		e := fx.newEdit()
		e.keepAlive(u.cur, u.anchor, call.Args[1:]...)
		name, ok := e.addHelper(host, alt.helper)
		if !ok {
			if i == 0 {
				fixes = append(fixes, todo()...)
			}
			continue
		}
		e.replace(call, name+"("+ctxText+", "+confText+")"+alt.after)
		fixes = append(fixes, e.fix(strings.Replace(alt.msg, "%s", name, 1)))
	}
	return fixes
}

// addHelper adds h to host unless the package already declares its
// function with the same signature (an earlier fix added it), and returns
// the function's name. Names that the package uses for something else get
// a number (authCodeToken2). ok is false when h cannot be added safely.
func (e *edit) addHelper(host *ast.File, h helper) (name string, ok bool) {
	scope := e.fx.pass.Pkg.Scope()
	imported := make(map[string]bool) // names imported by any file: they clash too
	for _, f := range e.fx.pass.Files {
		for _, imp := range f.Imports {
			if imp.Name != nil {
				imported[imp.Name.Name] = true
			} else if p, err := strconv.Unquote(imp.Path.Value); err == nil {
				imported[defaultName(p)] = true
			}
		}
	}
next:
	for n := 1; n <= 9; n++ {
		suffix := ""
		if n > 1 {
			suffix = strconv.Itoa(n)
		}
		if obj := scope.Lookup(h.names[0] + suffix); obj != nil {
			if fn, ok := obj.(*types.Func); ok && helperSignature(fn.Signature(), h.results) {
				return fn.Name(), true
			}
			continue
		}
		repl := make([]string, 0, 2*(len(h.names)+len(h.imports)))
		for _, nm := range h.names {
			if scope.Lookup(nm+suffix) != nil || imported[nm+suffix] {
				continue next
			}
			repl = append(repl, "{"+nm+"}", nm+suffix)
		}
		used := make(map[string]bool)
		for _, p := range h.imports {
			in := e.importName(host, p, defaultName(p))
			repl = append(repl, "{"+defaultName(p)+"}", in)
			used[in] = true
		}
		locals := helperLocals()[h.names[0]]
		for in := range used {
			if locals[in] {
				return "", false
			}
		}
		src := strings.NewReplacer(repl...).Replace(h.src)
		e.insert(host.FileEnd, src)
		return h.names[0] + suffix, true
	}
	return "", false
}

// helperSignature reports whether sig is func(context.Context,
// *oauth2.Config) (results), with {oauth2} in results for the package.
func helperSignature(sig *types.Signature, results string) bool {
	qual := func(p *types.Package) string {
		if trimVendor(p.Path()) == oauth2Path {
			return "{oauth2}"
		}
		return p.Path()
	}
	list := func(t *types.Tuple) string {
		var s []string
		for v := range t.Variables() {
			s = append(s, types.TypeString(v.Type(), qual))
		}
		return strings.Join(s, ", ")
	}
	return sig.TypeParams() == nil && !sig.Variadic() && sig.Recv() == nil &&
		list(sig.Params()) == "context.Context, *{oauth2}.Config" && list(sig.Results()) == results
}

// helperLocals returns, per helper (by the name of its function), the
// names that its source declares inside its functions (parameters,
// results, :=, range, var, type): an import of the host file under one of
// those names would be hidden from the code after it (a file may import
// context as ctx). The sources are constants, so they are parsed once per
// process, on first use.
var helperLocals = sync.OnceValue(func() map[string]map[string]bool {
	all := make(map[string]map[string]bool)
	for _, alt := range pg001Alternatives {
		all[alt.names[0]] = declaredLocals(alt.helper)
	}
	return all
})

// declaredLocals parses h's source with its placeholders filled in and
// returns the names it declares inside its functions.
func declaredLocals(h helper) map[string]bool {
	var repl []string
	for _, nm := range h.names {
		repl = append(repl, "{"+nm+"}", nm)
	}
	for _, p := range h.imports {
		repl = append(repl, "{"+defaultName(p)+"}", defaultName(p))
	}
	locals := make(map[string]bool)
	src := strings.NewReplacer(repl...).Replace(h.src)
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return nil // never with the helpers' own source: TestHelperNames
	}
	declares := func(ids ...*ast.Ident) {
		for _, id := range ids {
			locals[id.Name] = true
		}
	}
	fields := func(fl *ast.FieldList) {
		if fl != nil {
			for _, fd := range fl.List {
				declares(fd.Names...)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			fields(n.Recv)
		case *ast.FuncType:
			fields(n.Params)
			fields(n.Results)
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, x := range n.Lhs {
					if id, ok := x.(*ast.Ident); ok {
						declares(id)
					}
				}
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, x := range []ast.Expr{n.Key, n.Value} {
					if id, ok := x.(*ast.Ident); ok {
						declares(id)
					}
				}
			}
		case *ast.ValueSpec:
			declares(n.Names...)
		case *ast.TypeSpec:
			declares(n.Name)
		}
		return true
	})
	return locals
}
