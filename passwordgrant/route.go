package passwordgrant

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// This file is the single traversal and its routing: it finds the nodes
// that could matter with cheap byte tests, judges their constant value or
// their object once, and hands each to the rule whose shape it has. The
// rules' own files decide and build the findings.

// checker holds one run over one package: what every rule reads, and the
// findings they add.
type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	ins   *inspector.Inspector
	cfg   *Config
	funcs funcsTable // -funcs, as table keys

	findings []*finding
	seen     map[findingKey]bool
	flow     *flow // values followed within the package, indexed on first use

	// With facts on (-deps): the names and packages of imported objects
	// that carry a fact, the functions of this package that perform the
	// grant, and those that hold a grant key (candidates for a parameter
	// that reaches a sink).
	facts         bool // facts are on (-deps)
	factNames     map[string]bool
	factPkgs      map[*types.Package]bool
	performs      map[*types.Func]*performer
	grantKeyFuncs []*types.Func
}

func run(pass *analysis.Pass, cfg *Config) (any, error) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	c := &checker{pass: pass, info: pass.TypesInfo, ins: ins, cfg: cfg, funcs: newFuncsTable(cfg.Funcs)}
	c.facts = len(pass.Analyzer.FactTypes) > 0
	if c.facts {
		c.factNames, c.factPkgs = importedFacts(pass)
		c.performs = make(map[*types.Func]*performer)
	}
	dirs := parseDirectives(pass)
	imported := importedGrantConsts(pass.Pkg)
	if relevant(pass, ins, c.funcs, imported) || importsAny(pass.Pkg, c.factPkgs) {
		c.scan(grantConstNames(pass.Pkg, imported))
		if c.facts {
			c.exportFacts()
		}
	}
	c.report(dirs)
	return nil, nil
}

// importsAny reports whether pkg imports one of pkgs.
func importsAny(pkg *types.Package, pkgs map[*types.Package]bool) bool {
	for _, imp := range pkg.Imports() {
		if pkgs[imp] {
			return true
		}
	}
	return false
}

// relevant is the fast path: a package that imports no password-grant API
// and no package exporting a grant constant (imported), and holds no string
// literal that could spell a grant, its key or GoTo's host, cannot produce
// a finding. Most packages are such, and cost one scan of their literals.
func relevant(pass *analysis.Pass, ins *inspector.Inspector, funcs funcsTable, imported []*types.Const) bool {
	if len(imported) > 0 {
		return true
	}
	for _, imp := range pass.Pkg.Imports() {
		if path := trimVendor(imp.Path()); apiPackages[path] || funcs.pkgs[path] {
			return true
		}
	}
	for cur := range ins.Root().Preorder((*ast.BasicLit)(nil)) {
		if lit := cur.Node().(*ast.BasicLit); lit.Kind == token.STRING && litTrigger(lit.Value) {
			return true
		}
	}
	return false
}

// importedGrantConsts returns the exported constants of pkg's imports that
// spell the password grant or its key (go-oauth2's
// oauth2.PasswordCredentials). The standard library declares none.
func importedGrantConsts(pkg *types.Package) []*types.Const {
	var consts []*types.Const
	for _, imp := range pkg.Imports() {
		if !isStd(trimVendor(imp.Path())) {
			consts = append(consts, grantConsts(imp, false)...)
		}
	}
	return consts
}

// grantConstNames returns the names of the constants that spell the
// password grant or its key, whatever they are called, declared by the
// package or imported, so that the scan looks their uses up. Constants
// declared in functions are added by the scan, which meets their
// declarations before their uses.
func grantConstNames(pkg *types.Package, imported []*types.Const) map[string]bool {
	names := make(map[string]bool)
	for _, obj := range grantConsts(pkg, true) {
		names[obj.Name()] = true
	}
	for _, obj := range imported {
		names[obj.Name()] = true
	}
	return names
}

// grantConsts returns the package-level constants of pkg (only exported
// ones unless all) that spell the password grant or its key.
func grantConsts(pkg *types.Package, all bool) []*types.Const {
	var consts []*types.Const
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		if obj, ok := scope.Lookup(name).(*types.Const); ok && (all || obj.Exported()) && isGrantConst(obj) {
			consts = append(consts, obj)
		}
	}
	return consts
}

func isGrantConst(obj *types.Const) bool {
	if obj.Val().Kind() != constant.String {
		return false
	}
	s := constant.StringVal(obj.Val())
	return isPasswordGrant(s) || isGrantKey(s)
}

