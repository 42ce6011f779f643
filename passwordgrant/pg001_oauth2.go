package passwordgrant

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// PG001: (*golang.org/x/oauth2.Config).PasswordCredentialsToken, found by
// its types.Func (a method of your own with that name is not it), and its
// fixes: the authorization code flow with PKCE, a refresh-token source, the
// device grant.

// Names of the helpers the PG001 fixes add, once per package.
const (
	authCodeHelper = "authCodeToken"
	receiveHelper  = "receiveAuthCode"
	deviceHelper   = "deviceToken"
)

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
	recvText, confText, ok := fx.configExpr(sel)
	ctxText := fx.srcText(call.Args[0])
	file, host := fileOf(u.cur), fx.helperHost()
	if !ok || ctxText == "" || file == nil || host == nil {
		return todo()
	}

	var fixes []analysis.SuggestedFix

	a := fx.newEdit()
	a.keepAlive(u.cur, u.anchor, call.Args[1:]...)
	fx.addHelper(a, host, authCodeHelper, authCodeSource)
	a.replace(call, authCodeHelper+"("+ctxText+", "+confText+", "+receiveHelper+")")
	fixes = append(fixes, a.fix("Use the authorization code flow with PKCE (user signs in once; adds "+authCodeHelper+")"))

	b := fx.newEdit()
	b.keepAlive(u.cur, u.anchor, call.Args[1:]...)
	b.above(u.anchor,
		"// TODO(passwordgrant): the refresh token comes from one sign-in with the authorization code flow.",
		"// A refresh may return a new refresh token that invalidates the old one: save each token the",
		"// source returns. When the refresh token expires, a person must sign in again.")
	oauth2Name := b.importName(file, oauth2Path, "oauth2", call.Pos())
	osName := b.importName(file, "os", "os", call.Pos())
	b.replace(call, recvText+".TokenSource("+ctxText+", &"+oauth2Name+".Token{RefreshToken: "+osName+`.Getenv("OAUTH2_REFRESH_TOKEN")}).Token()`)
	fixes = append(fixes, b.fix("Use a stored refresh token (Config.TokenSource) for a background service"))

	d := fx.newEdit()
	d.keepAlive(u.cur, u.anchor, call.Args[1:]...)
	fx.addHelper(d, host, deviceHelper, deviceSource)
	d.replace(call, deviceHelper+"("+ctxText+", "+confText+")")
	fixes = append(fixes, d.fix("Use the device authorization grant (Config.DeviceAuth) for a program without a browser"))
	return fixes
}

// configExpr returns the text of the receiver of a PasswordCredentialsToken
// selector, and of a *oauth2.Config expression for the same config
// (following embedded fields, taking the address of a value).
func (fx *fixer) configExpr(sel *ast.SelectorExpr) (recv, conf string, ok bool) {
	s := fx.pass.TypesInfo.Selections[sel]
	if s == nil || s.Kind() != types.MethodVal {
		return "", "", false
	}
	recv = fx.srcText(sel.X)
	if recv == "" {
		return "", "", false
	}
	conf, t := recv, s.Recv()
	idx := s.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := under(deref(t)).(*types.Struct)
		if !ok || i >= st.NumFields() {
			return "", "", false
		}
		conf += "." + st.Field(i).Name()
		t = st.Field(i).Type()
	}
	if _, isPtr := types.Unalias(t).(*types.Pointer); isPtr {
		return recv, conf, true
	}
	switch ast.Unparen(sel.X).(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.StarExpr:
		return recv, "&" + conf, true
	}
	return "", "", false // not addressable for sure
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

// addHelper appends a helper function to host unless the package already
// declares it (an earlier fix added it). src is the function's text with
// {context}, {oauth2}, {errors}, {fmt} and {os} for the package names.
func (fx *fixer) addHelper(e *edit, host *ast.File, name, src string) {
	if fx.pass.Pkg.Scope().Lookup(name) != nil {
		return
	}
	repl := []string{"{oauth2}", e.importName(host, oauth2Path, "oauth2"), "{context}", e.importName(host, "context", "context")}
	switch name {
	case authCodeHelper:
		repl = append(repl, "{errors}", e.importName(host, "errors", "errors"))
	case deviceHelper:
		repl = append(repl, "{fmt}", e.importName(host, "fmt", "fmt"), "{os}", e.importName(host, "os", "os"))
	}
	e.insert(host.FileEnd, strings.NewReplacer(repl...).Replace(src))
}

const authCodeSource = `
// authCodeToken signs the user in with the authorization code flow and PKCE,
// which replaces the password grant: the user signs in at the provider and
// this program never sees the password. Keep the token it returns and use
// conf.TokenSource(ctx, tok): a refresh may return a new refresh token that
// invalidates the old one, so store every token the source returns; when the
// refresh token expires, the user must sign in again.
func authCodeToken(ctx {context}.Context, conf *{oauth2}.Config, receive func(authURL, state string) (code string, err error)) (*{oauth2}.Token, error) {
	verifier := {oauth2}.GenerateVerifier()
	state := {oauth2}.GenerateVerifier()
	code, err := receive(conf.AuthCodeURL(state, {oauth2}.S256ChallengeOption(verifier)), state)
	if err != nil {
		return nil, err
	}
	return conf.Exchange(ctx, code, {oauth2}.VerifierOption(verifier))
}

// receiveAuthCode sends the user to authURL and returns the code that the
// provider sends to the config's RedirectURL.
func receiveAuthCode(authURL, state string) (string, error) {
	// TODO(passwordgrant): open authURL in the user's browser (or show it),
	// serve the redirect URL, check that its state parameter equals state,
	// and return its code parameter.
	return "", {errors}.New("passwordgrant: sign-in at " + authURL + " is not wired up yet")
}
`

const deviceSource = `
// deviceToken signs the user in with the device authorization grant
// (RFC 8628), for programs without a browser: the user enters a code on
// another device. The config's Endpoint.DeviceAuthURL must be set. Keep the
// token and refresh it with conf.TokenSource(ctx, tok), storing every new
// refresh token it returns.
func deviceToken(ctx {context}.Context, conf *{oauth2}.Config) (*{oauth2}.Token, error) {
	da, err := conf.DeviceAuth(ctx)
	if err != nil {
		return nil, err
	}
	// TODO(passwordgrant): show this to the user the way your program talks to them.
	{fmt}.Fprintf({os}.Stderr, "To sign in, visit %s and enter the code %s\n", da.VerificationURI, da.UserCode)
	return conf.DeviceAccessToken(ctx, da)
}
`
