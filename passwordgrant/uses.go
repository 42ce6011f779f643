package passwordgrant

import (
	"go/ast"
	"go/types"
)

// apiUse reports a use of a password-grant API from the table or the
// -funcs flag: a call, a method value, a method expression or a type.
func (c *checker) apiUse(id *ast.Ident, stack []ast.Node) {
	obj := c.pass.TypesInfo.Uses[id]
	key := apiKey(obj)
	if key == "" {
		return
	}
	a, ok := apis[key]
	if !ok {
		if !c.extra[key] {
			return
		}
		a = api{PG004, key, "is configured as a password-grant API (-funcs)",
			"use the provider's authorization code flow with PKCE and refresh tokens"}
	}
	var node ast.Expr = id
	anc := stack[:len(stack)-1]
	if sel, ok := parent(anc).(*ast.SelectorExpr); ok && sel.Sel == id {
		node, anc = sel, anc[:len(anc)-1]
	}
	how := "use of"
	var call *ast.CallExpr
	if p, ok := parent(anc).(*ast.CallExpr); ok && ast.Unparen(p.Fun) == node {
		how, call = "call to", p
	} else if _, isFunc := obj.(*types.Func); isFunc {
		how = "reference to"
	}
	c.add(finding{rule: a.rule, node: node, anchor: anchor(anc, node), call: call, api: key,
		msg: how + " " + a.name + " " + a.what + "; " + a.instead})
}

// refreshToken reports a constant refresh token stored in an oauth2.Token,
// in a literal or by assignment. Tests are left alone: their tokens are
// fakes for fake servers.
func (c *checker) refreshToken(id *ast.Ident, stack []ast.Node) {
	f, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || !f.IsField() || f.Pkg() == nil || trimVendor(f.Pkg().Path()) != oauth2Path || c.isTestFile(id.Pos()) {
		return
	}
	anc := stack[:len(stack)-1]
	var value ast.Expr
	switch p := parent(anc).(type) {
	case *ast.KeyValueExpr:
		if p.Key != id || len(anc) < 2 {
			return
		}
		lit, ok := anc[len(anc)-2].(*ast.CompositeLit)
		if !ok || !isNamed(c.pass.TypesInfo.TypeOf(lit), oauth2Path, "Token") {
			return
		}
		value, anc = p.Value, anc[:len(anc)-1]
	case *ast.SelectorExpr:
		if p.Sel != id || len(anc) < 2 || !isNamed(c.pass.TypesInfo.TypeOf(p.X), oauth2Path, "Token") {
			return
		}
		as, ok := anc[len(anc)-2].(*ast.AssignStmt)
		if !ok {
			return
		}
		value = assignedTo(as, p)
		anc = anc[:len(anc)-1]
	default:
		return
	}
	if s, ok := c.stringConst(value); !ok || s == "" {
		return
	}
	c.add(finding{rule: PG006, node: value, anchor: anchor(anc, value), value: value,
		msg: "hard-coded refresh token (value not shown): refresh tokens rotate, an exchange may return a new one and invalidate this one, and the literal leaks a credential; " +
			"load it from your token store and save the replacement the token source returns"})
}

// assignedTo returns the value as assigns to lhs, or nil.
func assignedTo(as *ast.AssignStmt, lhs ast.Expr) ast.Expr {
	if len(as.Lhs) != len(as.Rhs) {
		return nil
	}
	for i, l := range as.Lhs {
		if l == lhs {
			return as.Rhs[i]
		}
	}
	return nil
}
