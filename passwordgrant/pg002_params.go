package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// PG002: grant_type=password built as request parameters: url.Values and
// map literals, Set/Add and other parameter setters, index assignments,
// struct fields that say grant_type, and grant-type lists. The route hands
// this file a password-grant value in one of those shapes; the fixes
// rewrite the request to the authorization code grant.

const grantListAdvice = "remove \"password\" from the allowed grant types; allow authorization_code (with PKCE) and refresh_token"

// params is what a PG002 finding's fixes need: the node that sets the
// parameter, the password-grant value, and the list literal holding it.
type params struct {
	cur    inspector.Cursor // the node that sets the grant: call, element or assignment
	anchor ast.Node
	value  ast.Expr          // the constant expression of the password grant
	list   *ast.CompositeLit // the list literal holding value, if any
	lit    *ast.CompositeLit // the url.Values or map literal of an element
	grants bool              // list is a list of allowed grant types
}

// paramsInCall reports v.Set("grant_type", "password") and the setters of
// HTTP client libraries.
func (c *checker) paramsInCall(call inspector.Cursor, value ast.Expr, emit emitter) {
	n := call.Node().(*ast.CallExpr)
	var pos token.Pos
	if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
		pos = sel.Sel.Pos() // a chain e.POST(...).WithFormField(...) starts lines earlier
	}
	c.params(call, pos, "a "+calleeName(c.info, n)+" call", &params{value: value}, emit)
}

// paramsInElement judges kv, an element of the composite literal lit whose
// value is (or lists, in list) the password grant: a map or url.Values
// entry keyed grant_type, or a struct field that holds a grant type or a
// grant-type list.
func (c *checker) paramsInElement(kvCur inspector.Cursor, lit *ast.CompositeLit, value ast.Expr, list *ast.CompositeLit, emit emitter) {
	kv := kvCur.Node().(*ast.KeyValueExpr)
	switch t := under(c.info.TypeOf(lit)).(type) {
	case *types.Map:
		if isKey(c.info, kv.Key) {
			what := "a map literal"
			if isNamed(c.info.TypeOf(lit), "net/url", "Values") {
				what = "a url.Values literal"
			}
			c.params(kvCur, token.NoPos, what, &params{value: value, list: list, lit: lit}, emit)
		}
	case *types.Struct:
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			return
		}
		f, ok := c.info.Uses[id].(*types.Var)
		if !ok || !f.IsField() {
			return
		}
		c.field(kvCur, f.Name(), c.roleSent(t, f), value, list, emit)
	}
}

// paramsAssigned judges an assignment of the password grant to lhs: an
// index expression m["grant_type"] or a field.
func (c *checker) paramsAssigned(as inspector.Cursor, lhs ast.Expr, value ast.Expr, list *ast.CompositeLit, emit emitter) {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.IndexExpr:
		if _, ok := under(c.info.TypeOf(lhs.X)).(*types.Map); ok && isKey(c.info, lhs.Index) {
			c.params(as, token.NoPos, "an index assignment", &params{value: value, list: list}, emit)
		}
	case *ast.SelectorExpr:
		sel := c.info.Selections[lhs]
		if sel == nil || sel.Kind() != types.FieldVal {
			return
		}
		st, f := fieldOfSelection(sel)
		role := roleOf(f.Name(), "")
		if st != nil {
			role = c.roleSent(st, f)
		}
		c.field(as, f.Name(), role, value, list, emit)
	}
}

// field reports a password grant stored in a field that holds a grant type
// or a list of allowed grant types.
func (c *checker) field(n inspector.Cursor, name string, role fieldRole, value ast.Expr, list *ast.CompositeLit, emit emitter) {
	switch role {
	case fieldGrantType:
		c.params(n, token.NoPos, "field "+name, &params{value: value, list: list}, emit)
	case fieldGrantTypes:
		if list != nil {
			c.grantListFinding(n, "grant-type list "+name, value, list, emit)
		}
	}
}

