package passwordgrant

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
)

// PG006: a constant refresh token stored in golang.org/x/oauth2's Token, in
// a literal or by assignment. Refresh tokens rotate, so a pinned one breaks
// at the next rotation and leaks a credential. Tests are left alone: their
// tokens are fakes for fake servers. The first fix marks it; loading it at
// run time is a further fix, since the variable must be set first.

// refreshToken judges a use of the identifier RefreshToken at cur.
func (c *checker) refreshToken(cur inspector.Cursor, id *ast.Ident) {
	f, ok := c.info.Uses[id].(*types.Var)
	if !ok || !f.IsField() || f.Pkg() == nil || trimVendor(f.Pkg().Path()) != oauth2Path || isTestFile(c.pass, id.Pos()) {
		return
	}
	var value ast.Expr
	var at inspector.Cursor // the literal element or assignment holding the token
	switch k, _ := cur.ParentEdge(); k {
	case edge.KeyValueExpr_Key:
		kv := cur.Parent()
		lit, ok := kv.Parent().Node().(*ast.CompositeLit)
		if !ok || !isNamed(c.info.TypeOf(lit), oauth2Path, "Token") {
			return
		}
		value, at = kv.Node().(*ast.KeyValueExpr).Value, kv
	case edge.SelectorExpr_Sel:
		sel := cur.Parent()
		if !isNamed(c.info.TypeOf(sel.Node().(*ast.SelectorExpr).X), oauth2Path, "Token") {
			return
		}
		as, ok := sel.Parent().Node().(*ast.AssignStmt)
		if !ok {
			return
		}
		value, at = assignedTo(as, sel.Node().(ast.Expr)), sel
	default:
		return
	}
	if s, ok := stringConst(c.info, value); !ok || s == "" {
		return
	}
	fd := &finding{rule: PG006, cur: at, node: value, anchor: anchor(at),
		msg: "hard-coded refresh token (value not shown): refresh tokens rotate, an exchange may return a new one and invalidate this one, and the literal leaks a credential; " +
			"load it from your token store and save the replacement the token source returns"}
	fd.fixes = func(fx *fixer) []analysis.SuggestedFix { return fx.refreshFix(fd, value) }
	c.add(fd)
}

// refreshFix marks the pinned token for migration, and offers loading it
// at run time as a further fix. The marker comes first: a program that
// works with its pinned token would, rewritten, read an environment
// variable nobody has set yet, and fail to log in.
func (fx *fixer) refreshFix(f *finding, value ast.Expr) []analysis.SuggestedFix {
	r, _ := RuleByID(PG006)
	fixes := fx.todo(f, r.Advice)
	file := fileOf(f.cur)
	if file == nil {
		return fixes
	}
	e := fx.newEdit()
	osName := e.importName(file, "os", "os", value.Pos())
	e.replace(value, osName+`.Getenv("OAUTH2_REFRESH_TOKEN")`)
	e.above(f.anchor,
		"// TODO(passwordgrant): load the refresh token from your token store, and save the new one a",
		"// refresh may return: it invalidates this one.")
	return append(fixes, e.fix("Load the refresh token from OAUTH2_REFRESH_TOKEN at run time (set it before the program runs)"))
}
