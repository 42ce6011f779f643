package passwordgrant

import (
	"go/ast"
	"go/types"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// This file carries the password grant across packages with facts: a
// function that performs the grant, or sends a parameter as grant_type,
// exports a GrantFact; an exported type whose method performs it with
// credentials given at construction exports a CredentialsFact. Packages
// that call them import the facts. Facts need the drivers to analyze every
// dependency, which costs time, so they are on only with -deps
// (Config.Deps); see the README's cost table.

// GrantFact says that a function performs the password grant (Params is
// empty) or sends the parameters in Params to a grant_type sink (the grant
// is then the caller's to choose). It is gob-encodable and deterministic,
// as go vet, golangci-lint and nogo need.
type GrantFact struct {
	Rule   string   // the rule of the grant inside: PG001 to PG005
	Sink   string   // where the grant is sent: "client.go:123"
	Params []int    // parameters that carry the grant to the sink
	Module string   // the module of the function's package, "" if the driver did not say
	Chain  []string // the calls from the function to the sink, outermost first
}

// AFact marks GrantFact as an analysis fact.
func (*GrantFact) AFact() {}

func (f *GrantFact) String() string {
	s := "grant " + f.Rule + " at " + f.Sink
	if len(f.Params) > 0 {
		s += " from parameters " + joinInts(f.Params)
	}
	if len(f.Chain) > 0 {
		s += " via " + strings.Join(f.Chain, " -> ")
	}
	return s
}

// CredentialsFact says that a value of an exported struct type performs
// the password grant in a method that takes no credentials: it sends those
// it was constructed with (&sdk.PasswordCredentialsSource{User: u, ...}).
type CredentialsFact struct {
	Method string // the method that performs the grant
	Sink   string // where inside
	Module string
}

// AFact marks CredentialsFact as an analysis fact.
func (*CredentialsFact) AFact() {}

func (f *CredentialsFact) String() string { return "credentials sent by " + f.Method + " at " + f.Sink }

// factTypes are the analyzer's fact types when facts are on.
var factTypes = []analysis.Fact{(*GrantFact)(nil), (*CredentialsFact)(nil)}

func joinInts(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

// importedFacts returns the last names of the objects of other packages
// that carry a fact (for the identifier filter), and the packages they are
// in (for the fast path). Without facts it returns nils.
func importedFacts(pass *analysis.Pass) (names map[string]bool, pkgs map[*types.Package]bool) {
	if len(pass.Analyzer.FactTypes) == 0 {
		return nil, nil
	}
	for _, f := range pass.AllObjectFacts() {
		if f.Object.Pkg() == nil || f.Object.Pkg() == pass.Pkg {
			continue
		}
		if names == nil {
			names, pkgs = make(map[string]bool), make(map[*types.Package]bool)
		}
		names[f.Object.Name()] = true
		pkgs[f.Object.Pkg()] = true
	}
	return names, pkgs
}

// moduleOf is the path of the module being analyzed, or "".
func moduleOf(pass *analysis.Pass) string {
	if pass.Module == nil {
		return ""
	}
	return pass.Module.Path
}

// otherModule reports whether a fact's function is in another module than
// the package being analyzed: calls within one module report only the
// root, where the grant is sent; a call into an SDK is where the
// application chooses the grant.
func (c *checker) otherModule(factModule string, obj types.Object) bool {
	mine := moduleOf(c.pass)
	if factModule != "" && mine != "" {
		return factModule != mine
	}
	// Without module information: another module unless the package paths
	// share their first three elements.
	return !sharesRoot(obj.Pkg().Path(), c.pass.Pkg.Path())
}

func sharesRoot(a, b string) bool {
	root := func(p string) string {
		parts := strings.SplitN(p, "/", 4)
		return strings.Join(parts[:min(3, len(parts))], "/")
	}
	return root(a) == root(b)
}

// routeFact judges a use of an object that carries a fact: a call or a
// reference to a function that performs the grant, or the construction of
// a type that does. Uses inside the module only record that the function
// around them performs the grant, for its own fact; uses of another
// module's are reported (PG008).
func (c *checker) routeFact(cur inspector.Cursor, id *ast.Ident) {
	switch obj := c.info.Uses[id].(type) {
	case *types.Func:
		var fact GrantFact
		if concrete := c.dynamicMethod(cur, obj); concrete != nil {
			obj = concrete // an interface call whose dynamic type is known
		}
		if !c.pass.ImportObjectFact(obj, &fact) {
			return
		}
		if len(fact.Params) > 0 {
			// Judged where the grant is passed (passedTo); the function
			// around may pass on a parameter of its own.
			c.noteGrantKey(cur)
			return
		}
		use := apiUseAt(c.info, cur, id)
		c.notePerforms(use.cur, obj, fact.Sink, fact.Rule)
		if c.otherModule(fact.Module, obj) {
			c.sdkUse(use, qualifiedName(obj), "performs the password grant with the caller's credentials ("+fact.Sink+")", obj, fact.Chain)
		}
	case *types.TypeName:
		var fact CredentialsFact
		if !c.pass.ImportObjectFact(obj, &fact) {
			return
		}
		use := apiUseAt(c.info, cur, id)
		if !constructs(c.info, use.cur) {
			return
		}
		c.notePerforms(use.cur, obj, fact.Sink, PG008)
		if c.otherModule(fact.Module, obj) {
			use.how = "construction of"
			c.sdkUse(use, qualifiedName(obj), "whose "+fact.Method+" method sends the credentials it is given with grant_type=password ("+fact.Sink+")", obj, nil)
		}
	}
}

// qualifiedName names obj for messages: sdk.Login, sdk.(*Client).Login,
// sdk.Source.
func qualifiedName(obj types.Object) string {
	pkg := obj.Pkg().Name()
	if fn, ok := obj.(*types.Func); ok {
		if recv := fn.Signature().Recv(); recv != nil {
			t := recv.Type()
			star := ""
			if p, ok := t.(*types.Pointer); ok {
				t, star = p.Elem(), "*"
			}
			if n, ok := types.Unalias(t).(*types.Named); ok {
				return pkg + ".(" + star + n.Obj().Name() + ")." + fn.Name()
			}
		}
	}
	return pkg + "." + obj.Name()
}

// A performer is a function of this package that performs the grant, with
// where and how, for its fact.
type performer struct {
	rule, sink string
	chain      []string
}

// notePerforms records that the function around cur performs the grant,
// by using callee (another function or type that does, found at sink).
func (c *checker) notePerforms(cur inspector.Cursor, callee types.Object, sink, rule string) {
	fc, ok := enclosingFunc(cur)
	if !ok || !c.facts {
		return
	}
	fd, ok := fc.Node().(*ast.FuncDecl)
	if !ok {
		return // a function literal: its enclosing declaration is found by the call graph
	}
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok || c.performs[fn] != nil {
		return
	}
	c.performs[fn] = &performer{rule: rule, sink: sink, chain: []string{qualifiedName(callee) + " (" + sink + ")"}}
}

// exportFacts exports the facts of this package's functions and types:
// those whose own code performs the grant (its findings), those that call
// one that does (to a fixpoint over the package's static calls), those
// whose parameters reach a sink, and the types whose credential-less
// methods perform it. It runs only with facts on.
func (c *checker) exportFacts() {
	// Seeds: functions that hold a finding of a client-side rule.
	for _, f := range c.findings {
		if !sendsGrant[f.rule] || isTestFile(c.pass, f.start()) {
			continue
		}
		if fc, ok := outermostFunc(f.cur); ok {
			fd := fc.Node().(*ast.FuncDecl)
			if fn, ok := c.info.Defs[fd.Name].(*types.Func); ok && c.performs[fn] == nil {
				sink := f.sink
				if sink == "" {
					sink = c.shortPos(f.start())
				}
				c.performs[fn] = &performer{rule: f.rule, sink: sink, chain: f.via}
			}
		}
	}
	// Propagate through the package's own static calls.
	if len(c.performs) > 0 || len(c.grantKeyFuncs) > 0 {
		type edge struct{ caller, callee *types.Func }
		var edges []edge
		for cur := range c.ins.Root().Preorder((*ast.CallExpr)(nil)) {
			callee := callee(c.info, cur.Node().(*ast.CallExpr))
			if callee == nil || callee.Pkg() != c.pass.Pkg || isTestFile(c.pass, cur.Node().Pos()) {
				continue
			}
			if fc, ok := outermostFunc(cur); ok {
				if caller, ok := c.info.Defs[fc.Node().(*ast.FuncDecl).Name].(*types.Func); ok && caller != callee {
					edges = append(edges, edge{caller, callee})
				}
			}
		}
		for changed := true; changed; {
			changed = false
			for _, e := range edges {
				if p := c.performs[e.callee]; p != nil && c.performs[e.caller] == nil {
					chain := append([]string{qualifiedName(e.callee) + " (" + p.sink + ")"}, p.chain...)
					c.performs[e.caller] = &performer{rule: p.rule, sink: p.sink, chain: chain}
					changed = true
				}
				// A caller of a function that may send its parameter may
				// pass on one of its own.
				if slices.Contains(c.grantKeyFuncs, e.callee) && !slices.Contains(c.grantKeyFuncs, e.caller) {
					c.grantKeyFuncs = append(c.grantKeyFuncs, e.caller)
					changed = true
				}
			}
		}
	}
	module := moduleOf(c.pass)
	var fns []*types.Func
	for fn := range c.performs {
		fns = append(fns, fn)
	}
	slices.SortFunc(fns, func(a, b *types.Func) int { return int(a.Pos() - b.Pos()) })
	credentialTypes := make(map[*types.TypeName]bool)
	for _, fn := range fns {
		p := c.performs[fn]
		if !exportedFunc(fn) {
			continue
		}
		c.pass.ExportObjectFact(fn, &GrantFact{Rule: p.rule, Sink: p.sink, Module: module, Chain: p.chain})
		// A method that takes no text sends what its value was given.
		if recv := fn.Signature().Recv(); recv != nil && !takesText(fn.Signature()) {
			if n, ok := types.Unalias(deref(recv.Type())).(*types.Named); ok && n.Obj().Exported() && !credentialTypes[n.Obj()] {
				if _, isStruct := under(n).(*types.Struct); isStruct {
					credentialTypes[n.Obj()] = true
					c.pass.ExportObjectFact(n.Obj(), &CredentialsFact{Method: fn.Name(), Sink: p.sink, Module: module})
				}
			}
		}
	}
	// Functions that send a parameter as grant_type: the caller chooses.
	for _, fn := range c.grantKeyFuncs {
		if c.performs[fn] != nil || !exportedFunc(fn) {
			continue
		}
		var params []int
		var sink *finding
		for i := range fn.Signature().Params().Len() {
			if !isStringType(fn.Signature().Params().At(i).Type()) {
				continue
			}
			if s := c.paramSinkOf(fn, i); s != nil {
				params = append(params, i)
				sink = s
			}
		}
		if sink != nil {
			at := sink.sink
			if at == "" {
				at = c.shortPos(sink.start())
			}
			c.pass.ExportObjectFact(fn, &GrantFact{Rule: sink.rule, Sink: at, Params: params, Module: module, Chain: sink.via})
		}
	}
}

// outermostFunc returns the cursor of the function declaration around cur.
func outermostFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return fc, true
	}
	return inspector.Cursor{}, false
}