// roleSent is the role of field f of st in a request: by its tag or
// exported name (sentRole), or, for a private field named for the grant
// type, only if code copies its value into a request (isSent). A private
// grantType that records which flow was used is bookkeeping.
func (c *checker) roleSent(st *types.Struct, f *types.Var) fieldRole {
	if role := sentRole(st, f); role != fieldOther {
		return role
	}
	if role := fieldRoleOf(st, f); role != fieldOther && c.isSent(f) {
		return role
	}
	return fieldOther
}

// paramsPositional judges the password grant as an element of a struct
// literal without keys, ropcRequest{"password", u, p}: the field it fills
// is known by position.
func (c *checker) paramsPositional(lit inspector.Cursor, elt inspector.Cursor, value ast.Expr, emit emitter) {
	st, ok := under(c.info.TypeOf(lit.Node().(ast.Expr))).(*types.Struct)
	if k, i := elt.ParentEdge(); ok && k == edge.CompositeLit_Elts && i < st.NumFields() {
		f := st.Field(i)
		c.field(elt, f.Name(), c.roleSent(st, f), value, nil, emit)
	}
}

// grantList reports a list literal that holds the password grant among
// other grant types (isGrantList), whatever field or variable it goes to:
// a discovery document's grant_types_supported, a client registration, an
// allow-list of a typed enum.
func (c *checker) grantList(lit inspector.Cursor, value ast.Expr, list *ast.CompositeLit, emit emitter) {
	what := "grant-type list"
	child, p := up(lit)
	switch pn := p.Node().(type) {
	case *ast.KeyValueExpr:
		if id, ok := pn.Key.(*ast.Ident); ok {
			what += " " + id.Name
		} else if s, ok := stringConst(c.info, pn.Key); ok {
			what += " " + strconv.Quote(s)
		}
	case *ast.AssignStmt, *ast.ValueSpec:
		if id, ok := boundTo(pn, child.Node().(ast.Expr)).(*ast.Ident); ok {
			what += " " + id.Name
		}
	}
	c.grantListFinding(lit, what, value, list, emit)
}

// grantListFinding reports what, a list of grants that holds the password
// grant.
func (c *checker) grantListFinding(n inspector.Cursor, what string, value ast.Expr, list *ast.CompositeLit, emit emitter) {
	p := &params{cur: n, anchor: anchor(n), value: value, list: list, grants: true}
	emit(&finding{rule: PG002, cur: n, node: value, anchor: p.anchor,
		msg:   what + " enables the password grant; remove \"password\" and allow authorization_code (with PKCE) and refresh_token instead",
		fixes: func(fx *fixer) []analysis.SuggestedFix { return fx.paramsFix(p) },
	})
}

// params reports grant_type=password built as request parameters at n.
func (c *checker) params(n inspector.Cursor, pos token.Pos, where string, p *params, emit emitter) {
	p.cur, p.anchor = n, anchor(n)
	emit(&finding{rule: PG002, cur: n, node: n.Node(), pos: pos, anchor: p.anchor,
		msg: "grant_type=password in " + where + " sends the user's password to the token endpoint; " +
			"request grant_type=authorization_code with code, redirect_uri and code_verifier (PKCE) instead, then use refresh tokens",
		fixes: func(fx *fixer) []analysis.SuggestedFix { return fx.paramsFix(p) },
	})
}

// paramsFix marks a PG002 finding for migration: that changes no
// behaviour, so it is the first fix. A request needs a code, a redirect URI
// and a PKCE verifier that only a sign-in gives, and a grant list that
// loses "password" turns its clients away, so the rewrites are further
// alternatives, for a person to choose.
func (fx *fixer) paramsFix(p *params) []analysis.SuggestedFix {
	advice := paramsAdvice
	if p.grants {
		advice = grantListAdvice
	}
	fixes := fx.todo(&finding{rule: PG002, cur: p.cur, anchor: p.anchor}, advice)
	return append(fixes, fx.paramsRewrite(p)...)
}

