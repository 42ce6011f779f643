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
	c.noteConsts(pass.Pkg)
	for _, imp := range pass.Pkg.Imports() {
		if !isStd(trimVendor(imp.Path())) {
			c.noteConsts(imp)
		}
	}
	c.scan(ins)
	c.report(dirs)
	return nil, nil
}

// hasTrigger reports whether a literal could start a finding.
func hasTrigger(s string) bool {
	return strings.Contains(s, "password") || containsFold(s, "grant") || strings.Contains(s, "getgo")
}

// noteConsts remembers the names of a package's constants that spell the
// password grant or its key (go-oauth2's oauth2.PasswordCredentials, a
// local grantPassword), whatever they are called, so that the scan looks
// their uses up. The standard library declares none, so the caller passes
// only this package and its other imports; constants declared in functions
// come before their uses, and the scan notes them on its way.
func (c *checker) noteConsts(pkg *types.Package) {
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if obj, ok := scope.Lookup(name).(*types.Const); ok && (pkg == c.pass.Pkg || obj.Exported()) {
			c.noteConst(obj)
		}
	}
}

func (c *checker) noteConst(obj *types.Const) {
	if obj.Val().Kind() != constant.String {
		return
	}
	if s := constant.StringVal(obj.Val()); isPasswordGrant(s) || isGrantKey(s) {
		if c.constNames == nil {
			c.constNames = make(map[string]bool)
		}
		c.constNames[obj.Name()] = true
	}
}

// scan is the one pass over the syntax. Findings start at string literals
// and at identifiers whose name could matter; everything else is judged
// from the enclosing nodes, gathered only when a node triggers. Each node
// costs a few byte comparisons, and type information is consulted only for
// those that pass them, so a package with nothing to find (no literal that
// spells a grant, its key or GoTo's host, no grant API or constant in
// reach) costs one cheap scan.
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
