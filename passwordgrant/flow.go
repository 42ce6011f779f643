package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// This file follows values within the package: what a variable is
// assigned, where it is used, and which parameters of the package's
// functions reach a sink (a grant_type parameter, a served-grant
// comparison). Each index is built on first use, with one walk, so that
// packages that never ask pay nothing; most never do.

// A flow holds the package's indexes and summaries.
type flow struct {
	values    map[*types.Var][]ast.Expr           // values assigned to a variable
	uses      map[types.Object][]inspector.Cursor // identifiers that use a variable or constant
	fields    map[*types.Var][]inspector.Cursor   // selectors of a field
	sent      map[*types.Var]bool                 // fields whose value reaches a sink
	following map[*types.Var]bool                 // variables being followed (cycles)
	sinks     map[*types.Func]map[int]*paramSink  // summaries, per parameter
	enums     map[*types.TypeName]bool            // types whose constants are grant values
}

// A paramSink says whether a parameter of a function reaches a sink: the
// finding the password grant would give there, or nil. Its presence in
// the map marks the parameter as computed, or being computed.
type paramSink struct {
	sink *finding // where and what, as the rule would report it
}

func (c *checker) flowOnce() *flow {
	if c.flow == nil {
		c.flow = &flow{following: make(map[*types.Var]bool)}
	}
	return c.flow
}

// assigned returns the expressions assigned to v anywhere in the package,
// by =, := or var, in source order. Assignments from a call with several
// results are not values of one variable and are left out.
func (c *checker) assigned(v *types.Var) []ast.Expr {
	fl := c.flowOnce()
	if fl.values == nil {
		fl.values = make(map[*types.Var][]ast.Expr)
		for cur := range c.ins.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			lhs, rhs := bindings(cur.Node())
			if len(lhs) != len(rhs) {
				continue
			}
			for i, l := range lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				if lv, ok := c.info.ObjectOf(id).(*types.Var); ok {
					fl.values[lv] = append(fl.values[lv], rhs[i])
				}
			}
		}
	}
	return fl.values[v]
}

// usesOf returns the cursors of the identifiers that use obj, a variable
// or constant (not a field).
func (c *checker) usesOf(obj types.Object) []inspector.Cursor {
	fl := c.flowOnce()
	if fl.uses == nil {
		fl.uses = make(map[types.Object][]inspector.Cursor)
		for cur := range c.ins.Root().Preorder((*ast.Ident)(nil)) {
			switch u := c.info.Uses[cur.Node().(*ast.Ident)].(type) {
			case *types.Var:
				if !u.IsField() {
					fl.uses[u] = append(fl.uses[u], cur)
				}
			case *types.Const:
				fl.uses[u] = append(fl.uses[u], cur)
			}
		}
	}
	return fl.uses[obj]
}

// isSent reports whether the value of field f reaches a sink anywhere in
// the package (form.Set("grant_type", s.grantType)): a field that no
// encoder can see is still sent when code copies it into a request.
func (c *checker) isSent(f *types.Var) bool {
	fl := c.flowOnce()
	if sent, ok := fl.sent[f]; ok {
		return sent
	}
	if fl.sent == nil {
		fl.sent = make(map[*types.Var]bool)
	}
	fl.sent[f] = false // while probing: a field copied into itself is not sent
	if fl.fields == nil {
		fl.fields = make(map[*types.Var][]inspector.Cursor)
		for cur := range c.ins.Root().Preorder((*ast.SelectorExpr)(nil)) {
			if s := c.info.Selections[cur.Node().(*ast.SelectorExpr)]; s != nil && s.Kind() == types.FieldVal {
				fv := s.Obj().(*types.Var)
				fl.fields[fv] = append(fl.fields[fv], cur)
			}
		}
	}
	found := false
	collect := func(*finding) { found = true }
	for _, use := range fl.fields[f] {
		if c.routeGrant(use, use.Node().(ast.Expr), nil, collect); found {
			break
		}
	}
	fl.sent[f] = found
	return found
}

