package passwordgrant

import (
	"encoding/json"
	"go/ast"
	"go/token"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// PG003: grant_type=password in request text: a form body, a URL query or
// JSON, judged by the value of the largest constant expression and by fmt
// formats with their constant arguments. The fix rewrites a + chain into
// the authorization code request.

// grantText reports constant request text at cur (of value s) that
// carries grant_type=password: a form body, a URL query or JSON. A fmt
// format is judged with its constant arguments filled in.
func (c *checker) grantText(cur inspector.Cursor, s string) {
	e := cur.Node().(ast.Expr)
	if child, p := up(cur); p.Node() != nil {
		if call, ok := p.Node().(*ast.CallExpr); ok {
			if i := formatIndex(c.info, call); i >= 0 && i < len(call.Args) && call.Args[i] == child.Node() {
				s = expandFormat(c.info, s, call.Args[i+1:], nil)
			}
		}
	}
	kind := grantInText(s)
	if kind == "" || isExpectation(cur) {
		return
	}
	c.add(&finding{rule: PG003, cur: cur, node: e, anchor: anchor(cur),
		msg: kind + " carries grant_type=password, sending the user's password to the token endpoint; " +
			"send grant_type=authorization_code with code, redirect_uri and code_verifier (PKCE) instead, then use refresh tokens",
		fixes: func(fx *fixer) []analysis.SuggestedFix { return fx.textFix(cur) },
	})
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

// textFix rewrites a form body or query written as a concatenation,
// "grant_type=password&username=" + u + "&password=" + p, into the
// authorization code request, keeping every other parameter and expression.
// JSON bodies and fmt formats get a TODO marker instead.
func (fx *fixer) textFix(cur inspector.Cursor) []analysis.SuggestedFix {
	// The marker changes no behaviour, so it is the first fix; the rewrite
	// needs values only a sign-in gives, so a person chooses it.
	fixes := fx.todo(&finding{rule: PG003, cur: cur, anchor: anchor(cur)}, paramsAdvice)
	return append(fixes, fx.concatFix(cur)...)
}

// A part of a flattened concatenation: constant text or an expression.
type part struct {
	text string
	expr ast.Expr
}

func (fx *fixer) concatFix(cur inspector.Cursor) []analysis.SuggestedFix {
	rootCur := fx.concatRoot(cur)
	root := rootCur.Node().(ast.Expr)
	if _, p := up(rootCur); p.Node() != nil {
		if call, ok := p.Node().(*ast.CallExpr); ok && formatIndex(fx.pass.TypesInfo, call) >= 0 {
			// A format's verbs go with its arguments: rewriting the text
			// alone leaves arguments without verbs, which go vet rejects.
			return nil
		}
	}
	var parts []part
	if !fx.flatten(root, &parts) {
		return nil
	}
	// Split into the text before the query and key=value pairs, each a list
	// of parts; expressions may only stand inside values.
	var prefix []part
	var pairs [][]part
	inQuery := isFormBody(parts)
	if inQuery {
		pairs = append(pairs, nil)
	}
	add := func(p part) {
		if p.expr == nil && p.text == "" {
			return
		}
		if len(pairs) == 0 {
			prefix = append(prefix, p)
		} else {
			pairs[len(pairs)-1] = append(pairs[len(pairs)-1], p)
		}
	}
	for _, p := range parts {
		if p.expr != nil {
			add(p)
			continue
		}
		s := p.text
		for {
			sep := byte('&')
			if !inQuery {
				sep = '?'
			}
			i := strings.IndexByte(s, sep)
			if i < 0 {
				add(part{text: s})
				break
			}
			if inQuery {
				add(part{text: s[:i]})
			} else {
				add(part{text: s[:i+1]}) // the URL keeps its '?'
			}
			s = s[i+1:]
			inQuery = true
			pairs = append(pairs, nil)
		}
	}
	var out []part
	out = append(out, prefix...)
	var dropped []ast.Expr
	first, changed := true, false
	for _, pair := range pairs {
		if len(pair) == 0 {
			continue
		}
		key, value, ok := splitPair(pair)
		if !ok {
			return nil // an expression in a key: not a shape we can rewrite
		}
		switch {
		case key == "username" || key == "password":
			for _, p := range value {
				if p.expr != nil {
					dropped = append(dropped, p.expr)
				}
			}
			continue
		case isGrantKey(key):
			value, changed = []part{{text: "authorization_code"}}, true
		}
		if !first {
			out = append(out, part{text: "&"})
		}
		first = false
		out = append(out, part{text: key + "="})
		out = append(out, value...)
		if isGrantKey(key) {
			for _, p := range newParams {
				out = append(out, part{text: "&" + p.name + "="})
			}
		}
	}
	if !changed {
		return nil // the grant is not a pair of this text (JSON, say)
	}
	x := fx.newEdit()
	x.replace(root, fx.joinParts(out))
	x.above(anchor(cur), "// "+codeTODO+".")
	x.keepAlive(cur, anchor(cur), dropped...)
	return []analysis.SuggestedFix{x.fix(paramsFixMsg)}
}

// isFormBody reports whether the text starts with the parameters (a form
// body) rather than with a URL before a '?'.
func isFormBody(parts []part) bool {
	for _, p := range parts {
		if p.expr != nil {
			return false // a URL expression, then the query
		}
		if strings.Contains(p.text, "?") {
			return false
		}
		if strings.Contains(p.text, "=") {
			return true
		}
	}
	return true
}

// splitPair splits a pair's parts at its first '=' into a constant key
// and the value's parts.
func splitPair(pair []part) (string, []part, bool) {
	var key strings.Builder
	for i, p := range pair {
		if p.expr != nil {
			return "", nil, false
		}
		if k, v, ok := strings.Cut(p.text, "="); ok {
			key.WriteString(k)
			value := append([]part{}, pair[i+1:]...)
			if v != "" {
				value = append([]part{{text: v}}, value...)
			}
			return key.String(), value, true
		}
		key.WriteString(p.text)
	}
	return "", nil, false // a parameter without '=': leave such text alone
}

// joinParts writes parts as a Go string concatenation.
func (fx *fixer) joinParts(parts []part) string {
	var out []string
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, strconv.Quote(lit.String()))
			lit.Reset()
		}
	}
	for _, p := range parts {
		if p.expr == nil {
			lit.WriteString(p.text)
			continue
		}
		flush()
		out = append(out, fx.srcText(p.expr))
	}
	flush()
	if len(out) == 0 {
		return `""`
	}
	return strings.Join(out, " + ")
}

// concatRoot climbs from cur to the outermost string + expression around
// it, the whole text that the rewrite replaces.
func (fx *fixer) concatRoot(cur inspector.Cursor) inspector.Cursor {
	info := fx.pass.TypesInfo
	root := cur
	for p := cur.Parent(); ; p = p.Parent() {
		switch n := p.Node().(type) {
		case *ast.ParenExpr:
			root = p
			continue
		case *ast.BinaryExpr:
			if n.Op == token.ADD && isString(info, n) {
				root = p
				continue
			}
		}
		return root
	}
}

// flatten appends the operands of a + chain to parts; constants become
// text. It fails on expressions whose source text is unavailable.
func (fx *fixer) flatten(e ast.Expr, parts *[]part) bool {
	if s, ok := stringConst(fx.pass.TypesInfo, e); ok {
		*parts = append(*parts, part{text: s})
		return true
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return fx.flatten(x.X, parts)
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return fx.flatten(x.X, parts) && fx.flatten(x.Y, parts)
		}
	}
	if fx.srcText(e) == "" {
		return false
	}
	*parts = append(*parts, part{expr: e})
	return true
}
