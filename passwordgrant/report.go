package passwordgrant

import (
	"go/ast"
	"go/token"

	"golang.org/x/tools/go/analysis"
)

// A finding is a diagnostic before suppression, with what its fixes need.
type finding struct {
	rule   string
	node   ast.Node // what the diagnostic's range covers
	anchor ast.Node // statement or declaration a directive or TODO goes above
	msg    string   // without the rule ID prefix; never quotes a credential

	value ast.Expr      // PG002/PG003/PG006: the expression holding the value
	call  *ast.CallExpr // PG001/PG004: the call, when the API is called
	api   string        // PG001/PG004/PG005: the apis key
}

func (c *checker) reportFinding(f finding) {
	r, _ := RuleByID(f.rule)
	fixes := c.fixes(f)
	if allow, ok := c.allowFix(f); ok {
		fixes = append(fixes, allow)
	}
	pos, end := c.clamp(f.node)
	c.pass.Report(analysis.Diagnostic{
		Pos:            pos,
		End:            end,
		Category:       f.rule,
		Message:        f.rule + ": " + f.msg,
		URL:            r.URL(),
		SuggestedFixes: fixes,
	})
}

// clamp returns n's range within its file: on code with syntax errors the
// parser may end a node past the end of the file.
func (c *checker) clamp(n ast.Node) (token.Pos, token.Pos) {
	pos, end := n.Pos(), n.End()
	if tf := c.pass.Fset.File(pos); tf != nil {
		last := token.Pos(tf.Base() + tf.Size())
		end = min(max(end, pos), last)
	}
	return pos, end
}
