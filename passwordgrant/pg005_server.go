package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// PG005: a token endpoint that accepts the password grant: a comparison or
// switch case on a request's grant type against the password grant, where
// the branch goes on to serve it, and the server libraries' switches
// (fosite's factory and handler, go-oauth2's password handlers). The first
// fix is a marker: serving fewer grants is a decision for a person.

const serveMsg = "token endpoint serves grant_type=password, so clients collect user passwords; " +
	"answer unsupported_grant_type and serve the authorization code grant with PKCE and refresh tokens instead"

// serverAPIs are the table entries of PG005.
func serverAPIs() map[string]api {
	m := map[string]api{
		"github.com/ory/fosite/compose.OAuth2ResourceOwnerPasswordCredentialsFactory": {PG005, "compose.OAuth2ResourceOwnerPasswordCredentialsFactory",
			"makes a fosite token endpoint accept the password grant",
			"remove it from compose.Compose and offer compose.OAuth2AuthorizeExplicitFactory with compose.OAuth2PKCEFactory and compose.OAuth2RefreshTokenGrantFactory"},
		"github.com/ory/fosite/handler/oauth2.ResourceOwnerPasswordCredentialsGrantHandler": {PG005, "oauth2.ResourceOwnerPasswordCredentialsGrantHandler",
			"is fosite's password grant handler",
			"remove it and serve the authorization code grant with PKCE and refresh tokens"},
	}
	for _, p := range []string{"github.com/go-oauth2/oauth2/v4", "gopkg.in/oauth2.v3"} {
		m["("+p+"/server.Server).SetPasswordAuthorizationHandler"] = api{PG005, "(*server.Server).SetPasswordAuthorizationHandler",
			"makes a go-oauth2 token endpoint accept the password grant",
			"drop the handler, remove oauth2.PasswordCredentials from Config.AllowedGrantTypes, and serve the authorization code grant with PKCE (Config.ForcePKCE) and refresh tokens"}
		m["("+p+"/manage.Manager).SetPasswordTokenCfg"] = api{PG005, "(*manage.Manager).SetPasswordTokenCfg",
			"configures tokens for the password grant of a go-oauth2 server",
			"remove it and configure the authorization code grant (SetAuthorizeCodeTokenCfg) and refresh tokens instead"}
	}
	return m
}

// serverAPIUse reports a use of a server library's password-grant switch.
func (c *checker) serverAPIUse(u apiUse, a api) {
	c.serves(u.cur, u.node, u.anchor, u.message(a), a.instead)
}

// serves adds a PG005 finding whose first fix is a marker.
func (c *checker) serves(cur inspector.Cursor, node, anchor ast.Node, msg, advice string) {
	f := &finding{rule: PG005, cur: cur, node: node, anchor: anchor, msg: msg}
	f.fixes = func(fx *fixer) []analysis.SuggestedFix { return fx.todo(f, advice) }
	c.add(f)
}

// serveCompare judges grantType == "password" (or !=) in a token endpoint;
// e is the password grant's side of the comparison at cur.
func (c *checker) serveCompare(cur inspector.Cursor, e ast.Expr) {
	bin := cur.Node().(*ast.BinaryExpr)
	if bin.Op != token.EQL && bin.Op != token.NEQ {
		return
	}
	other := bin.X
	if other == e {
		other = bin.Y
	}
	if !c.isGrantExpr(other) || c.inGrantTypeMethod(cur, other) {
		return
	}
	// Find the branch the comparison selects: climb through && and || and
	// parentheses to the if statement or case clause that tests it.
	var served ast.Node
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.BinaryExpr, *ast.ParenExpr:
			continue
		case *ast.IfStmt:
			if bin.Op == token.EQL {
				served = n.Body
			} else if n.Else != nil {
				served = n.Else
			}
		case *ast.CaseClause:
			served = n
		}
		break
	}
	if served != nil && rejects(served) {
		return
	}
	c.serves(cur, bin, anchor(cur), serveMsg, serverAdvice)
}

// serveCase judges case "password": in a switch on a request's grant type;
// value is the case's password-grant expression.
func (c *checker) serveCase(cc inspector.Cursor, value inspector.Cursor) {
	sw, ok := cc.Parent().Parent().Node().(*ast.SwitchStmt)
	if !ok || sw.Tag == nil || !c.isGrantExpr(sw.Tag) || c.inGrantTypeMethod(cc, sw.Tag) {
		return
	}
	if rejects(cc.Node()) {
		return
	}
	c.serves(value, value.Node(), cc.Node(), serveMsg, serverAdvice)
}

// isGrantExpr reports whether x holds the grant type of a token request:
// r.FormValue("grant_type") and its kin, r.Form["grant_type"][0], a field
// that says grant_type, a value of a type named GrantType, or a variable
// assigned one of those.
func (c *checker) isGrantExpr(x ast.Expr) bool {
	return c.isGrantExprDepth(x, 0)
}

func (c *checker) isGrantExprDepth(x ast.Expr, depth int) bool {
	x = ast.Unparen(x)
	if n, ok := types.Unalias(c.info.TypeOf(x)).(*types.Named); ok && isGrantTypeName(n.Obj().Name()) {
		return true
	}
	switch x := x.(type) {
	case *ast.CallExpr:
		if isConversion(c.info, x) {
			return c.isGrantExprDepth(x.Args[0], depth)
		}
		for _, a := range x.Args {
			if isKey(c.info, a) {
				return true
			}
		}
	case *ast.IndexExpr:
		if isKey(c.info, x.Index) {
			return true
		}
		if inner, ok := ast.Unparen(x.X).(*ast.IndexExpr); ok {
			return isKey(c.info, inner.Index)
		}
	case *ast.SelectorExpr:
		if sel := c.info.Selections[x]; sel != nil && sel.Kind() == types.FieldVal {
			return roleOfSelection(sel) == fieldGrantType
		}
	case *ast.Ident:
		v, ok := c.info.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		if isGrantTypeName(v.Name()) {
			return true
		}
		// A variable holds a request's grant type if it is assigned one;
		// one step of variables is enough for gt := r.FormValue(...).
		if depth == 0 {
			for _, val := range c.assigned(v) {
				if c.isGrantExprDepth(val, depth+1) {
					return true
				}
			}
		}
	}
	return false
}

// inGrantTypeMethod reports whether the comparison at cur, on x, sits in a
// method of the grant type itself (go-oauth2's GrantType.String): that is
// the type's own bookkeeping, not a token endpoint.
func (c *checker) inGrantTypeMethod(cur inspector.Cursor, x ast.Expr) bool {
	t := c.info.TypeOf(x)
	if t == nil {
		return false
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := fc.Node().(*ast.FuncDecl)
		if fd.Recv == nil || len(fd.Recv.List) == 0 {
			return false
		}
		rt := c.info.TypeOf(fd.Recv.List[0].Type)
		return rt != nil && types.Identical(deref(rt), t)
	}
	return false
}
