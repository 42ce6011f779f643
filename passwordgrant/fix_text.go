package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// textFix rewrites a form body or query written as a concatenation,
// "grant_type=password&username=" + u + "&password=" + p, into the
// authorization code request, keeping every other parameter and expression.
// JSON bodies and fmt formats get a TODO marker instead.
func (c *checker) textFix(f finding) []analysis.SuggestedFix {
	if fx := c.concatFix(f); fx != nil {
		return fx
	}
	return c.todoFix(f, paramsAdvice)
}

// A part of a flattened concatenation: constant text or an expression.
type part struct {
	text string
	expr ast.Expr
}

func (c *checker) concatFix(f finding) []analysis.SuggestedFix {
	e := f.value
	if e == nil {
		return nil
	}
	root := c.concatRoot(e)
	var parts []part
	if !c.flatten(root, &parts) {
		return nil
	}
	// Split into the text before the query and key=value pairs, each a list
	// of parts; expressions may only stand inside values.
	var prefix []part
	var pairs [][]part
	inQuery := c.isFormBody(parts)
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
	x := c.newEdit()
	x.replace(root, joinParts(out, c))
	x.above(f.anchor, "// "+codeTODO+".")
	x.keepAlive(f.anchor, dropped...)
	return []analysis.SuggestedFix{x.fix(paramsFixMsg)}
}

// isFormBody reports whether the text starts with the parameters (a form
// body) rather than with a URL before a '?'.
func (c *checker) isFormBody(parts []part) bool {
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
func joinParts(parts []part, c *checker) string {
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
		out = append(out, c.srcText(p.expr))
	}
	flush()
	if len(out) == 0 {
		return `""`
	}
	return strings.Join(out, " + ")
}

// concatRoot climbs from e to the outermost string + expression around it.
func (c *checker) concatRoot(e ast.Expr) ast.Expr {
	file := c.fileOf(e.Pos())
	if file == nil {
		return e
	}
	path, _ := astutil.PathEnclosingInterval(file, e.Pos(), e.End())
	root := e
	for i, n := range path {
		if n != root {
			continue
		}
		for _, p := range path[i+1:] {
			switch p := p.(type) {
			case *ast.ParenExpr:
				root = p
				continue
			case *ast.BinaryExpr:
				if p.Op == token.ADD && c.isString(p) {
					root = p
					continue
				}
			}
			break
		}
		break
	}
	return root
}

func (c *checker) isString(e ast.Expr) bool {
	t := c.pass.TypesInfo.TypeOf(e)
	if t == nil {
		return false
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// flatten appends the operands of a + chain to parts; constants become
// text. It fails on expressions whose source text is unavailable.
func (c *checker) flatten(e ast.Expr, parts *[]part) bool {
	if s, ok := c.stringConst(e); ok {
		*parts = append(*parts, part{text: s})
		return true
	}
	switch x := e.(type) {
	case *ast.ParenExpr:
		return c.flatten(x.X, parts)
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			return c.flatten(x.X, parts) && c.flatten(x.Y, parts)
		}
	}
	if c.srcText(e) == "" {
		return false
	}
	*parts = append(*parts, part{expr: e})
	return true
}
