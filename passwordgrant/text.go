package passwordgrant

import (
	"encoding/json"
	"go/ast"
	"go/token"
	"go/types"
	"net/url"
	"strings"
)

// gotoLegacy is the prefix of GoTo's retired OAuth endpoints, and gotoHost
// the prefix that replaced it (the paths after them are the same).
const (
	gotoLegacy = "api.getgo.com/oauth/v2"
	gotoHost   = "authentication.logmeininc.com/oauth"
)

// text judges the constant text e (of value s) as written request text:
// PG003 for a form body, query or JSON carrying grant_type=password, PG007
// for GoTo's retired host. Text passed to a logger or error constructor is
// prose about the request, not the request.
func (c *checker) text(e ast.Expr, s string, anc []ast.Node) {
	hasGrant, hasGoTo := containsFold(s, "grant"), strings.Contains(s, gotoLegacy)
	if !hasGrant && !hasGoTo {
		return
	}
	_, p, _ := up(e, anc)
	if call, ok := p.(*ast.CallExpr); ok && c.isProse(call) {
		return
	}
	if hasGoTo {
		c.add(finding{rule: PG007, node: e, anchor: anchor(anc, e),
			msg: "GoTo retired " + gotoLegacy + "; use https://" + gotoHost + " (same path after the prefix), with the authorization code flow: new GoTo clients cannot use the password grant"})
	}
	if !hasGrant {
		return
	}
	if call, ok := p.(*ast.CallExpr); ok {
		if i := c.formatIndex(call); i >= 0 && i < len(call.Args) && call.Args[i] == ast.Unparen(e) {
			s = c.expandFormat(s, call.Args[i+1:])
		}
	}
	if kind := grantInText(s); kind != "" && !isExpectation(e, anc) {
		c.add(finding{rule: PG003, node: e, anchor: anchor(anc, e), value: e,
			msg: kind + " carries grant_type=password, sending the user's password to the token endpoint; " +
				"send grant_type=authorization_code with code, redirect_uri and code_verifier (PKCE) instead, then use refresh tokens"})
	}
}

// isExpectation reports whether request text is what a test server expects
// to receive rather than a request being sent: it is compared with ==, or
// stored in a variable named want..., expect... or exp.
func isExpectation(e ast.Expr, anc []ast.Node) bool {
	e, p, _ := up(e, anc)
	if bin, ok := p.(*ast.BinaryExpr); ok {
		return bin.Op == token.EQL || bin.Op == token.NEQ
	}
	id, ok := boundTo(p, e).(*ast.Ident)
	if !ok {
		return false
	}
	name := strings.ToLower(id.Name)
	return strings.HasPrefix(name, "want") || strings.HasPrefix(name, "expect") || name == "exp"
}

// grantInText returns what kind of request text s is if it carries the
// password grant ("a form body", "a URL query", "a JSON body"), else "".
func grantInText(s string) string {
	kind, q := "a form body", s
	if i := strings.IndexByte(s, '?'); i >= 0 {
		kind, q = "a URL query", s[i+1:]
	}
	q, _, _ = strings.Cut(q, "#")
	for pair := range strings.SplitSeq(q, "&") {
		k, v, ok := strings.Cut(pair, "=")
		// Form values never hold raw white space; a pair that does is prose
		// ("grant_type=password is not allowed").
		if !ok || strings.ContainsAny(pair, " \t\r\n") {
			continue
		}
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if uv, err := url.QueryUnescape(v); err == nil {
			v = uv
		}
		if isGrantKey(k) && isPasswordGrant(v) {
			return kind
		}
	}
	if jsonGrant(s) {
		return "a JSON body"
	}
	return ""
}

// jsonGrant reports whether s holds "grant_type": "password" as JSON text.
func jsonGrant(s string) bool {
	for {
		i := strings.Index(s, `"grant_type"`)
		if i < 0 {
			return false
		}
		s = s[i+len(`"grant_type"`):]
		rest := strings.TrimLeft(s, " \t\r\n")
		if !strings.HasPrefix(rest, ":") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		var v string
		if err := json.NewDecoder(strings.NewReader(rest)).Decode(&v); err == nil && isPasswordGrant(v) {
			return true
		}
	}
}

// formatIndex returns the index of the format argument of a fmt-style
// function whose result is request text, or -1.
func (c *checker) formatIndex(call *ast.CallExpr) int {
	fn := c.callee(call)
	if fn == nil {
		return -1
	}
	switch apiKey(fn) {
	case "fmt.Sprintf":
		return 0
	case "fmt.Fprintf", "fmt.Appendf":
		return 1
	}
	return -1
}

// expandFormat substitutes the constant string arguments of a format, and a
// placeholder for the others, so that
// fmt.Sprintf("grant_type=%s&username=%s", "password", u) is judged whole.
func (c *checker) expandFormat(format string, args []ast.Expr) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			break
		}
		if format[j] == '%' {
			b.WriteByte('%')
		} else if len(args) > 0 {
			if s, ok := c.stringConst(args[0]); ok {
				b.WriteString(s)
			} else {
				b.WriteString("x")
			}
			args = args[1:]
		}
		i = j
	}
	return b.String()
}

// proseMethods are method names of loggers and test reporters.
var proseMethods = map[string]bool{
	"Debug": true, "Debugf": true, "Debugw": true, "Info": true, "Infof": true, "Infow": true,
	"Warn": true, "Warnf": true, "Warnw": true, "Warning": true, "Warningf": true,
	"Error": true, "Errorf": true, "Errorw": true, "Fatal": true, "Fatalf": true, "Fatalw": true,
	"Panic": true, "Panicf": true, "Trace": true, "Tracef": true,
	"Log": true, "Logf": true, "Print": true, "Printf": true, "Println": true,
	"Skip": true, "Skipf": true,
}

// isProse reports whether call turns its arguments into prose: an error, a
// log line, a test failure or panic message.
func (c *checker) isProse(call *ast.CallExpr) bool {
	switch fn := c.pass.TypesInfo.Uses[calleeIdent(call)].(type) {
	case *types.Builtin:
		return fn.Name() == "panic" || fn.Name() == "print" || fn.Name() == "println"
	case *types.Func:
		switch apiKey(fn) {
		case "fmt.Errorf", "errors.New", "fmt.Print", "fmt.Printf", "fmt.Println":
			return true
		}
		if fn.Pkg() != nil {
			switch trimVendor(fn.Pkg().Path()) {
			case "log", "log/slog", "testing":
				return true
			}
		}
		return fn.Signature().Recv() != nil && proseMethods[fn.Name()]
	}
	return false
}

// calleeIdent is the identifier naming what call calls, or nil.
func calleeIdent(call *ast.CallExpr) *ast.Ident {
	switch f := ast.Unparen(call.Fun).(type) {
	case *ast.Ident:
		return f
	case *ast.SelectorExpr:
		return f.Sel
	case *ast.IndexExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			return id
		}
	}
	return nil
}
