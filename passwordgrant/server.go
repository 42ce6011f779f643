package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"
)

const serveMsg = "token endpoint serves grant_type=password, so clients collect user passwords; " +
	"answer unsupported_grant_type and serve the authorization code grant with PKCE and refresh tokens instead"

// compare judges grantType == "password" (or !=) in a token endpoint.
func (c *checker) compare(bin *ast.BinaryExpr, e ast.Expr, anc []ast.Node) {
	if bin.Op != token.EQL && bin.Op != token.NEQ {
		return
	}
	other := bin.X
	if other == e {
		other = bin.Y
	}
	if !c.isGrantExpr(other) || c.inGrantTypeMethod(other, anc) {
		return
	}
	// Find the branch the comparison selects: climb through && and || and
	// parentheses to the if statement or case clause that tests it.
	var served, rejected ast.Node
	for i := len(anc) - 1; i >= 0; i-- {
		switch p := anc[i].(type) {
		case *ast.BinaryExpr, *ast.ParenExpr:
			continue
		case *ast.IfStmt:
			if bin.Op == token.EQL {
				served = p.Body
			} else if p.Else != nil {
				served = p.Else
			}
			rejected = served
		case *ast.CaseClause:
			served, rejected = p, p
		}
		break
	}
	if rejected != nil && rejects(rejected) {
		return
	}
	c.add(finding{rule: PG005, node: bin, anchor: anchor(anc, bin), msg: serveMsg})
}

// caseValue judges case "password": in a switch on a request's grant type.
func (c *checker) caseValue(cc *ast.CaseClause, e ast.Expr, anc []ast.Node) {
	if len(anc) < 2 {
		return
	}
	sw, ok := anc[len(anc)-2].(*ast.SwitchStmt)
	if !ok || sw.Tag == nil || !c.isGrantExpr(sw.Tag) || c.inGrantTypeMethod(sw.Tag, anc) {
		return
	}
	if rejects(cc) {
		return
	}
	c.add(finding{rule: PG005, node: e, anchor: cc, msg: serveMsg})
}

// isGrantExpr reports whether x holds the grant type of a token request:
// r.FormValue("grant_type") and its kin, r.Form["grant_type"][0], a field
// that says grant_type, a value of a type named GrantType, or a variable
// assigned one of those.
func (c *checker) isGrantExpr(x ast.Expr) bool {
	x = ast.Unparen(x)
	if t := c.pass.TypesInfo.TypeOf(x); t != nil {
		if n, ok := types.Unalias(t).(*types.Named); ok && isGrantTypeName(n.Obj().Name()) {
			return true
		}
	}
	switch x := x.(type) {
	case *ast.CallExpr:
		if c.isConversion(x) {
			return c.isGrantExpr(x.Args[0])
		}
		for _, a := range x.Args {
			if c.isKey(a) {
				return true
			}
		}
	case *ast.IndexExpr:
		if c.isKey(x.Index) {
			return true
		}
		if inner, ok := ast.Unparen(x.X).(*ast.IndexExpr); ok {
			return c.isKey(inner.Index)
		}
	case *ast.SelectorExpr:
		if sel := c.pass.TypesInfo.Selections[x]; sel != nil && sel.Kind() == types.FieldVal {
			return roleOfSelection(sel) == fieldGrantType
		}
	case *ast.Ident:
		if v, ok := c.pass.TypesInfo.Uses[x].(*types.Var); ok {
			return c.grantVars[v] || isGrantTypeName(v.Name())
		}
	}
	return false
}

// inGrantTypeMethod reports whether the comparison sits in a method of the
// grant type itself (go-oauth2's GrantType.String): that is the type's own
// bookkeeping, not a token endpoint.
func (c *checker) inGrantTypeMethod(x ast.Expr, anc []ast.Node) bool {
	t := c.pass.TypesInfo.TypeOf(x)
	if t == nil {
		return false
	}
	for i := len(anc) - 1; i >= 0; i-- {
		fd, ok := anc[i].(*ast.FuncDecl)
		if !ok {
			continue
		}
		if fd.Recv == nil || len(fd.Recv.List) == 0 {
			return false
		}
		rt := c.pass.TypesInfo.TypeOf(fd.Recv.List[0].Type)
		return rt != nil && types.Identical(deref(rt), t)
	}
	return false
}

// rejectWords mark a branch that turns the password grant away.
var rejectWords = []string{"unsupported", "not supported", "notsupported", "not allowed", "notallowed", "disallowed", "disabled", "deprecated", "no longer"}

// rejects reports whether the branch n refuses the grant outright: one of
// its own statements mentions unsupported_grant_type or the like, in a
// string or a name (fosite.ErrUnsupportedGrantType). A mention inside a
// nested if, switch or loop is one error path of a branch that otherwise
// serves the grant, and does not count.
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
		if mentionsRejection(st) {
			return true
		}
	}
	return false
}

func mentionsRejection(n ast.Node) bool {
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
			return false // runs later, if at all
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
