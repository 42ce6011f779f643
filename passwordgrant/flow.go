package passwordgrant

import (
	"go/ast"
	"go/types"
)

// This file follows values within the package: which expressions a
// variable is assigned. It is built on first use, with one walk over the
// package's assignments and declarations, so that packages that never ask
// pay nothing.

// A flow indexes the values assigned to each variable of the package.
type flow struct {
	values map[*types.Var][]ast.Expr
}

// assigned returns the expressions assigned to v anywhere in the package,
// by =, := or var, in source order. Assignments from a call with several
// results are not values of one variable and are left out.
func (c *checker) assigned(v *types.Var) []ast.Expr {
	if c.flow == nil {
		c.flow = &flow{values: make(map[*types.Var][]ast.Expr)}
		for cur := range c.ins.Root().Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			var lhs, rhs []ast.Expr
			switch n := cur.Node().(type) {
			case *ast.AssignStmt:
				lhs, rhs = n.Lhs, n.Rhs
			case *ast.ValueSpec:
				rhs = n.Values
				for _, name := range n.Names {
					lhs = append(lhs, name)
				}
			}
			if len(lhs) != len(rhs) {
				continue
			}
			for i, l := range lhs {
				id, ok := ast.Unparen(l).(*ast.Ident)
				if !ok {
					continue
				}
				if lv, ok := c.info.ObjectOf(id).(*types.Var); ok {
					c.flow.values[lv] = append(c.flow.values[lv], rhs[i])
				}
			}
		}
	}
	return c.flow.values[v]
}
