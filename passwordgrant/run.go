package passwordgrant

import (
	"cmp"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// oauth2Path is the package path of golang.org/x/oauth2.
const oauth2Path = "golang.org/x/oauth2"

// checker holds the state of one run over one package.
type checker struct {
	pass  *analysis.Pass
	cfg   *Config
	extra map[string]bool // normalized keys of cfg.Funcs
	names map[string]bool // last names of cfg.Funcs

	grantVars  map[types.Object]bool // variables assigned a request's grant_type
	constNames map[string]bool       // this package's constants that spell a grant or its key
	grant      ast.Expr              // the password-grant constant being judged
	grantList  *ast.CompositeLit     // the list literal that holds it, if any
	lastValue  ast.Expr              // last maximal constant judged as a key or value
	lastText   ast.Expr              // last maximal constant judged as text
	findings   []finding
	seen       map[findingKey]bool
	sources    map[string][]byte // file contents, read only to build fixes
}

type findingKey struct {
	rule string
	pos  token.Pos
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	c := &checker{pass: pass, cfg: cfg}
	if len(cfg.Funcs) > 0 {
		c.extra = make(map[string]bool)
		c.names = make(map[string]bool)
		for _, f := range cfg.Funcs {
			c.extra[normalizeKey(f)] = true
			c.names[lastName(f)] = true
		}
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	dirs := parseDirectives(pass)
	if c.relevant(ins) {
		c.scan(ins)
	}
	c.report(dirs)
	return nil, nil
}

// relevant is the fast path: a package that imports no package with a
// password-grant API and holds no string literal that could spell a grant,
// a grant_type key or GoTo's host cannot produce a finding.
func (c *checker) relevant(ins *inspector.Inspector) bool {
	found := false
	for _, imp := range c.pass.Pkg.Imports() {
		path := trimVendor(imp.Path())
		if c.relevantImport(path) {
			found = true
		}
		if !isStd(path) && c.noteImportedConsts(imp) {
			found = true
		}
	}
	ins.Preorder([]ast.Node{(*ast.BasicLit)(nil), (*ast.ValueSpec)(nil)}, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.BasicLit:
			found = found || n.Kind == token.STRING && hasTrigger(n.Value)
		case *ast.ValueSpec:
			c.noteConsts(n)
		}
	})
	return found
}

// noteImportedConsts remembers the names of an imported package's
// constants that spell the password grant or its key (go-oauth2's
// oauth2.PasswordCredentials), whatever they are called. The standard
// library declares none, so only other imports are looked at.
func (c *checker) noteImportedConsts(pkg *types.Package) bool {
	found := false
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj, ok := scope.Lookup(name).(*types.Const)
		if !ok || !obj.Exported() || obj.Val().Kind() != constant.String {
			continue
		}
		if s := constant.StringVal(obj.Val()); isPasswordGrant(s) || isGrantKey(s) {
			c.noteConstName(name)
			found = true
		}
	}
	return found
}

func (c *checker) noteConstName(name string) {
	if c.constNames == nil {
		c.constNames = make(map[string]bool)
	}
	c.constNames[name] = true
}

// noteConsts remembers the names of this package's constants that spell
// the password grant or its key, whatever they are called, so that the
// scan looks their uses up.
func (c *checker) noteConsts(spec *ast.ValueSpec) {
	for _, name := range spec.Names {
		obj, ok := c.pass.TypesInfo.Defs[name].(*types.Const)
		if !ok || obj.Val().Kind() != constant.String {
			continue
		}
		if s := constant.StringVal(obj.Val()); isPasswordGrant(s) || isGrantKey(s) {
			c.noteConstName(name.Name)
		}
	}
}

func (c *checker) relevantImport(path string) bool {
	if apiPackages[path] {
		return true
	}
	for key := range c.extra {
		if keyPackage(key) == path {
			return true
		}
	}
	return false
}

// hasTrigger reports whether a literal could start a finding.
func hasTrigger(s string) bool {
	return strings.Contains(s, "password") || containsFold(s, "grant") || strings.Contains(s, "getgo")
}

// scan is the one pass over the syntax. Findings start at string literals
// and at identifiers whose name could matter; everything else is judged
// from the enclosing nodes on the stack.
func (c *checker) scan(ins *inspector.Inspector) {
	filter := []ast.Node{(*ast.BasicLit)(nil), (*ast.Ident)(nil), (*ast.BinaryExpr)(nil)}
	ins.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING && hasTrigger(n.Value) {
				c.literal(n, stack)
			}
		case *ast.Ident:
			c.ident(n, stack)
		case *ast.BinaryExpr:
			if n.Op == token.ADD {
				c.concat(n, stack)
			}
		}
		return true
	})
}

// add records a finding once per rule and position.
func (c *checker) add(f finding) {
	if c.seen == nil {
		c.seen = make(map[findingKey]bool)
	}
	k := findingKey{f.rule, f.start()}
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.findings = append(c.findings, f)
}

// report applies the allow directives and reports what is left, in
// position order.
func (c *checker) report(dirs []*directive) {
	// Files are parsed concurrently, so positions order findings only
	// within a file; across files the package's file order decides.
	order := make(map[*token.File]int, len(c.pass.Files))
	for i, f := range c.pass.Files {
		order[c.pass.Fset.File(f.FileStart)] = i
	}
	slices.SortStableFunc(c.findings, func(a, b finding) int {
		fa, fb := c.pass.Fset.File(a.start()), c.pass.Fset.File(b.start())
		return cmp.Or(cmp.Compare(order[fa], order[fb]), cmp.Compare(a.start(), b.start()))
	})
	for _, f := range c.findings {
		if d := suppressing(dirs, c.pass.Fset, f); d != nil {
			d.used = true
			continue
		}
		c.reportFinding(f)
	}
	c.reportDirectives(dirs)
}

// isTestFile reports whether pos is in a _test.go file.
func (c *checker) isTestFile(pos token.Pos) bool {
	f := c.pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}
