package passwordgrant

import (
	"go/ast"
	"go/constant"
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
		m["("+p+"/server.Server).PasswordAuthorizationHandler"] = api{PG005, "server.Server.PasswordAuthorizationHandler",
			"makes a go-oauth2 token endpoint accept the password grant (NewDefaultServer allows it)",
			"drop the handler, remove oauth2.PasswordCredentials from Config.AllowedGrantTypes, and serve the authorization code grant with PKCE (Config.ForcePKCE) and refresh tokens"}
		m["("+p+"/manage.Manager).SetPasswordTokenCfg"] = api{PG005, "(*manage.Manager).SetPasswordTokenCfg",
			"configures tokens for the password grant of a go-oauth2 server",
			"remove it and configure the authorization code grant (SetAuthorizeCodeTokenCfg) and refresh tokens instead"}
	}
	return m
}

// serverAPIUse reports a use of a server library's password-grant switch,
// unless the handler it installs refuses every request.
func (c *checker) serverAPIUse(u apiUse, a api) {
	if installsRefusal(u) {
		return
	}
	c.serves(u.cur, u.node, u.anchor, u.message(a), a.instead, c.add)
}

// serves adds a PG005 finding whose first fix is a marker.
func (c *checker) serves(cur inspector.Cursor, node, anchor ast.Node, msg, advice string, emit emitter) {
	f := &finding{rule: PG005, cur: cur, node: node, anchor: anchor, msg: msg}
	f.fixes = func(fx *fixer) []analysis.SuggestedFix { return fx.todo(f, advice) }
	emit(f)
}

// serveCompare judges a comparison at cur of other, a request's grant
// type, with the password grant: grantType == "password" (eq), != (not
// eq), strings.EqualFold(gt, "password"). It serves the grant where the
// branch it selects goes on to serve it, in code that handles a request.
func (c *checker) serveCompare(cur inspector.Cursor, other ast.Expr, eq bool, emit emitter) {
	if !c.isGrantExpr(other) || c.inGrantTypeMethod(cur, other) || !servesRequest(c.info, cur) {
		return
	}
	c.serveBranch(cur, eq, emit)
}

// serveQuery judges a query of a parsed request's grant types for the
// password grant, fosite's requester.GetGrantTypes().ExactOne("password"):
// a handler that accepts the grant, like a comparison.
func (c *checker) serveQuery(cur inspector.Cursor, emit emitter) {
	if servesRequest(c.info, cur) {
		c.serveBranch(cur, true, emit)
	}
}

// serveBranch reports the comparison at cur unless the branch it selects
// (when it holds, eq) refuses the grant, or the code around it exists to
// refuse it (a handler type or function named for blocking the grant).
func (c *checker) serveBranch(cur inspector.Cursor, eq bool, emit emitter) {
	if b := servedBranch(cur, eq); b != nil && rejects(b) || inRefusingCode(cur) {
		return
	}
	c.serves(cur, cur.Node(), anchor(cur), serveMsg, serverAdvice, emit)
}

// servedBranch finds the branch that a comparison at cur selects when its
// result is eq: it climbs through &&, ||, ! and parentheses to the if
// statement or case clause that tests it. It returns nil for none (the
// comparison's value is returned or stored).
func servedBranch(cur inspector.Cursor, eq bool) ast.Node {
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.BinaryExpr, *ast.ParenExpr:
			continue
		case *ast.UnaryExpr:
			if n.Op == token.NOT {
				eq = !eq
			}
			continue
		case *ast.IfStmt:
			if eq {
				return n.Body
			}
			if n.Else != nil {
				return n.Else
			}
		case *ast.CaseClause:
			return n
		}
		return nil
	}
	return nil
}

// serveAllowed reports the password grant passed to a server library's
// allow-list: go-oauth2's srv.SetAllowedGrantType(..., oauth2.PasswordCredentials).
func (c *checker) serveAllowed(call inspector.Cursor, emit emitter) {
	c.serves(call, call.Node(), anchor(call),
		calleeName(c.info, call.Node().(*ast.CallExpr))+" allows the password grant at the token endpoint; allow the authorization code grant (with PKCE) and refresh tokens instead",
		serverAdvice, emit)
}

