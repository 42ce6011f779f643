package passwordgrant

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// This file names every heuristic the rules rely on, one function each,
// with why it is drawn where it is. Each has a table test in
// heuristics_test.go. A heuristic judges by names or shapes where types
// cannot say; keep them few and narrow.

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
// log line, a test failure or panic message. Prose about a request ("server
// refused grant_type=password") is never the request, so no rule reports a
// value that goes there. Loggers are recognised by package (log, slog,
// testing) or, for the many third-party loggers, by method name.
func isProse(info *types.Info, call *ast.CallExpr) bool {
	switch fn := info.Uses[calleeIdent(call)].(type) {
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

// isProseCall reports whether n is a call that makes prose of its arguments.
func isProseCall(info *types.Info, n ast.Node) bool {
	call, ok := n.(*ast.CallExpr)
	return ok && isProse(info, call)
}

// setterPrefixes and setterWords make a call a parameter setter by name.
var (
	setterPrefixes = []string{"set", "add", "put", "append", "writefield"}
	setterWords    = []string{"param", "form", "query"}
)

// isParamSetter reports whether call's (key, value) arguments become
// request parameters: url.Values.Set/Add, multipart fields, and, by name,
// the setters of HTTP client libraries (resty's SetFormData, gorequest's
// Param, httpexpect's WithFormField), too many to list by type. Logging
// calls, which also take key/value pairs, are prose.
func isParamSetter(info *types.Info, call *ast.CallExpr) bool {
	fn := callee(info, call)
	if fn == nil || isProse(info, call) {
		return false
	}
	switch apiKey(fn) {
	case "(net/url.Values).Set", "(net/url.Values).Add", "(mime/multipart.Writer).WriteField":
		return true
	}
	name := strings.ToLower(fn.Name())
	for _, p := range setterPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	for _, w := range setterWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

// isPointerHelper reports whether call is a one-argument helper that turns
// a string into a pointer (aws.String, ptr.To, StringP), so that its
// argument is the field's value. Judged by type: any such call stands for
// its argument.
func isPointerHelper(info *types.Info, call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	p, ok := types.Unalias(info.TypeOf(call)).(*types.Pointer)
	return ok && isStringType(p.Elem())
}

// rejectWords mark a branch that turns the password grant away.
var rejectWords = []string{"unsupported", "not supported", "notsupported", "not allowed", "notallowed", "disallowed", "disabled", "deprecated", "no longer", "denied"}

// rejects reports whether the branch n refuses the grant outright: one of
// its own statements mentions unsupported_grant_type or the like, in a
// string or a name (fosite.ErrUnsupportedGrantType). Servers answer a
// refused grant with such an error, whatever else they do. A mention
// inside a nested if, switch or loop is one error path of a branch that
// otherwise serves the grant, and does not count.
func rejects(n ast.Node) bool {
	var stmts []ast.Stmt
	switch n := n.(type) {
	case *ast.BlockStmt:
		stmts = n.List
	case *ast.CaseClause:
		stmts = n.Body
	default:
		return false // an else-if chain: conditional
	}
	for _, st := range stmts {
		switch st.(type) {
		case *ast.IfStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.ForStmt, *ast.RangeStmt:
			continue
		}
		if mentionsRejection(st, false) {
			return true
		}
	}
	return false
}

// mentionsRejection reports whether a string or name in n says the grant
// is refused; function literals count only where inFuncLits.
func mentionsRejection(n ast.Node, inFuncLits bool) bool {
	found := false
	ast.Inspect(n, func(n ast.Node) bool {
		if found {
			return false
		}
		var s string
		switch n := n.(type) {
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return true
			}
			s = strings.ToLower(n.Value)
		case *ast.Ident:
			s = strings.ToLower(n.Name)
		case *ast.FuncLit:
			return inFuncLits // runs later, if at all
		default:
			return true
		}
		for _, w := range rejectWords {
			if strings.Contains(s, w) {
				found = true
			}
		}
		return !found
	})
	return found
}

// expectationPrefixes name variables that hold what a test expects.
var expectationPrefixes = []string{"want", "expect"}

// isExpectation reports whether request text at cur is what a test server
// expects to receive rather than a request being sent: it is compared with
// == or !=, or stored in a variable named want..., expect... or exp, the
// names Go tests give expectations.
func isExpectation(cur inspector.Cursor) bool {
	child, p := up(cur)
	if bin, ok := p.Node().(*ast.BinaryExpr); ok {
		return bin.Op == token.EQL || bin.Op == token.NEQ
	}
	id, ok := boundTo(p.Node(), child.Node().(ast.Expr)).(*ast.Ident)
	if !ok {
		return false
	}
	name := strings.ToLower(id.Name)
	for _, w := range expectationPrefixes {
		if strings.HasPrefix(name, w) {
			return true
		}
	}
	return name == "exp"
}

// isURLShaped reports whether s is written as a URL or a host and path
// (https://api.getgo.com/..., //api.getgo.com/..., api.getgo.com/...): it
// starts with the scheme or the host. Prose that mentions a host ("GoTo
// replaced api.getgo.com/oauth/v2 with ...") starts with words.
func isURLShaped(s string) bool {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i > 0 && isScheme(s[:i]) {
		s = s[i+len("://"):]
	} else {
		s = strings.TrimPrefix(s, "//")
	}
	host, _, _ := strings.Cut(s, "/")
	return host != "" && !strings.ContainsAny(host, " \t\r\n") && strings.Contains(host, ".")
}

// isScheme reports whether s is a URL scheme (RFC 3986 §3.1).
func isScheme(s string) bool {
	for i, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return s != ""
}

// inspectFuncs are functions that look at or rewrite text without sending
// it: a constant passed to them is what code compares, strips or migrates.
var inspectFuncs = func() map[string]bool {
	m := make(map[string]bool)
	// The same names in strings and bytes.
	for _, name := range []string{
		"Contains", "ContainsAny", "Count", "Cut", "CutPrefix", "CutSuffix", "EqualFold",
		"HasPrefix", "HasSuffix", "Index", "LastIndex", "Replace", "ReplaceAll",
		"Split", "SplitN", "SplitAfter", "TrimPrefix", "TrimSuffix", "NewReplacer",
	} {
		m["strings."+name] = true
		m["bytes."+name] = true
	}
	for _, name := range []string{"Compile", "MustCompile", "MatchString", "QuoteMeta"} {
		m["regexp."+name] = true
	}
	return m
}()

// isInspected reports whether constant text at cur is only looked at: an
// operand of == or !=, an argument of strings.Contains, HasPrefix,
// Replace and their kin (middleware that blocks or strips the grant, code
// that migrates stored GoTo URLs to the new host), or a map key, in a
// literal or an index (a lookup or migration table). Such text is compared with
// requests or data, never sent; rewriting it would turn a protection or a
// migration off.
func isInspected(info *types.Info, cur inspector.Cursor) bool {
	child, p := up(cur)
	switch n := p.Node().(type) {
	case *ast.BinaryExpr:
		return n.Op == token.EQL || n.Op == token.NEQ
	case *ast.CallExpr:
		if k, _ := child.ParentEdge(); k != edge.CallExpr_Args {
			return false
		}
		fn := callee(info, n)
		return fn != nil && inspectFuncs[apiKey(fn)]
	case *ast.KeyValueExpr:
		if k, _ := child.ParentEdge(); k != edge.KeyValueExpr_Key {
			return false
		}
		_, isMap := under(info.TypeOf(p.Parent().Node().(ast.Expr))).(*types.Map)
		return isMap
	case *ast.IndexExpr:
		_, isMap := under(info.TypeOf(n.X)).(*types.Map)
		return isMap && n.Index == child.Node()
	}
	return false
}

// testEntryPrefixes name the functions go test runs.
var testEntryPrefixes = []string{"Test", "Fuzz", "Example", "Benchmark"}

// inRefusalTest reports whether cur is in a test function of a _test.go
// file that expects the grant to be refused: its body mentions
// unsupported_grant_type or the like (rejectWords). Such a test sends the
// password grant to assert that a server turns it away; it is the
// server's protection, not a use, and rewriting it would turn the
// regression test off.
func inRefusalTest(pass *analysis.Pass, cur inspector.Cursor) bool {
	if !isTestFile(pass, cur.Node().Pos()) {
		return false
	}
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := fc.Node().(*ast.FuncDecl)
		isEntry := false
		for _, p := range testEntryPrefixes {
			isEntry = isEntry || strings.HasPrefix(fd.Name.Name, p)
		}
		// Table-driven tests assert inside t.Run closures.
		return isEntry && fd.Body != nil && mentionsRejection(fd.Body, true)
	}
	return false
}

// isFoldCompare reports whether call compares two strings ignoring case,
// strings.EqualFold: a comparison like ==.
func isFoldCompare(info *types.Info, call *ast.CallExpr) bool {
	fn := callee(info, call)
	return fn != nil && len(call.Args) == 2 && apiKey(fn) == "strings.EqualFold"
}

// grantSetMethods are the methods that ask a set of grant types whether it
// holds one (fosite's Arguments.ExactOne, Has and HasOneOf).
var grantSetMethods = map[string]bool{"Has": true, "HasOneOf": true, "ExactOne": true, "Exact": true, "Contains": true, "Includes": true}

// isGrantSetQuery reports whether call asks a request's grant types whether
// they hold its argument: x.GetGrantTypes().ExactOne("password"), the way
// fosite's handlers accept a grant. The receiver says what it is by name
// (GetGrantTypes, GrantTypes): servers' request types differ, the name does
// not.
func isGrantSetQuery(info *types.Info, call *ast.CallExpr) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || len(call.Args) == 0 || !grantSetMethods[sel.Sel.Name] {
		return false
	}
	var name string
	switch x := ast.Unparen(sel.X).(type) {
	case *ast.CallExpr:
		if id := calleeIdent(x); id != nil {
			name = id.Name
		}
	case *ast.SelectorExpr:
		name = x.Sel.Name
	}
	return containsFold(name, "granttype")
}

