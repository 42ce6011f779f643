package passwordgrant

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// literal handles a string literal that passed the trigger filter. It judges
// the largest constant expression around it, so that "grant_type=" + kPassword
// is judged by its value, and each such expression only once.
func (c *checker) literal(lit *ast.BasicLit, stack []ast.Node) {
	c.judge(c.maximal(lit, stack[:len(stack)-1]))
}

// judge judges a maximal constant expression as a key or value and as text,
// unless it was just judged for another literal or operand inside it.
func (c *checker) judge(e ast.Expr, anc []ast.Node) {
	s, ok := c.stringConst(e)
	if !ok {
		return // a struct tag or import path: no value of its own
	}
	if e != c.lastValue {
		c.lastValue = e
		c.constant(e, s, anc)
	}
	if e != c.lastText {
		c.lastText = e
		c.text(e, s, anc)
	}
}

// ident handles identifiers: uses of known APIs, of oauth2.Token's
// RefreshToken field, and of named constants that spell a grant or its key.
func (c *checker) ident(id *ast.Ident, cur inspector.Cursor) {
	// Every identifier of the package comes through here: decide from the
	// name's bytes before hashing it into a map. Table names all contain
	// "password" but gocloak's Login methods; nil maps cost no hashing.
	name := id.Name
	password, grant := nameWords(name)
	if (password || strings.HasPrefix(name, "Login")) && apiNames[name] || c.names[name] {
		c.apiUse(id, stackOf(cur))
		return
	}
	if name == "RefreshToken" {
		c.refreshToken(id, stackOf(cur))
		return
	}
	if !password && !grant && !c.constNames[name] {
		return
	}
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Const)
	if !ok || obj.Val().Kind() != constant.String {
		return
	}
	stack := stackOf(cur)
	e, anc := ast.Expr(id), stack[:len(stack)-1]
	if sel, ok := parent(anc).(*ast.SelectorExpr); ok && sel.Sel == id {
		e, anc = sel, anc[:len(anc)-1]
	}
	e, anc = c.maximal(e, anc)
	if e == c.lastValue {
		return
	}
	c.lastValue = e
	if s, ok := c.stringConst(e); ok {
		c.constant(e, s, anc)
	}
}

// concat handles a constant concatenation whose parts do not trigger on
// their own ("pass" + "word").
func (c *checker) concat(bin *ast.BinaryExpr, cur inspector.Cursor) {
	if s, ok := c.stringConst(bin); ok && hasTrigger(s) {
		stack := stackOf(cur)
		c.judge(c.maximal(bin, stack[:len(stack)-1]))
	}
}

// constant judges a constant key or value by where it is used.
func (c *checker) constant(e ast.Expr, s string, anc []ast.Node) {
	switch {
	case isPasswordGrant(s):
		c.grant, c.grantList = e, nil
		c.grantValue(e, anc)
	case isGrantKey(s):
		c.grantKey(e, anc)
	}
}

// maximal climbs from e, whose ancestors are anc, to the largest enclosing
// expression that is still a constant, and returns it with its ancestors.
func (c *checker) maximal(e ast.Expr, anc []ast.Node) (ast.Expr, []ast.Node) {
	for len(anc) > 0 {
		p, ok := anc[len(anc)-1].(ast.Expr)
		if !ok {
			break
		}
		switch p.(type) {
		case *ast.ParenExpr, *ast.BinaryExpr, *ast.CallExpr:
			if c.pass.TypesInfo.Types[p].Value == nil {
				return e, anc
			}
		default:
			return e, anc
		}
		e, anc = p, anc[:len(anc)-1]
	}
	return e, anc
}

// stringConst returns the value of a constant string expression.
func (c *checker) stringConst(e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	v := c.pass.TypesInfo.Types[e].Value
	if v == nil || v.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(v), true
}

// isKey reports whether e is a constant that names grant_type.
func (c *checker) isKey(e ast.Expr) bool {
	s, ok := c.stringConst(e)
	return ok && isGrantKey(s)
}

// parent returns the innermost ancestor, or nil.
func parent(anc []ast.Node) ast.Node {
	if len(anc) == 0 {
		return nil
	}
	return anc[len(anc)-1]
}

// up returns e's parent, looking through parentheses, with e as the child
// the parent holds and the parent's own ancestors.
func up(e ast.Expr, anc []ast.Node) (ast.Expr, ast.Node, []ast.Node) {
	for len(anc) > 0 {
		p := anc[len(anc)-1]
		anc = anc[:len(anc)-1]
		if pe, ok := p.(*ast.ParenExpr); ok {
			e = pe
			continue
		}
		return e, p, anc
	}
	return e, nil, nil
}

// callee returns the function a call calls, if static.
func (c *checker) callee(call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return fn
}

// anchor returns the innermost statement, declaration or spec around a
// finding: where a directive or TODO marker for it goes.
func anchor(anc []ast.Node, fallback ast.Node) ast.Node {
	for i := len(anc) - 1; i >= 0; i-- {
		switch n := anc[i].(type) {
		case *ast.BlockStmt:
			// A block's statements anchor themselves; the block itself is
			// never the line a reader looks at.
		case ast.Stmt, *ast.GenDecl, *ast.FuncDecl, *ast.Field:
			return n
		case *ast.ValueSpec:
			if i > 0 {
				if gd, ok := anc[i-1].(*ast.GenDecl); ok && !gd.Lparen.IsValid() {
					return gd
				}
			}
			return n
		}
	}
	return fallback
}

// argIndex returns the index of e among call's arguments, or -1.
func argIndex(call *ast.CallExpr, e ast.Expr) int {
	for i, a := range call.Args {
		if a == e {
			return i
		}
	}
	return -1
}

// isConversion reports whether call converts its argument to a type.
func (c *checker) isConversion(call *ast.CallExpr) bool {
	return len(call.Args) == 1 && c.pass.TypesInfo.Types[call.Fun].IsType()
}

func deref(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// under is t's underlying type, or nil for a missing type: code with type
// errors leaves expressions untyped.
func under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	return t.Underlying()
}

// isNamed reports whether t (or what it points to) is the named type
// path.name, vendoring aside.
func isNamed(t types.Type, path, name string) bool {
	n, ok := types.Unalias(deref(t)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Name() == name && trimVendor(n.Obj().Pkg().Path()) == path
}
