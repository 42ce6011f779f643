package passwordgrant

import (
	"go/ast"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

const (
	paramsFixMsg = "Request grant_type=authorization_code with code, redirect_uri and code_verifier"
	codeTODO     = "TODO(passwordgrant): fill in code (from the redirect to redirect_uri), redirect_uri, and code_verifier (the PKCE verifier from oauth2.GenerateVerifier whose S256 challenge was in the authorization URL)"
)

// newParams are the parameters of the authorization code request that
// replace username and password, each with what a person must fill in.
var newParams = []struct{ name, todo string }{
	{"code", "TODO(passwordgrant): the code parameter of the redirect to redirect_uri"},
	{"redirect_uri", "TODO(passwordgrant): the redirect_uri of the authorization request"},
	{"code_verifier", "TODO(passwordgrant): the PKCE verifier (oauth2.GenerateVerifier) whose S256 challenge was in the authorization URL"},
}

// paramsFix rewrites a PG002 finding toward the authorization code grant.
func (c *checker) paramsFix(f finding) []analysis.SuggestedFix {
	switch n := f.node.(type) {
	case *ast.KeyValueExpr:
		if lit := c.enclosingLit(n); lit != nil {
			if _, isMap := under(c.pass.TypesInfo.TypeOf(lit)).(*types.Map); isMap {
				if fx := c.mapLitFix(f, lit, n); fx != nil {
					return fx
				}
			}
		}
	case *ast.CallExpr:
		if fx := c.setCallFix(f, n); fx != nil {
			return fx
		}
	}
	if f.value != nil {
		if lit, ok := f.listElem(); ok {
			return c.dropFromList(f, lit)
		}
		e := c.newEdit()
		e.replace(f.value, `"authorization_code"`)
		e.above(f.anchor, "// "+codeTODO+".")
		return []analysis.SuggestedFix{e.fix(paramsFixMsg)}
	}
	return c.todoFix(f, paramsAdvice)
}

// listElem returns the list literal when the finding is a grant-type list
// holding the password grant.
func (f finding) listElem() (*ast.CompositeLit, bool) {
	return f.list, f.list != nil
}

// dropFromList removes the password grant from a list of allowed grants.
func (c *checker) dropFromList(f finding, lit *ast.CompositeLit) []analysis.SuggestedFix {
	e := c.newEdit()
	drop := make([]bool, len(lit.Elts))
	for i, elt := range lit.Elts {
		s, ok := c.stringConst(elt)
		drop[i] = ok && isPasswordGrant(s)
	}
	deleteElems(e, lit.Elts, drop)
	return []analysis.SuggestedFix{e.fix("Remove the password grant from the list")}
}

// enclosingLit returns the composite literal whose element kv is.
func (c *checker) enclosingLit(kv *ast.KeyValueExpr) *ast.CompositeLit {
	file := c.fileOf(kv.Pos())
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, kv.Pos(), kv.End())
	for _, n := range path {
		if lit, ok := n.(*ast.CompositeLit); ok {
			return lit
		}
	}
	return nil
}

// mapLitFix rewrites url.Values{"grant_type": {"password"}, "username":
// ..., "password": ...} (or a map[string]string) in place: the grant
// becomes authorization_code, username and password go, and code,
// redirect_uri and code_verifier come with a TODO.
func (c *checker) mapLitFix(f finding, lit *ast.CompositeLit, grant *ast.KeyValueExpr) []analysis.SuggestedFix {
	list := false
	if inner, ok := grant.Value.(*ast.CompositeLit); ok {
		list = true
		if len(inner.Elts) != 1 {
			return nil
		}
	}
	value := func(s string) string {
		if list {
			return "{" + strconv.Quote(s) + "}"
		}
		return strconv.Quote(s)
	}
	e := c.newEdit()
	e.replace(grant.Value, value("authorization_code"))
	var dropped []ast.Expr
	drop := make([]bool, len(lit.Elts))
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, _ := c.stringConst(kv.Key); k == "username" || k == "password" {
			dropped = append(dropped, kv.Value)
			if inner, ok := kv.Value.(*ast.CompositeLit); ok {
				dropped = append(dropped, inner.Elts...)
			}
			drop[i] = true
		}
	}
	deleteElems(e, lit.Elts, drop)
	tf := c.pass.Fset.File(grant.Pos())
	line := tf.Line(grant.Pos())
	if tf.Line(lit.Lbrace) != tf.Line(lit.Rbrace) && line < tf.LineCount() && tf.Line(grant.End()) < tf.Line(lit.Rbrace) {
		// One element a line: add lines below the grant's, keeping any
		// comment at the end of its line where it is.
		_, indent, _ := c.lineAbove(grant)
		var add strings.Builder
		for _, p := range newParams {
			add.WriteString(indent + strconv.Quote(p.name) + ": " + value("") + ", // " + p.todo + "\n")
		}
		e.insert(tf.LineStart(tf.Line(grant.End())+1), add.String())
	} else {
		var add strings.Builder
		for _, p := range newParams {
			add.WriteString(", " + strconv.Quote(p.name) + ": " + value("") + " /* " + p.todo + " */")
		}
		e.insert(grant.End(), add.String())
	}
	e.keepAlive(f.anchor, dropped...)
	return []analysis.SuggestedFix{e.fix(paramsFixMsg)}
}

