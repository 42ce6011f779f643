package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// PG007: GoTo's retired OAuth host api.getgo.com/oauth/v2, in constant
// text shaped like a URL (help text that mentions the host is prose). The
// fix rewrites the host where one string literal holds it: the paths after
// the prefix are the same.

// gotoHost judges constant text s at cur that holds GoTo's retired host.
func (c *checker) gotoHost(cur inspector.Cursor, s string) {
	if !isURLShaped(s) {
		return
	}
	e := cur.Node().(ast.Expr)
	c.add(&finding{rule: PG007, cur: cur, node: e, anchor: anchor(cur),
		msg:   "GoTo retired " + gotoLegacy + "; use https://" + gotoHost + " (same path after the prefix), with the authorization code flow: new GoTo clients cannot use the password grant",
		fixes: func(*fixer) []analysis.SuggestedFix { return gotoFix(e) },
	})
}

// gotoFix rewrites GoTo's retired host inside the string literal e.
func gotoFix(e ast.Expr) []analysis.SuggestedFix {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING || !strings.Contains(lit.Value, gotoLegacy) {
		return nil // the host is split across constants: no safe textual edit
	}
	return []analysis.SuggestedFix{{
		Message: "Use " + gotoHost,
		TextEdits: []analysis.TextEdit{{
			Pos: lit.Pos(), End: lit.End(),
			NewText: []byte(strings.ReplaceAll(lit.Value, gotoLegacy, gotoHost)),
		}},
	}}
}

// gotoBase judges s, GoTo's retired host without the OAuth path, at cur:
// code that joins it to /oauth/v2/... by +, a fmt format or url.JoinPath,
// directly or through a variable assigned only it, reaches the retired
// endpoint as surely as a literal does.
func (c *checker) gotoBase(cur inspector.Cursor, s string) {
	if !isURLShaped(s) {
		return
	}
	c.gotoJoined(cur, s)
	child, p := up(cur)
	var lhs ast.Expr
	switch pn := p.Node().(type) {
	case *ast.ValueSpec, *ast.AssignStmt:
		lhs = boundTo(pn, child.Node().(ast.Expr))
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return
	}
	switch obj := c.info.ObjectOf(id).(type) {
	case *types.Const:
		for _, use := range c.usesOf(obj) {
			c.gotoJoined(use, s)
		}
	case *types.Var:
		if obj.IsField() || len(c.assigned(obj)) != 1 {
			return // assigned more than once: which value reaches the join is not known
		}
		for _, use := range c.usesOf(obj) {
			c.gotoJoined(use, s)
		}
	}
}

// gotoJoined reports the expression that joins the base at cur, of value
// s, to the retired OAuth path.
func (c *checker) gotoJoined(cur inspector.Cursor, s string) {
	child, p := up(cur)
	var joined string
	switch pn := p.Node().(type) {
	case *ast.BinaryExpr:
		other, ok := stringConst(c.info, pn.Y)
		if pn.Op != token.ADD || pn.X != child.Node() || !ok {
			return
		}
		joined = s + other
	case *ast.CallExpr:
		k, i := child.ParentEdge()
		if k != edge.CallExpr_Args {
			return
		}
		if f := formatIndex(c.info, pn); f >= 0 && i > f {
			format, ok := stringConst(c.info, pn.Args[f])
			if !ok {
				return
			}
			joined = expandFormat(c.info, format, pn.Args[f+1:], map[ast.Expr]string{child.Node().(ast.Expr): s})
		} else if fn := callee(c.info, pn); fn != nil && apiKey(fn) == "net/url.JoinPath" && i == 0 {
			joined = s
			for _, a := range pn.Args[1:] {
				elem, ok := stringConst(c.info, a)
				if !ok {
					return
				}
				joined = strings.TrimSuffix(joined, "/") + "/" + strings.TrimPrefix(elem, "/")
			}
		}
	}
	if !hasGoToHost(joined) || c.onlyInspected(p) {
		return
	}
	n := p.Node()
	f := &finding{rule: PG007, cur: p, node: n, anchor: anchor(p),
		msg: "GoTo retired " + gotoLegacy + " (joined here from its host); use https://" + gotoHost + " (same path after the prefix), with the authorization code flow: new GoTo clients cannot use the password grant"}
	f.fixes = func(fx *fixer) []analysis.SuggestedFix {
		r, _ := RuleByID(PG007)
		return fx.todo(f, r.Advice)
	}
	c.add(f)
}

// onlyInspected reports whether the value at cur is only looked at: it is
// inspected where it is (isInspected), or bound to a variable that is
// inspected wherever it is used (legacyPrefix := ...; strings.CutPrefix(s,
// legacyPrefix)). Code that recognises old URLs to migrate them builds the
// old URL the way a client would.
func (c *checker) onlyInspected(cur inspector.Cursor) bool {
	if isInspected(c.info, cur) {
		return true
	}
	child, p := up(cur)
	as, ok := p.Node().(*ast.AssignStmt)
	if !ok || len(as.Rhs) != 1 || as.Rhs[0] != child.Node() {
		return false
	}
	id, ok := as.Lhs[0].(*ast.Ident) // the first result: url.JoinPath's string
	if !ok {
		return false
	}
	v, ok := c.info.ObjectOf(id).(*types.Var)
	if !ok {
		return false
	}
	uses := c.usesOf(v)
	for _, use := range uses {
		if !isInspected(c.info, use) {
			return false
		}
	}
	return len(uses) > 0
}