// serveTable judges "password" as a key of a map literal: a dispatch table
// of the token endpoint (map[string]handler{"password": s.passwordGrant})
// or a set of supported grants (map[string]bool{"password": true}), told
// from a table of token lifetimes by what its values are and from a list
// of form fields by its other keys.
func (c *checker) serveTable(kv inspector.Cursor, lit *ast.CompositeLit, emit emitter) {
	m, ok := under(c.info.TypeOf(lit)).(*types.Map)
	if !ok || !dispatches(m.Elem()) || namesRefusal(boundName(kv.Parent())) {
		return
	}
	// A set of supported grants maps each to true; a table of test
	// expectations, true for some and false for others, is not one.
	isSet := isBool(m.Elem())
	grants := 0
	for _, elt := range lit.Elts {
		e, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if s, ok := stringConst(c.info, e.Key); ok && isOAuthGrant(s) {
			grants++
		}
		if isSet && !isTrue(c.info, e.Value) {
			return
		}
	}
	if grants < 2 {
		return
	}
	c.serves(kv, kv.Node(), anchor(kv), "token endpoint dispatches grant_type=password to a handler, so clients collect user passwords; "+
		"remove the entry, answer unsupported_grant_type, and serve the authorization code grant with PKCE and refresh tokens instead", serverAdvice, emit)
}

// serveTableEntry judges handlers["password"] = h and
// supported["password"] = true: the same tables, filled by assignment.
func (c *checker) serveTableEntry(index inspector.Cursor, emit emitter) {
	ix := index.Node().(*ast.IndexExpr)
	m, ok := under(c.info.TypeOf(ix.X)).(*types.Map)
	as, isAssign := index.Parent().Node().(*ast.AssignStmt)
	if !ok || !isAssign || !dispatches(m.Elem()) || namesRefusal(exprName(ix.X)) {
		return
	}
	if v := assignedTo(as, ix); v == nil || isFalse(c.info, v) {
		return
	}
	c.serves(index, as, anchor(index), "token endpoint registers grant_type=password, so clients collect user passwords; "+
		"remove the entry, answer unsupported_grant_type, and serve the authorization code grant with PKCE and refresh tokens instead", serverAdvice, emit)
}

// serveCase judges case "password": in a switch on a request's grant type;
// value is the case's password-grant expression.
func (c *checker) serveCase(cc inspector.Cursor, value inspector.Cursor, emit emitter) {
	sw, ok := cc.Parent().Parent().Node().(*ast.SwitchStmt)
	if !ok || sw.Tag == nil || !c.isGrantExpr(sw.Tag) || c.inGrantTypeMethod(cc, sw.Tag) || !servesRequest(c.info, cc) {
		return
	}
	if rejects(cc.Node()) {
		return
	}
	c.serves(value, value.Node(), cc.Node(), serveMsg, serverAdvice, emit)
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
	if n, ok := types.Unalias(c.info.TypeOf(x)).(*types.Named); ok && (isGrantTypeName(n.Obj().Name()) || c.isGrantEnum(n)) {
		return true
	}
	switch x := x.(type) {
	case *ast.CallExpr:
		if isConversion(c.info, x) || isNormalizer(c.info, x) {
			return c.isGrantExprDepth(x.Args[0], depth) // strings.ToLower(r.FormValue("grant_type"))
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
		// A variable holds a request's grant type if it is assigned one,
		// through a few variables (gt := r.FormValue(...); kind := gt).
		if depth < 3 {
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

// isGrantEnum reports whether the named type n is an enumeration of grant
// types, judged by its values: its package declares constants of type n
// for the password grant and another OAuth grant (osin's AccessRequestType
// with osin.PASSWORD and osin.AUTHORIZATION_CODE), whatever it is called.
func (c *checker) isGrantEnum(n *types.Named) bool {
	obj := n.Obj()
	if obj.Pkg() == nil {
		return false
	}
	if b, ok := under(n).(*types.Basic); !ok || b.Info()&types.IsString == 0 {
		return false
	}
	fl := c.flowOnce()
	if known, ok := fl.enums[obj]; ok {
		return known
	}
	password, other := false, false
	scope := obj.Pkg().Scope()
	for _, name := range scope.Names() {
		k, ok := scope.Lookup(name).(*types.Const)
		if !ok || !types.Identical(k.Type(), n) || k.Val().Kind() != constant.String {
			continue
		}
		switch s := constant.StringVal(k.Val()); {
		case isPasswordGrant(s):
			password = true
		case isOAuthGrant(s):
			other = true
		}
	}
	if fl.enums == nil {
		fl.enums = make(map[*types.TypeName]bool)
	}
	fl.enums[obj] = password && other
	return password && other
}