// deleteElems deletes the elements of elts marked in drop, with their
// commas, one edit for each run of neighbours so that edits never overlap.
func deleteElems(e *edit, elts []ast.Expr, drop []bool) {
	for i := 0; i < len(elts); i++ {
		if !drop[i] {
			continue
		}
		j := i
		for j+1 < len(elts) && drop[j+1] {
			j++
		}
		switch {
		case j+1 < len(elts):
			e.replaceRange(elts[i].Pos(), elts[j+1].Pos(), "")
		case i > 0:
			e.replaceRange(elts[i-1].End(), elts[j].End(), "")
		default:
			e.replaceRange(elts[i].Pos(), elts[j].End(), "")
		}
		i = j
	}
}

// setCallFix rewrites v.Set("grant_type", "password") and the v.Set calls
// for username and password in the same block.
func (c *checker) setCallFix(f finding, call *ast.CallExpr) []analysis.SuggestedFix {
	stmt, ok := f.anchor.(*ast.ExprStmt)
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !isSel || stmt.X != call || len(call.Args) != 2 || f.value == nil {
		return nil
	}
	recv := c.srcText(sel.X)
	file := c.fileOf(call.Pos())
	if recv == "" || file == nil {
		return nil
	}
	e := c.newEdit()
	e.replace(f.value, `"authorization_code"`)
	var dropped []ast.Expr
	path, _ := astutil.PathEnclosingInterval(file, stmt.Pos(), stmt.End())
	for _, n := range path {
		block, ok := n.(*ast.BlockStmt)
		if !ok {
			continue
		}
		for _, s := range block.List {
			es, ok := s.(*ast.ExprStmt)
			if !ok {
				continue
			}
			other, ok := es.X.(*ast.CallExpr)
			if !ok || len(other.Args) != 2 {
				continue
			}
			osel, ok := ast.Unparen(other.Fun).(*ast.SelectorExpr)
			if !ok || c.srcText(osel.X) != recv || c.callee(other) != c.callee(call) {
				continue
			}
			if k, _ := c.stringConst(other.Args[0]); k == "username" || k == "password" {
				dropped = append(dropped, other.Args[1])
				c.deleteLine(e, es)
			}
		}
		break
	}
	var lines []string
	for _, p := range newParams {
		lines = append(lines, recv+"."+sel.Sel.Name+"("+strconv.Quote(p.name)+`, "") // `+p.todo)
	}
	if !e.belowLine(stmt, lines) {
		return nil
	}
	e.keepAlive(f.anchor, dropped...)
	return []analysis.SuggestedFix{e.fix(paramsFixMsg)}
}

// deleteLine deletes a statement and, when it stands alone on its line,
// the line.
func (c *checker) deleteLine(e *edit, s ast.Stmt) {
	tf := c.pass.Fset.File(s.Pos())
	src := c.source(tf)
	if tf == nil || src == nil {
		e.replace(s, "")
		return
	}
	line := tf.Line(s.Pos())
	start := tf.LineStart(line)
	endLine := tf.Line(s.End())
	if strings.TrimSpace(string(src[tf.Offset(start):tf.Offset(s.Pos())])) == "" && endLine < tf.LineCount() {
		next := tf.LineStart(endLine + 1)
		if strings.TrimSpace(string(src[tf.Offset(s.End()):tf.Offset(next)])) == "" {
			e.replaceRange(start, next, "")
			return
		}
	}
	e.replace(s, "")
}

// belowLine inserts lines after the line on which s ends, indented like s,
// so that a comment at the end of that line stays with it.
func (e *edit) belowLine(s ast.Stmt, lines []string) bool {
	_, indent, ok := e.c.lineAbove(s)
	tf := e.c.pass.Fset.File(s.End())
	if !ok || tf == nil || tf.Line(s.End()) >= tf.LineCount() {
		return false
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(indent + l + "\n")
	}
	e.insert(tf.LineStart(tf.Line(s.End())+1), b.String())
	return true
}