// scan is the one pass over the syntax of a relevant package. Findings
// start at string literals, at string concatenations, and at identifiers
// whose name could matter; everything else is judged from the enclosing
// nodes, reached through the cursor only when a node triggers. Each node
// costs a few byte comparisons, and type information is consulted only
// for those that pass them.
func (c *checker) scan(consts map[string]bool) {
	// A constant expression may hold several literals and identifiers that
	// trigger; it is judged once as a value and once as text, from the
	// first of them that reaches it. Identifiers judge values only.
	var lastValue, lastText ast.Node
	judge := func(cur inspector.Cursor, asText bool) {
		cur = maximal(c.info, cur)
		e := cur.Node().(ast.Expr)
		s, ok := stringConst(c.info, e)
		if !ok {
			return // a struct tag or import path: no value of its own
		}
		if e != lastValue {
			lastValue = e
			c.routeValue(cur, s)
			if c.facts && isGrantKey(s) {
				c.noteGrantKey(cur)
			}
		}
		if asText && e != lastText {
			lastText = e
			c.routeText(cur, s)
		}
	}
	filter := []ast.Node{(*ast.BasicLit)(nil), (*ast.Ident)(nil), (*ast.BinaryExpr)(nil), (*ast.ValueSpec)(nil)}
	for cur := range c.ins.Root().Preorder(filter...) {
		switch n := cur.Node().(type) {
		case *ast.BasicLit:
			if n.Kind == token.STRING && litTrigger(n.Value) {
				judge(cur, true)
			}
		case *ast.BinaryExpr:
			// "pass" + "word": parts that do not trigger on their own.
			if n.Op != token.ADD {
				break // every other operator: no type lookup
			}
			if s, ok := stringConst(c.info, n); ok && hasTrigger(s) {
				judge(cur, true)
			}
		case *ast.Ident:
			if c.routeIdent(cur, n, consts) {
				judge(selectorOrSelf(cur), false)
			}
		case *ast.ValueSpec:
			for _, name := range n.Names {
				if obj, ok := c.info.Defs[name].(*types.Const); ok && obj.Parent() != c.pass.Pkg.Scope() && isGrantConst(obj) {
					consts[obj.Name()] = true
				}
			}
		}
	}
}

// routeIdent hands identifiers to the rules that judge objects: uses of a
// known API (PG001, PG004, PG005) and of oauth2.Token's RefreshToken field
// (PG006). It reports whether the identifier is instead a named constant
// that may spell a grant or its key, to be judged by its value.
func (c *checker) routeIdent(cur inspector.Cursor, id *ast.Ident, consts map[string]bool) bool {
	// Every identifier of the package comes through here: decide from the
	// name's bytes before hashing it into a map. Table names all contain
	// "password" but gocloak's Login methods; nil maps cost no hashing.
	name := id.Name
	password, grant := nameWords(name)
	if ((password || len(name) >= 5 && name[:5] == "Login") && apiNames[name] || c.funcs.names[name]) && c.routeAPI(cur, id) {
		return false
	}
	if name == "RefreshToken" {
		c.refreshToken(cur, id)
		return false
	}
	if c.factNames[name] {
		c.routeFact(cur, id)
	}
	if !password && !grant && !consts[name] {
		return false
	}
	obj, ok := c.info.Uses[id].(*types.Const)
	return ok && obj.Val().Kind() == constant.String
}

// routeAPI hands a use of a table API (or one named by -funcs) to the rule
// the table names, and reports whether id names one.
func (c *checker) routeAPI(cur inspector.Cursor, id *ast.Ident) bool {
	obj := c.info.Uses[id]
	key := apiKey(obj)
	if obj, ok := obj.(*types.Var); ok && obj.IsField() {
		key = fieldKey(c.info, cur)
	}
	if key == "" {
		return false
	}
	a, ok := apis[key]
	switch {
	case ok:
	case c.funcs.keys[key]:
		a = funcsAPI(key)
	default:
		// A method of the package's own interface that stands for a table
		// API: its parameters are of the API's package.
		if a, ok = interfaceAPI(obj); !ok {
			return false
		}
	}
	use := apiUseAt(c.info, cur, id)
	switch obj.(type) {
	case *types.TypeName:
		// A type is the grant where a value of it is made, not at every
		// method receiver, variable or assertion that names it.
		if !constructs(c.info, use.cur) {
			return true
		}
	case *types.Var:
		// A field switches the grant on where a user of the library sets
		// it; the library's own setter is reported where it is called.
		if !assigns(use.cur) || obj.Pkg() == c.pass.Pkg {
			return true
		}
		use.how = "setting"
	}
	switch a.rule {
	case PG001:
		c.oauth2Use(use, a)
	case PG004:
		c.libraryUse(use, a)
	case PG005:
		c.serverAPIUse(use, a)
	}
	return true
}

