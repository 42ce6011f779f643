package passwordgrant

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// PG001: (*golang.org/x/oauth2.Config).PasswordCredentialsToken, found by
// its types.Func (a method of your own with that name is not it), and its
// fixes: the authorization code flow with PKCE, a refresh-token source, the
// device grant.

// oauth2APIs are the table entries of PG001.
var oauth2APIs = map[string]api{
	"(golang.org/x/oauth2.Config).PasswordCredentialsToken": {PG001, "(*oauth2.Config).PasswordCredentialsToken",
		"uses the OAuth 2.0 password grant",
		"use the authorization code flow with PKCE (AuthCodeURL with oauth2.S256ChallengeOption, Exchange with oauth2.VerifierOption) and keep access with refresh tokens (Config.TokenSource)"},
}

// oauth2Use reports a use of (*oauth2.Config).PasswordCredentialsToken: a
// call, a method value or a method expression.
func (c *checker) oauth2Use(u apiUse, a api) {
	c.add(&finding{rule: PG001, cur: u.cur, node: u.node, anchor: u.anchor, msg: u.message(a),
		fixes: func(fx *fixer) []analysis.SuggestedFix { return fx.oauth2Fixes(u) },
	})
}

// oauth2Fixes offers three ways off (*oauth2.Config).PasswordCredentialsToken,
// each a drop-in replacement of the call with the same results:
// the authorization code flow with PKCE (first, the one -fix applies),
// a refresh-token source for background services, and the device
// authorization grant for programs without a browser. A use that is not a
// plain call gets a marker.
func (fx *fixer) oauth2Fixes(u apiUse) []analysis.SuggestedFix {
	todo := func() []analysis.SuggestedFix {
		return fx.todo(&finding{rule: PG001, cur: u.cur, anchor: u.anchor}, oauth2Advice)
	}
	call := u.call
	if call == nil || len(call.Args) != 3 || call.Ellipsis.IsValid() {
		return todo()
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return todo()
	}
	confText, ok := fx.configExpr(sel)
	ctxText := fx.srcText(call.Args[0])
	host := fx.helperHost()
	if !ok || ctxText == "" || host == nil {
		return todo()
	}

	return fx.helperFixes(u, call, ctxText, confText, host, todo)
}

// configExpr returns the text of a *oauth2.Config expression for the
// config whose PasswordCredentialsToken sel selects (following embedded
// fields, taking the address of a value).
func (fx *fixer) configExpr(sel *ast.SelectorExpr) (conf string, ok bool) {
	s := fx.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return "", false
	}
	conf = fx.srcText(sel.X)
	if conf == "" {
		return "", false
	}
	t := s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := under(deref(t)).(*types.Struct)
		if !ok || i >= st.NumFields() {
			return "", false
		}
		conf += "." + st.Field(i).Name()
		t = st.Field(i).Type()
	}
	if _, isPtr := types.Unalias(t).(*types.Pointer); isPtr {
		return conf, true
	}
	switch ast.Unparen(sel.X).(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
		return "&" + conf, true
	}
	return "", false // not addressable for sure
}

// helperHost is the file that gets the helpers a fix adds: the first file
// with a fixable PG001 call, non-test files first, so that every fix in the
// package (and in its test variant) adds them at the same place, once.
func (fx *fixer) helperHost() *ast.File {
	hasCall := make(map[*ast.File]bool)
	for _, f := range fx.findings {
		if f.rule == PG001 && callOf(f.cur) != nil {
			hasCall[fileOf(f.cur)] = true
		}
	}
	var host *ast.File
	for _, file := range fx.pass.Files {
		if hasCall[file] && (host == nil || isTestFile(fx.pass, host.Pos()) && !isTestFile(fx.pass, file.Pos())) {
			host = file
		}
	}
	return host
}
