package passwordgrant

import (
	"cmp"
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
)

// A finding is a diagnostic before suppression, with what its fixes need.
type finding struct {
	rule   string
	node   ast.Node  // what the diagnostic's range covers
	anchor ast.Node  // statement or declaration a directive or TODO goes above
	msg    string    // without the rule ID prefix; never quotes a credential
	pos    token.Pos // where the range starts, when not at node (a call's method name)

	value ast.Expr          // PG002/PG003/PG006: the constant expression holding the value
	list  *ast.CompositeLit // PG002: the grant-type list literal holding the value
	call  *ast.CallExpr     // PG001/PG004: the call, when the API is called
	api   string            // PG001/PG004/PG005: the apis key
}

func (c *checker) reportFinding(f finding) {
	r, _ := RuleByID(f.rule)
	var fixes []analysis.SuggestedFix
	for _, fix := range c.fixes(f) {
		if c.validFix(fix) {
			fixes = append(fixes, fix)
		}
	}
	if allow, ok := c.allowFix(f); ok && c.validFix(allow) {
		fixes = append(fixes, allow)
	}
	pos, end := c.clamp(f.start(), f.node.End())
	c.pass.Report(analysis.Diagnostic{
		Pos:            pos,
		End:            end,
		Category:       f.rule,
		Message:        f.rule + ": " + f.msg,
		URL:            r.URL(),
		SuggestedFixes: fixes,
	})
}

// start is where the finding's range starts.
func (f finding) start() token.Pos {
	if f.pos.IsValid() {
		return f.pos
	}
	return f.node.Pos()
}

// clamp returns the range within its file: on code with syntax errors the
// parser may end a node past the end of the file.
func (c *checker) clamp(pos, end token.Pos) (token.Pos, token.Pos) {
	if tf := c.pass.Fset.File(pos); tf != nil {
		last := token.Pos(tf.Base() + tf.Size())
		end = min(max(end, pos), last)
	}
	return pos, end
}

// validFix reports whether a fix's edits are in their files' bounds and do
// not overlap. Drivers reject (some by panicking) fixes that are not; on
// broken or unusual code a fix we cannot make well is better dropped.
func (c *checker) validFix(fix analysis.SuggestedFix) bool {
	type span struct{ pos, end token.Pos }
	byFile := make(map[*token.File][]span)
	for _, e := range fix.TextEdits {
		tf := c.pass.Fset.File(e.Pos)
		if tf == nil || e.End < e.Pos || c.pass.Fset.File(e.End) != tf && e.End != token.Pos(tf.Base()+tf.Size()) {
			return false
		}
		if int(e.End)-tf.Base() > tf.Size() {
			return false
		}
		byFile[tf] = append(byFile[tf], span{e.Pos, e.End})
	}
	for _, spans := range byFile {
		// Insertions sort before a deletion at the same place, as the
		// drivers apply them.
		slices.SortFunc(spans, func(a, b span) int { return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.end, b.end)) })
		for i := 1; i < len(spans); i++ {
			if spans[i].pos < spans[i-1].end {
				return false
			}
		}
	}
	return len(fix.TextEdits) > 0
}