// paramsRewrite rewrites the request toward the authorization code grant,
// or drops the password grant from a list.
func (fx *fixer) paramsRewrite(p *params) []analysis.SuggestedFix {
	switch n := p.cur.Node().(type) {
	case *ast.KeyValueExpr:
		if p.lit != nil {
			if fix := fx.mapLitFix(p, p.lit, n); fix != nil {
				return fix
			}
		}
	case *ast.CallExpr:
		if fix := fx.setCallFix(p, n); fix != nil {
			return fix
		}
	}
	if p.list != nil {
		return fx.dropFromList(p.list)
	}
	e := fx.newEdit()
	e.replace(p.value, `"authorization_code"`)
	e.above(p.anchor, "// "+codeTODO+".")
	return []analysis.SuggestedFix{e.fix(paramsFixMsg)}
}

// dropFromList removes the password grant from a list of allowed grants.
func (fx *fixer) dropFromList(lit *ast.CompositeLit) []analysis.SuggestedFix {
	e := fx.newEdit()
	drop := make([]bool, len(lit.Elts))
	for i, elt := range lit.Elts {
		s, ok := stringConst(fx.pass.TypesInfo, elt)
		drop[i] = ok && isPasswordGrant(s)
	}
	deleteElems(e, lit.Elts, drop)
	return []analysis.SuggestedFix{e.fix("Remove the password grant from the list (its clients are then turned away)")}
}

// mapLitFix rewrites url.Values{"grant_type": {"password"}, "username":
// ..., "password": ...} (or a map[string]string) in place: the grant
// becomes authorization_code, username and password go, and code,
// redirect_uri and code_verifier come with a TODO.
func (fx *fixer) mapLitFix(p *params, lit *ast.CompositeLit, grant *ast.KeyValueExpr) []analysis.SuggestedFix {
	list := false
	if inner, ok := grant.Value.(*ast.CompositeLit); ok {
		list = true
		if len(inner.Elts) != 1 {
			return nil
		}
	}
	value := func(s string) string {
		if list {
			return "{" + strconv.Quote(s) + "}"
		}
		return strconv.Quote(s)
	}
	e := fx.newEdit()
	e.replace(grant.Value, value("authorization_code"))
	var dropped []ast.Expr
	drop := make([]bool, len(lit.Elts))
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, _ := stringConst(fx.pass.TypesInfo, kv.Key); k == "username" || k == "password" {
			dropped = append(dropped, kv.Value)
			if inner, ok := kv.Value.(*ast.CompositeLit); ok {
				dropped = append(dropped, inner.Elts...)
			}
			drop[i] = true
		}
	}
	deleteElems(e, lit.Elts, drop)
	tf := fx.pass.Fset.File(grant.Pos())
	line := tf.Line(grant.Pos())
	if tf.Line(lit.Lbrace) != tf.Line(lit.Rbrace) && line < tf.LineCount() && tf.Line(grant.End()) < tf.Line(lit.Rbrace) {
		// One element a line: add lines below the grant's, keeping any
		// comment at the end of its line where it is.
		_, indent, _ := fx.lineAbove(grant)
		var add strings.Builder
		for _, p := range newParams {
			add.WriteString(indent + strconv.Quote(p.name) + ": " + value("") + ", // " + p.todo + "\n")
		}
		e.insert(tf.LineStart(tf.Line(grant.End())+1), add.String())
	} else {
		var add strings.Builder
		for _, p := range newParams {
			add.WriteString(", " + strconv.Quote(p.name) + ": " + value("") + " /* " + p.todo + " */")
		}
		e.insert(grant.End(), add.String())
	}
	e.keepAlive(p.cur, p.anchor, dropped...)
	return []analysis.SuggestedFix{e.fix(paramsFixMsg)}
}