// routeValue hands a constant key or value to the rule whose shape its
// use has. Only password-grant values are routed: a grant key alone is no
// finding, and the comparisons of PG005 look their key up themselves.
func (c *checker) routeValue(cur inspector.Cursor, s string) {
	if !isPasswordGrant(s) {
		return
	}
	c.routeGrant(cur, cur.Node().(ast.Expr), nil, c.add)
}

// routeGrant routes the password grant value by what holds cur: the value
// itself, a pointer helper around it, a variable or parameter it flows
// into, or the list literal that holds it (list). Rules emit what they find
// to emit: the checker, or a probe asking whether a parameter reaches a
// sink.
func (c *checker) routeGrant(cur inspector.Cursor, value ast.Expr, list *ast.CompositeLit, emit emitter) {
	child, p := up(cur)
	e := child.Node().(ast.Expr)
	switch pn := p.Node().(type) {
	case *ast.CallExpr:
		k, i := child.ParentEdge()
		switch {
		case k != edge.CallExpr_Args || list != nil:
		case isPointerHelper(c.info, pn):
			c.routeGrant(p, value, nil, emit) // StringP("password") stands for its argument
		case i > 0 && isKey(c.info, pn.Args[i-1]) && isParamSetter(c.info, pn):
			c.paramsInCall(p, value, emit)
		case isFoldCompare(c.info, pn):
			c.serveCompare(p, pn.Args[1-i], true, emit) // strings.EqualFold(gt, "password")
		case isGrantSetQuery(c.info, pn):
			c.serveQuery(p, emit) // req.GetGrantTypes().ExactOne("password")
		case allowsGrants(c.info, pn, i):
			c.serveAllowed(p, emit) // srv.SetAllowedGrantType(..., oauth2.PasswordCredentials)
		default:
			c.passedTo(p, i, emit) // a helper of this package that sends its parameter
		}
	case *ast.KeyValueExpr:
		lit, ok := p.Parent().Node().(*ast.CompositeLit)
		if !ok {
			break
		}
		switch k, _ := child.ParentEdge(); {
		case k == edge.KeyValueExpr_Value:
			c.paramsInElement(p, lit, value, list, emit)
		case k == edge.KeyValueExpr_Key && list == nil:
			c.serveTable(p, lit, emit) // map[string]handler{"password": s.passwordGrant}
		}
	case *ast.IndexExpr:
		if k, _ := child.ParentEdge(); k == edge.IndexExpr_Index && list == nil {
			c.serveTableEntry(p, emit) // handlers["password"] = ..., supported["password"] = true
		}
	case *ast.CompositeLit:
		if list != nil {
			break
		}
		if _, isStruct := under(c.info.TypeOf(pn)).(*types.Struct); isStruct {
			c.paramsPositional(p, child, value, emit) // ropcRequest{"password", u, p}
			break
		}
		c.routeGrant(p, value, pn, emit) // an element of a list: judge the list
		if isGrantList(c.info, pn) {
			c.grantList(p, value, pn, emit) // what it holds makes it a grant list
		}
	case *ast.AssignStmt:
		if lhs := boundTo(pn, e); lhs != nil {
			if pn.Tok != token.DEFINE {
				c.paramsAssigned(p, lhs, value, list, emit)
			}
			c.follow(lhs, value, list, emit)
		}
	case *ast.ValueSpec:
		if name := boundTo(pn, e); name != nil {
			c.follow(name, value, list, emit)
		}
	case *ast.BinaryExpr:
		if list == nil && (pn.Op == token.EQL || pn.Op == token.NEQ) {
			other := pn.X
			if other == e {
				other = pn.Y
			}
			c.serveCompare(p, other, pn.Op == token.EQL, emit)
		}
	case *ast.CaseClause:
		if list == nil {
			c.serveCase(p, child, emit)
		}
	}
}

// routeText hands constant text to the rules that read text: PG003 for a
// request carrying the password grant, PG007 for GoTo's retired host.
// Text passed to a logger or error constructor is prose about the
// request, not the request.
func (c *checker) routeText(cur inspector.Cursor, s string) {
	hasGrant, hasGoTo := containsFold(s, wordGrant), hasGoToHost(s)
	if !hasGrant && !hasGoTo {
		if isGoToBase(s) {
			c.gotoBase(cur, s) // "https://api.getgo.com", joined to the path later
		}
		return
	}
	if _, p := up(cur); isProseCall(c.info, p.Node()) || isInspected(c.info, cur) {
		return
	}
	if hasGoTo {
		c.gotoHost(cur, s)
	}
	if hasGrant {
		c.grantText(cur, s)
	}
}
