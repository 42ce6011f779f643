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
	pass      *analysis.Pass
	cfg       *Config
	extra     map[string]bool // normalized keys of cfg.Funcs
	names     map[string]bool // last names of cfg.Funcs
	extraPkgs map[string]bool // packages of cfg.Funcs

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
		c.extraPkgs = make(map[string]bool)
		for _, f := range cfg.Funcs {
			c.extra[normalizeKey(f)] = true
			c.names[lastName(f)] = true
			c.extraPkgs[keyPackage(f)] = true
		}
	}
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	dirs := parseDirectives(pass)
	if c.relevant(ins) {
		c.noteConsts(pass.Pkg)
		c.scan(ins)
	}
	c.report(dirs)
	return nil, nil
}

// relevant is the fast path: a package that imports no password-grant API
// or grant constant, and holds no string literal that could spell a grant,
// its key or GoTo's host, cannot produce a finding. Most packages are such,
// and cost one scan of their literals.
func (c *checker) relevant(ins *inspector.Inspector) bool {
	found := false
	for _, imp := range c.pass.Pkg.Imports() {
		path := trimVendor(imp.Path())
		if apiPackages[path] || c.extraPkgs[path] {
			found = true
		}
		// Every import's constants are noted, for the scan, even once
		// the package is known to be relevant.
		if !isStd(path) && c.noteConsts(imp) {
			found = true
		}
	}
	if found {
		return true
	}
	for cur := range ins.Root().Preorder((*ast.BasicLit)(nil)) {
		if lit := cur.Node().(*ast.BasicLit); lit.Kind == token.STRING && hasTrigger(lit.Value) {
			return true
		}
	}
	return false
}

// hasTrigger reports whether a literal could start a finding.
func hasTrigger(s string) bool {
	return strings.Contains(s, "password") || containsFold(s, "grant") || strings.Contains(s, "getgo")
}

// noteConsts remembers the names of a package's constants that spell the
// password grant or its key (go-oauth2's oauth2.PasswordCredentials, a
// local grantPassword), whatever they are called, so that the scan looks
// their uses up, and reports whether there were any. The standard library
// declares none, so the caller passes only this package and its other
// imports; constants declared in functions come before their uses, and the
// scan notes them on its way.
func (c *checker) noteConsts(pkg *types.Package) bool {
	noted := false
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if obj, ok := scope.Lookup(name).(*types.Const); ok && (pkg == c.pass.Pkg || obj.Exported()) {
			noted = c.noteConst(obj) || noted
		}
	}
	return noted
}

func (c *checker) noteConst(obj *types.Const) bool {
	if obj.Val().Kind() != constant.String {
		return false
	}
	if s := constant.StringVal(obj.Val()); !isPasswordGrant(s) && !isGrantKey(s) {
		return false
	}
	if c.constNames == nil {
		c.constNames = make(map[string]bool)
	}
	c.constNames[obj.Name()] = true
	return true
}

// scan is the one pass over the syntax of a relevant package. Findings
// start at string literals and at identifiers whose name could matter;
// everything else is judged from the enclosing nodes, gathered only when a
// node triggers: keeping a stack for every node would cost more than the
// rest of the analysis. Each node costs a few byte comparisons, and type
// information is consulted only for those that pass them.
func (c *checker) scan(ins *inspector.Inspector) {
	filter := []ast.Node{(*ast.BasicLit)(nil), (*ast.Ident)(nil), (*ast.BinaryExpr)(nil), (*ast.ValueSpec)(nil)}
	for cur := range ins.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING && hasTrigger(n.Value) {
				c.literal(n, stackOf(cur))
			}
		case *ast.Ident:
			c.ident(n, cur)
		case *ast.BinaryExpr:
			if n.Op == token.ADD {
				c.concat(n, cur)
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				if obj, ok := c.pass.TypesInfo.Defs[name].(*types.Const); ok && obj.Parent() != c.pass.Pkg.Scope() {
					c.noteConst(obj)
				}
			}
		}
	}
}

// stackOf returns the nodes from the file down to cur's node.
func stackOf(cur inspector.Cursor) []ast.Node {
	var stack []ast.Node
	for ; cur.Node() != nil; cur = cur.Parent() {
		stack = append(stack, cur.Node())
	}
	slices.Reverse(stack)
	return stack
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