// deleteElems deletes the elements of elts marked in drop, with their
// commas, one edit for each run of neighbours so that edits never overlap.
func deleteElems(e *edit, elts []ast.Expr, drop []bool) {
	for i := 0; i < len(elts); i++ {
		if !drop[i] {
			continue
		}
		j := i
		for j+1 < len(elts) && drop[j+1] {
			j++
		}
		switch {
		case j+1 < len(elts):
			e.replaceRange(elts[i].Pos(), elts[j+1].Pos(), "")
		case i > 0:
			e.replaceRange(elts[i-1].End(), elts[j].End(), "")
		default:
			e.replaceRange(elts[i].Pos(), elts[j].End(), "")
		}
		i = j
	}
}

// setCallFix rewrites v.Set("grant_type", "password") and the v.Set calls
// for username and password in the same block.
func (fx *fixer) setCallFix(p *params, call *ast.CallExpr) []analysis.SuggestedFix {
	info := fx.pass.TypesInfo
	stmt, ok := p.anchor.(*ast.ExprStmt)
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !isSel || stmt.X != call || len(call.Args) != 2 {
		return nil
	}
	recv := fx.srcText(sel.X)
	if recv == "" {
		return nil
	}
	e := fx.newEdit()
	e.replace(p.value, `"authorization_code"`)
	var dropped []ast.Expr
	if block, ok := p.cur.Parent().Parent().Node().(*ast.BlockStmt); ok {
		for _, s := range block.List {
			es, ok := s.(*ast.ExprStmt)
			if !ok {
				continue
			}
			other, ok := es.X.(*ast.CallExpr)
			if !ok || len(other.Args) != 2 {
				continue
			}
			osel, ok := ast.Unparen(other.Fun).(*ast.SelectorExpr)
			if !ok || fx.srcText(osel.X) != recv || callee(info, other) != callee(info, call) {
				continue
			}
			if k, _ := stringConst(info, other.Args[0]); k == "username" || k == "password" {
				dropped = append(dropped, other.Args[1])
				fx.deleteLine(e, es)
			}
		}
	}
	var lines []string
	for _, np := range newParams {
		lines = append(lines, recv+"."+sel.Sel.Name+"("+strconv.Quote(np.name)+`, "") // `+np.todo)
	}
	if !e.belowLine(stmt, lines) {
		return nil
	}
	e.keepAlive(p.cur, p.anchor, dropped...)
	return []analysis.SuggestedFix{e.fix(paramsFixMsg)}
}

// deleteLine deletes a statement and, when it stands alone on its line,
// the line.
func (fx *fixer) deleteLine(e *edit, s ast.Stmt) {
	tf := fx.pass.Fset.File(s.Pos())
	src := fx.source(tf)
	if tf == nil || src == nil {
		e.replace(s, "")
		return
	}
	line := tf.Line(s.Pos())
	start := tf.LineStart(line)
	endLine := tf.Line(s.End())
	if strings.TrimSpace(string(src[tf.Offset(start):tf.Offset(s.Pos())])) == "" && endLine < tf.LineCount() {
		next := tf.LineStart(endLine + 1)
		if strings.TrimSpace(string(src[tf.Offset(s.End()):tf.Offset(next)])) == "" {
			e.replaceRange(start, next, "")
			return
		}
	}
	e.replace(s, "")
}

// belowLine inserts lines after the line on which s ends, indented like s,
// so that a comment at the end of that line stays with it.
func (e *edit) belowLine(s ast.Stmt, lines []string) bool {
	_, indent, ok := e.fx.lineAbove(s)
	tf := e.fx.pass.Fset.File(s.End())
	if !ok || tf == nil || tf.Line(s.End()) >= tf.LineCount() {
		return false
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(indent + l + "\n")
	}
	e.insert(tf.LineStart(tf.Line(s.End())+1), b.String())
	return true
}
