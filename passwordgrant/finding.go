package passwordgrant

import (
	"cmp"
	"go/ast"
	"go/token"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// A finding is a diagnostic before suppression. Detection creates it with
// everything its fixes need: the cursor of the node it judged and a
// function that builds the fixes from the nodes detection already holds.
// Fixes are built only for findings that survive suppression.
type finding struct {
	rule   string
	cur    inspector.Cursor // the node judged
	node   ast.Node         // what the diagnostic's range covers
	pos    token.Pos        // where the range starts, when not at node (a call's method name)
	anchor ast.Node         // statement or declaration a directive or TODO goes above
	msg    string           // without the rule ID prefix; never quotes a credential

	related []analysis.RelatedInformation // where the grant is sent, when elsewhere
	sink    string                        // file:line where the grant is sent, when in a function called here
	via     []string                      // the calls that lead there, outermost first

	// fixes builds the rule's suggested fixes, the one -fix applies first;
	// nil for none. The "allow" fix is added by the report, always last.
	fixes func(*fixer) []analysis.SuggestedFix
}

// An emitter receives the findings of a judgement: the checker's add, or
// a probe that only asks whether a function's parameter reaches a sink.
type emitter func(*finding)

// sendsGrant holds the rules whose findings send the password grant as a
// client does.
var sendsGrant = map[string]bool{PG001: true, PG002: true, PG003: true, PG004: true, PG008: true}

type findingKey struct {
	rule string
	pos  token.Pos
}

// start is where the finding's range starts.
func (f *finding) start() token.Pos {
	if f.pos.IsValid() {
		return f.pos
	}
	return f.node.Pos()
}

// add records a finding once per rule and position. A client-side use
// inside a test that expects the grant to be refused is the server's
// regression test, not a use.
func (c *checker) add(f *finding) {
	k := findingKey{f.rule, f.start()}
	if c.seen[k] {
		return
	}
	if sendsGrant[f.rule] && inRefusalTest(c.pass, f.cur) {
		return
	}
	if c.seen == nil {
		c.seen = make(map[findingKey]bool)
	}
	c.seen[k] = true
	c.findings = append(c.findings, f)
}

// report applies the allow directives and reports what is left, in file
// and position order, then reports the directives' own problems.
func (c *checker) report(dirs []*directive) {
	// Files are parsed concurrently, so positions order findings only
	// within a file; across files the package's file order decides.
	order := make(map[*token.File]int, len(c.pass.Files))
	for i, f := range c.pass.Files {
		order[c.pass.Fset.File(f.FileStart)] = i
	}
	slices.SortStableFunc(c.findings, func(a, b *finding) int {
		fa, fb := c.pass.Fset.File(a.start()), c.pass.Fset.File(b.start())
		return cmp.Or(cmp.Compare(order[fa], order[fb]), cmp.Compare(a.start(), b.start()))
	})
	fx := &fixer{pass: c.pass, findings: c.findings}
	for _, f := range c.findings {
		if d := suppressing(dirs, c.pass.Fset, f); d != nil {
			d.used = true
			continue
		}
		c.reportFinding(fx, f)
	}
	reportDirectives(c.pass, dirs, c.cfg.ReportUnused)
}

func (c *checker) reportFinding(fx *fixer, f *finding) {
	r, _ := RuleByID(f.rule)
	var fixes []analysis.SuggestedFix
	if f.fixes != nil {
		for _, fix := range f.fixes(fx) {
			if fx.valid(fix) {
				fixes = append(fixes, fix)
			}
		}
	}
	if allow, ok := fx.allow(f); ok && fx.valid(allow) {
		fixes = append(fixes, allow)
	}
	if c.cfg.FirstFixOnly && len(fixes) > 1 {
		fixes = fixes[:1]
	}
	pos, end := clamp(c.pass.Fset, f.start(), f.node.End())
	c.pass.Report(analysis.Diagnostic{
		Pos:            pos,
		End:            end,
		Category:       f.rule,
		Message:        f.rule + ": " + f.msg,
		URL:            r.URL(),
		SuggestedFixes: fixes,
		Related:        f.related,
	})
}

// clamp returns the range within its file: on code with syntax errors the
// parser may end a node past the end of the file.
func clamp(fset *token.FileSet, pos, end token.Pos) (token.Pos, token.Pos) {
	if tf := fset.File(pos); tf != nil {
		last := token.Pos(tf.Base() + tf.Size())
		end = min(max(end, pos), last)
	}
	return pos, end
}