// allowsGrants reports whether argument i of call goes into a server's
// allow-list of grants: the callee's name says it allows (go-oauth2's
// SetAllowedGrantType), and the parameter's type is a grant type.
func allowsGrants(info *types.Info, call *ast.CallExpr, i int) bool {
	fn := callee(info, call)
	if fn == nil || !containsFold(fn.Name(), "allow") {
		return false
	}
	params := fn.Signature().Params()
	if params.Len() == 0 {
		return false
	}
	var t types.Type
	switch {
	case i < params.Len()-1 || !fn.Signature().Variadic() && i < params.Len():
		t = params.At(i).Type()
	case fn.Signature().Variadic():
		if s, ok := params.At(params.Len() - 1).Type().(*types.Slice); ok {
			t = s.Elem()
		}
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && isGrantTypeName(n.Obj().Name())
}

// dispatches reports whether a map with values of type t is a table that
// turns a grant on: it maps the grant to a handler (a function or an
// interface) or to a flag (supported["password"] = true). A table of
// token lifetimes or error messages maps it to data.
func dispatches(t types.Type) bool {
	switch u := under(t).(type) {
	case *types.Signature, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.Bool || u.Kind() == types.UntypedBool
	}
	return false
}

// isFalse reports whether e is the constant false.
func isFalse(info *types.Info, e ast.Expr) bool {
	v := info.Types[e].Value
	return v != nil && v.Kind() == constant.Bool && !constant.BoolVal(v)
}

// isTrue reports whether e is the constant true.
func isTrue(info *types.Info, e ast.Expr) bool {
	v := info.Types[e].Value
	return v != nil && v.Kind() == constant.Bool && constant.BoolVal(v)
}

// isBool reports whether t is a boolean type.
func isBool(t types.Type) bool {
	b, ok := under(t).(*types.Basic)
	return ok && b.Info()&types.IsBoolean != 0
}

// requestPackages are web frameworks whose handlers take a context instead
// of an *http.Request.
var requestPackages = []string{"github.com/gin-gonic/gin", "github.com/labstack/echo", "github.com/gofiber/fiber", "github.com/valyala/fasthttp"}

// isRequestType reports whether t is an incoming request: *http.Request, a
// type whose name says it is one (fosite's AccessRequester, osin's
// AccessRequest, go-oauth2's TokenGenerateRequest), or a web framework's
// request context.
func isRequestType(t types.Type) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	if containsFold(n.Obj().Name(), "request") {
		return true
	}
	path := trimVendor(n.Obj().Pkg().Path())
	for _, p := range requestPackages {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// servesRequest reports whether cur is in code that handles an incoming
// request: the function around it, or one around that, takes a request
// (isRequestType). PG005 is about a token endpoint; a client that switches
// on its own configured flow, or looks up token lifetimes by grant, serves
// nothing.
func servesRequest(info *types.Info, cur inspector.Cursor) bool {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch n := fc.Node().(type) {
		case *ast.FuncDecl:
			ft = n.Type
		case *ast.FuncLit:
			ft = n.Type
		}
		if ft.Params == nil {
			continue
		}
		for _, field := range ft.Params.List {
			if isRequestType(info.TypeOf(field.Type)) {
				return true
			}
		}
	}
	return false
}

// normalizers are the strings functions that servers put around a
// request's grant type before comparing it.
var normalizers = map[string]bool{
	"strings.ToLower": true, "strings.ToUpper": true, "strings.TrimSpace": true,
	"strings.Trim": true, "strings.TrimPrefix": true, "strings.TrimSuffix": true, "strings.Clone": true,
}

// isNormalizer reports whether call normalizes its first argument
// (strings.ToLower(r.FormValue("grant_type"))): it holds what its
// argument holds.
func isNormalizer(info *types.Info, call *ast.CallExpr) bool {
	fn := callee(info, call)
	return fn != nil && len(call.Args) > 0 && normalizers[apiKey(fn)]
}

// blockWords mark a name that exists to refuse: a blocklist, a blocker
// handler.
var blockWords = []string{"block", "deny", "denied", "forbid", "reject", "refuse", "unsupported", "disallow", "disabled", "banned"}

// namesRefusal reports whether an identifier says that what it names
// refuses (blockedGrants, passwordGrantBlocker, denyList).
func namesRefusal(name string) bool {
	for _, w := range blockWords {
		if containsFold(name, w) {
			return true
		}
	}
	return false
}

// inRefusingCode reports whether cur is in a function, or a method of a
// type, named for refusing (a passwordGrantBlocker's CanHandle): a
// handler that exists to turn the grant away accepts it only to refuse it.
func inRefusingCode(cur inspector.Cursor) bool {
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		fd := fc.Node().(*ast.FuncDecl)
		if namesRefusal(fd.Name.Name) {
			return true
		}
		if fd.Recv != nil && len(fd.Recv.List) > 0 {
			return namesRefusal(exprName(fd.Recv.List[0].Type))
		}
	}
	return false
}

