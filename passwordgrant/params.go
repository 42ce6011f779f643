package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

// grantValue judges a constant password-grant value by its context: PG002
// where it becomes a request parameter, PG005 where a server compares a
// request's grant type with it.
func (c *checker) grantValue(e ast.Expr, anc []ast.Node) {
	e, p, rest := up(e, anc)
	switch p := p.(type) {
	case *ast.CallExpr:
		i := argIndex(p, e)
		switch {
		case i < 0:
		case len(p.Args) == 1 && c.isPointerHelper(p):
			c.grantValue(p, rest) // StringP("password") stands for its argument
		case i > 0 && c.isKey(p.Args[i-1]) && c.isParamCall(p):
			c.params(p, rest, "a "+c.calleeName(p)+" call")
		}
	case *ast.KeyValueExpr:
		if p.Value == e && len(rest) > 0 {
			if lit, ok := rest[len(rest)-1].(*ast.CompositeLit); ok {
				c.element(lit, p, rest, false)
			}
		}
	case *ast.CompositeLit:
		c.list(p, rest)
	case *ast.AssignStmt:
		if lhs := assignedBy(p, e); lhs != nil {
			c.assigned(p, lhs, rest, false)
		}
	case *ast.BinaryExpr:
		c.compare(p, e, rest)
	case *ast.CaseClause:
		c.caseValue(p, e, rest)
	}
}

// list judges a list literal that holds a password-grant value: the
// {"password"} of url.Values, or a grant-type list of a client or server.
func (c *checker) list(lit *ast.CompositeLit, anc []ast.Node) {
	c.grantList = lit
	e, p, rest := up(lit, anc)
	switch p := p.(type) {
	case *ast.KeyValueExpr:
		if p.Value == e && len(rest) > 0 {
			if outer, ok := rest[len(rest)-1].(*ast.CompositeLit); ok {
				c.element(outer, p, rest, true)
			}
		}
	case *ast.AssignStmt:
		if lhs := assignedBy(p, e); lhs != nil {
			c.assigned(p, lhs, rest, true)
		}
	}
}

// element judges kv, an element of the composite literal lit whose value is
// (or lists) the password grant.
func (c *checker) element(lit *ast.CompositeLit, kv *ast.KeyValueExpr, anc []ast.Node, isList bool) {
	switch t := under(c.pass.TypesInfo.TypeOf(lit)).(type) {
	case *types.Map:
		if c.isKey(kv.Key) {
			what := "a map literal"
			if isNamed(c.pass.TypesInfo.TypeOf(lit), "net/url", "Values") {
				what = "a url.Values literal"
			}
			c.params(kv, anc, what)
		}
	case *types.Struct:
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			return
		}
		f, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || !f.IsField() {
			return
		}
		c.field(kv, anc, f.Name(), fieldRoleOf(t, f), isList)
	}
}

// assigned judges an assignment of the password grant to lhs: an index
// expression m["grant_type"] or a field.
func (c *checker) assigned(as *ast.AssignStmt, lhs ast.Expr, anc []ast.Node, isList bool) {
	switch lhs := ast.Unparen(lhs).(type) {
	case *ast.IndexExpr:
		if _, ok := under(c.pass.TypesInfo.TypeOf(lhs.X)).(*types.Map); ok && c.isKey(lhs.Index) {
			c.params(as, anc, "an index assignment")
		}
	case *ast.SelectorExpr:
		sel := c.pass.TypesInfo.Selections[lhs]
		if sel == nil || sel.Kind() != types.FieldVal {
			return
		}
		f := sel.Obj().(*types.Var)
		c.field(as, anc, f.Name(), roleOfSelection(sel), isList)
	}
}

// field reports a password grant stored in a field that holds a grant type
// or a list of allowed grant types.
func (c *checker) field(n ast.Node, anc []ast.Node, name string, role fieldRole, isList bool) {
	switch role {
	case fieldGrantType:
		c.params(n, anc, "field "+name)
	case fieldGrantTypes:
		if isList {
			c.add(finding{rule: PG002, node: c.grant, anchor: anchor(anc, n), value: c.grant, list: c.grantList,
				msg: "grant-type list " + name + " enables the password grant; remove \"password\" and allow authorization_code (with PKCE) and refresh_token instead"})
		}
	}
}

// params reports grant_type=password built as request parameters.
func (c *checker) params(n ast.Node, anc []ast.Node, where string) {
	var pos token.Pos
	if call, ok := n.(*ast.CallExpr); ok {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			pos = sel.Sel.Pos() // a chain e.POST(...).WithFormField(...) starts lines earlier
		}
	}
	c.add(finding{rule: PG002, node: n, pos: pos, anchor: anchor(anc, n), value: c.grant,
		msg: "grant_type=password in " + where + " sends the user's password to the token endpoint; " +
			"request grant_type=authorization_code with code, redirect_uri and code_verifier (PKCE) instead, then use refresh tokens"})
}