// exportedFunc reports whether fn can be called from another package: an
// exported function, or an exported method of an exported type.
func exportedFunc(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if n, ok := types.Unalias(deref(recv.Type())).(*types.Named); ok {
			return n.Obj().Exported()
		}
	}
	return true
}

// takesText reports whether a signature has a string parameter, where a
// caller could pass credentials.
func takesText(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if isStringType(v.Type()) {
			return true
		}
	}
	return false
}

// noteGrantKey records the function around a grant key constant: only such
// functions can send a parameter as grant_type, so only they are probed
// for parameter facts.
func (c *checker) noteGrantKey(cur inspector.Cursor) {
	fc, ok := outermostFunc(cur)
	if !ok {
		return
	}
	if fn, ok := c.info.Defs[fc.Node().(*ast.FuncDecl).Name].(*types.Func); ok && !slices.Contains(c.grantKeyFuncs, fn) {
		c.grantKeyFuncs = append(c.grantKeyFuncs, fn)
	}
}

// dynamicMethod returns the concrete method that a call of the interface
// method m at cur reaches, where the receiver is a variable assigned values
// of one concrete type only (var a Authenticator = &sdk.Client{...};
// a.Login(...)), or nil.
func (c *checker) dynamicMethod(cur inspector.Cursor, m *types.Func) *types.Func {
	recv := m.Signature().Recv()
	if recv == nil || !types.IsInterface(recv.Type()) {
		return nil
	}
	sel, ok := selectorOrSelf(cur).Node().(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	v, ok := c.info.Uses[id].(*types.Var)
	if !ok {
		return nil
	}
	var concrete types.Type
	for _, val := range c.assigned(v) {
		t := c.info.TypeOf(val)
		if t == nil || types.IsInterface(t) || concrete != nil && !types.Identical(t, concrete) {
			return nil // unknown, or more than one dynamic type
		}
		concrete = t
	}
	if concrete == nil {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(concrete, true, m.Pkg(), m.Name())
	fn, _ := obj.(*types.Func)
	return fn
}
