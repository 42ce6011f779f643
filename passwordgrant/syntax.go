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
	"golang.org/x/tools/go/types/typeutil"
)

// This file holds the syntax and type helpers every rule shares: climbing
// from a node to what holds it (with inspector cursors), constant values,
// callees and named types. None of them knows a rule.

// stringConst returns the value of a constant string expression.
func stringConst(info *types.Info, e ast.Expr) (string, bool) {
	if e == nil {
		return "", false
	}
	v := info.Types[e].Value
	if v == nil || v.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(v), true
}

// isKey reports whether e is a constant that names grant_type.
func isKey(info *types.Info, e ast.Expr) bool {
	s, ok := stringConst(info, e)
	return ok && isGrantKey(s)
}

// maximal climbs from cur to the largest enclosing expression that is still
// a constant, so that "grant_type=" + kPassword is judged by its value, once.
func maximal(info *types.Info, cur inspector.Cursor) inspector.Cursor {
	for {
		p := cur.Parent()
		switch n := p.Node().(type) {
		case *ast.ParenExpr, *ast.BinaryExpr, *ast.CallExpr:
			if info.Types[n.(ast.Expr)].Value == nil {
				return cur
			}
		default:
			return cur
		}
		cur = p
	}
}

// up returns the cursor of what holds cur's expression, looking through
// parentheses, with the child that it holds (cur, or the outermost
// parentheses around it).
func up(cur inspector.Cursor) (child, parent inspector.Cursor) {
	child, parent = cur, cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			return child, parent
		}
		child, parent = parent, parent.Parent()
	}
}

// selectorOrSelf returns the selector x.id when cur is its Sel, else cur:
// a use of a package member or field is judged as the whole selector.
func selectorOrSelf(cur inspector.Cursor) inspector.Cursor {
	if k, _ := cur.ParentEdge(); k == edge.SelectorExpr_Sel {
		return cur.Parent()
	}
	return cur
}

// anchor returns the innermost statement, declaration, spec or field around
// cur: where a directive or TODO marker for a finding there goes.
func anchor(cur inspector.Cursor) ast.Node {
	for c := cur; c.Node() != nil; c = c.Parent() {
		switch n := c.Node().(type) {
		case *ast.BlockStmt:
			// A block's statements anchor themselves; the block itself is
			// never the line a reader looks at.
		case ast.Stmt, *ast.GenDecl, *ast.FuncDecl, *ast.Field:
			return n
		case *ast.ValueSpec:
			if gd, ok := c.Parent().Node().(*ast.GenDecl); ok && !gd.Lparen.IsValid() {
				return gd
			}
			return n
		}
	}
	return cur.Node()
}

// fileOf returns the syntax of the file that holds cur.
func fileOf(cur inspector.Cursor) *ast.File {
	for c := range cur.Enclosing((*ast.File)(nil)) {
		return c.Node().(*ast.File)
	}
	return nil
}

// enclosingFunc returns the cursor of the innermost function declaration or
// literal around cur.
func enclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		return c, true
	}
	return inspector.Cursor{}, false
}

// callee returns the function a call calls, if static.
func callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
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

// calleeName is a short name for messages: url.Values.Set, resty.Request.SetFormData.
func calleeName(info *types.Info, call *ast.CallExpr) string {
	fn := callee(info, call)
	if fn == nil {
		return "function"
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if n, ok := types.Unalias(deref(recv.Type())).(*types.Named); ok && n.Obj().Pkg() != nil {
			return n.Obj().Pkg().Name() + "." + n.Obj().Name() + "." + fn.Name()
		}
		return fn.Name()
	}
	if fn.Pkg() == nil {
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// isConversion reports whether call converts its argument to a type.
func isConversion(info *types.Info, call *ast.CallExpr) bool {
	return len(call.Args) == 1 && info.Types[call.Fun].IsType()
}

// bindings returns the left and right sides of an assignment or value
// spec (a spec's names as its left side), or nils for any other node.
func bindings(n ast.Node) (lhs, rhs []ast.Expr) {
	switch n := n.(type) {
	case *ast.AssignStmt:
		return n.Lhs, n.Rhs
	case *ast.ValueSpec:
		for _, name := range n.Names {
			lhs = append(lhs, name)
		}
		return lhs, n.Values
	}
	return nil, nil
}

// boundTo returns what the assignment or value spec n binds the value e to:
// a left-hand side, or a declared name. It returns nil for anything else,
// and where the counts differ (a, b := f()).
func boundTo(n ast.Node, e ast.Expr) ast.Expr {
	lhs, rhs := bindings(n)
	if len(lhs) != len(rhs) {
		return nil
	}
	for i, r := range rhs {
		if r == e {
			return lhs[i]
		}
	}
	return nil
}

// assignedTo returns the value as assigns to lhs, or nil.
func assignedTo(as *ast.AssignStmt, lhs ast.Expr) ast.Expr {
	if len(as.Lhs) != len(as.Rhs) {
		return nil
	}
	for i, l := range as.Lhs {
		if l == lhs {
			return as.Rhs[i]
		}
	}
	return nil
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

// isString reports whether e has a string type.
func isString(info *types.Info, e ast.Expr) bool { return isStringType(info.TypeOf(e)) }

// isStringType reports whether t is a string type (nil for a missing type
// is none).
func isStringType(t types.Type) bool {
	b, ok := under(t).(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isTestFile reports whether pos is in a _test.go file.
func isTestFile(pass *analysis.Pass, pos token.Pos) bool {
	f := pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// formatIndex returns the index of the format argument of a fmt-style
// function whose result is request text, or -1.
func formatIndex(info *types.Info, call *ast.CallExpr) int {
	fn := callee(info, call)
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
// known gives the values of arguments that are not constants but known to
// the caller (a variable assigned one constant).
func expandFormat(info *types.Info, format string, args []ast.Expr, known map[ast.Expr]string) string {
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
			if s, ok := stringConst(info, args[0]); ok {
				b.WriteString(s)
			} else if s, ok := known[args[0]]; ok {
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