// assignedBy returns the left-hand side that as assigns e to; a
// declaration (:=) assigns to no field or map element.
func assignedBy(as *ast.AssignStmt, e ast.Expr) ast.Expr {
	if as.Tok == token.DEFINE {
		return nil
	}
	return boundTo(as, e)
}

// boundTo returns what the assignment or value spec n binds the value e to:
// a left-hand side, or a declared name. It returns nil for anything else,
// and where the counts differ (a, b := f()).
func boundTo(n ast.Node, e ast.Expr) ast.Expr {
	var lhs, rhs []ast.Expr
	switch n := n.(type) {
	case *ast.AssignStmt:
		lhs, rhs = n.Lhs, n.Rhs
	case *ast.ValueSpec:
		rhs = n.Values
		for _, name := range n.Names {
			lhs = append(lhs, name)
		}
	}
	if len(lhs) != len(rhs) {
		return nil
	}
	for i, r := range rhs {
		if r == e {
			return lhs[i]
		}
	}
	return nil
}

// roleOfSelection finds the role of a selected field, following embedded
// fields to the struct that declares it (and its tag).
func roleOfSelection(sel *types.Selection) fieldRole {
	f := sel.Obj().(*types.Var)
	t := sel.Recv()
	idx := sel.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := under(deref(t)).(*types.Struct)
		if !ok || i >= st.NumFields() {
			return roleOf(f.Name(), "")
		}
		t = st.Field(i).Type()
	}
	if st, ok := under(deref(t)).(*types.Struct); ok {
		return fieldRoleOf(st, f)
	}
	return roleOf(f.Name(), "")
}

// isPointerHelper reports whether call is a one-argument helper that turns
// a string into a pointer (aws.String, ptr.To, StringP), so that its
// argument is the field's value.
func (c *checker) isPointerHelper(call *ast.CallExpr) bool {
	t := c.pass.TypesInfo.TypeOf(call)
	if t == nil {
		return false
	}
	p, ok := types.Unalias(t).(*types.Pointer)
	if !ok {
		return false
	}
	b, ok := under(p.Elem()).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isParamCall reports whether call's (key, value) arguments become request
// parameters: url.Values.Set/Add, multipart fields, and the setters of HTTP
// client libraries. Logging calls, which also take key/value pairs, do not.
func (c *checker) isParamCall(call *ast.CallExpr) bool {
	fn := c.callee(call)
	if fn == nil || c.isProse(call) {
		return false
	}
	switch apiKey(fn) {
	case "(net/url.Values).Set", "(net/url.Values).Add", "(mime/multipart.Writer).WriteField":
		return true
	}
	name := strings.ToLower(fn.Name())
	for _, p := range []string{"set", "add", "put", "append", "writefield"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return strings.Contains(name, "param") || strings.Contains(name, "form") || strings.Contains(name, "query")
}

// calleeName is a short name for messages: url.Values.Set, resty.Request.SetFormData.
func (c *checker) calleeName(call *ast.CallExpr) string {
	fn := c.callee(call)
	if fn == nil {
		return "function"
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if n, ok := types.Unalias(deref(recv.Type())).(*types.Named); ok && n.Obj().Pkg() != nil {
			return n.Obj().Pkg().Name() + "." + n.Obj().Name() + "." + fn.Name()
		}
		return fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// grantKey remembers variables that hold a request's grant type, such as
// gt := r.FormValue("grant_type"), for the server-side comparisons.
func (c *checker) grantKey(e ast.Expr, anc []ast.Node) {
	e, p, rest := up(e, anc)
	call, ok := p.(*ast.CallExpr)
	if !ok || argIndex(call, e) < 0 {
		return
	}
	var v ast.Expr = call
	for {
		var p ast.Node
		v, p, rest = up(v, rest)
		switch p := p.(type) {
		case *ast.CallExpr:
			if c.isConversion(p) {
				v = p
				continue
			}
		case *ast.AssignStmt, *ast.ValueSpec:
			if lhs := boundTo(p, v); lhs != nil {
				c.markGrantVar(lhs)
			}
		}
		return
	}
}

func (c *checker) markGrantVar(e ast.Expr) {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return
	}
	obj := c.pass.TypesInfo.ObjectOf(id)
	if obj == nil {
		return
	}
	if c.grantVars == nil {
		c.grantVars = make(map[types.Object]bool)
	}
	c.grantVars[obj] = true
}
