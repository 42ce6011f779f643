package passwordgrant

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
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