// follow routes the password grant bound to the variable named by lhs to
// every use of the variable: grantType := "password" and, later,
// form.Set("grant_type", grantType).
func (c *checker) follow(lhs ast.Expr, value ast.Expr, list *ast.CompositeLit, emit emitter) {
	id, ok := ast.Unparen(lhs).(*ast.Ident)
	if !ok || id.Name == "_" {
		return
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok || v.IsField() {
		return
	}
	fl := c.flowOnce()
	if fl.following[v] {
		return // a = b; b = a
	}
	fl.following[v] = true
	defer delete(fl.following, v)
	for _, use := range c.usesOf(v) {
		c.routeGrant(use, value, list, emit)
	}
}

// passedTo judges the password grant passed as argument i of call to a
// function of this package whose parameter reaches a sink: the finding
// belongs at the call, which supplies the grant; the function itself,
// which serves other grants too, stays silent.
func (c *checker) passedTo(call inspector.Cursor, i int, emit emitter) {
	n := call.Node().(*ast.CallExpr)
	fn := callee(c.info, n)
	if fn == nil {
		return
	}
	rule, where, at := "", "", ""
	var via []string
	if fn.Pkg() == c.pass.Pkg {
		sink := c.paramSinkOf(fn, i)
		if sink == nil {
			return
		}
		rule, where, at = sink.rule, c.shortPos(sink.start())+": "+sink.msg, c.shortPos(sink.start())
		if sink.sink != "" {
			at = sink.sink
		}
		via = append([]string{qualifiedName(fn) + " (" + at + ")"}, sink.via...)
	} else {
		// Another package's function: its fact says which parameters it
		// sends (with facts on).
		var fact GrantFact
		if !c.facts || !c.pass.ImportObjectFact(fn, &fact) || !slices.Contains(fact.Params, i) {
			return
		}
		rule, where, at = fact.Rule, fact.Sink, fact.Sink
		via = append([]string{qualifiedName(fn) + " (" + fact.Sink + ")"}, fact.Chain...)
		if c.otherModule(fact.Module, fn) {
			rule = PG008
		}
		c.notePerforms(call, fn, fact.Sink, rule)
	}
	r, _ := RuleByID(rule)
	f := &finding{rule: rule, cur: call, node: n.Args[i], anchor: anchor(call),
		msg:  "passes the password grant to " + fn.Name() + ", which " + sinkVerb(rule) + " (" + where + ")",
		sink: at, via: via}
	f.fixes = func(fx *fixer) []analysis.SuggestedFix { return fx.todo(f, r.Advice) }
	emit(f)
}

// sinkVerb says what a function does with a grant it is passed.
func sinkVerb(rule string) string {
	if rule == PG005 {
		return "serves it at the token endpoint"
	}
	return "sends it as grant_type"
}

// shortPos is file:line of pos, for messages that point elsewhere.
func (c *checker) shortPos(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	name := p.Filename
	for i := len(name) - 1; i >= 0; i-- {
		if name[i] == '/' || name[i] == '\\' {
			name = name[i+1:]
			break
		}
	}
	return name + ":" + strconv.Itoa(p.Line)
}

// paramSinkOf returns the sink that parameter i of fn reaches, or nil.
// It routes every use of the parameter as if it held the password grant,
// collecting instead of reporting.
func (c *checker) paramSinkOf(fn *types.Func, i int) *finding {
	fl := c.flowOnce()
	if fl.sinks == nil {
		fl.sinks = make(map[*types.Func]map[int]*paramSink)
	}
	if fl.sinks[fn] == nil {
		fl.sinks[fn] = make(map[int]*paramSink)
	}
	if ps := fl.sinks[fn][i]; ps != nil {
		return ps.sink // nil while it is being computed: recursion finds nothing
	}
	ps := &paramSink{}
	fl.sinks[fn][i] = ps
	sig := fn.Signature()
	if i >= sig.Params().Len() || sig.Variadic() && i >= sig.Params().Len()-1 {
		return nil
	}
	param := sig.Params().At(i)
	var found []*finding
	collect := func(f *finding) { found = append(found, f) }
	for _, use := range c.usesOf(param) {
		c.routeGrant(use, use.Node().(ast.Expr), nil, collect)
		if len(found) > 0 {
			break
		}
	}
	if len(found) > 0 {
		ps.sink = found[0]
	}
	return ps.sink
}