// exprName is the last name in a type or value expression (T, *T, p.T,
// x.f, T[P]), or "".
func exprName(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return exprName(e.X)
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.IndexExpr:
		return exprName(e.X)
	case *ast.IndexListExpr:
		return exprName(e.X)
	}
	return ""
}

// boundName is the name that the composite literal at lit is bound to, as
// a variable or a field, or "".
func boundName(lit inspector.Cursor) string {
	child, p := up(lit)
	switch n := p.Node().(type) {
	case *ast.KeyValueExpr:
		return exprName(n.Key)
	case *ast.AssignStmt, *ast.ValueSpec:
		return exprName(boundTo(n, child.Node().(ast.Expr)))
	case *ast.UnaryExpr:
		return boundName(p)
	}
	return ""
}

// installsRefusal reports whether a server library's password-grant
// switch is set to a function literal that refuses every request (a
// PasswordAuthorizationHandler that returns ErrUnsupportedGrantType): the
// grant stays off.
func installsRefusal(u apiUse) bool {
	var fn *ast.FuncLit
	if u.call != nil {
		for _, a := range u.call.Args {
			if lit, ok := ast.Unparen(a).(*ast.FuncLit); ok {
				fn = lit
			}
		}
	} else if as, ok := u.cur.Parent().Node().(*ast.AssignStmt); ok {
		fn, _ = ast.Unparen(assignedTo(as, u.node)).(*ast.FuncLit)
	}
	return fn != nil && rejects(fn.Body)
}
