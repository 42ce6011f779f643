package passwordgrant

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// fixes returns the suggested fixes of a finding, the one -fix applies
// first. The "allow" fix is added by the caller, always last.
func (c *checker) fixes(f finding) []analysis.SuggestedFix {
	switch f.rule {
	case PG001:
		return c.oauth2Fixes(f)
	case PG002:
		return c.paramsFix(f)
	case PG003:
		return c.textFix(f)
	case PG004, PG005:
		if a, ok := apis[f.api]; ok {
			return c.todoFix(f, a.instead)
		}
		if f.rule == PG004 {
			return c.todoFix(f, "use the provider's authorization code flow with PKCE and refresh tokens")
		}
		return c.todoFix(f, "answer unsupported_grant_type instead of serving the password grant")
	case PG006:
		return c.refreshFix(f)
	case PG007:
		return c.gotoFix(f)
	}
	return nil
}

// refreshFix loads the refresh token at run time instead of pinning it.
func (c *checker) refreshFix(f finding) []analysis.SuggestedFix {
	file := c.fileOf(f.value.Pos())
	if file == nil {
		return nil
	}
	e := c.newEdit()
	osName := e.importName(file, "os", "os")
	e.replace(f.value, osName+`.Getenv("OAUTH2_REFRESH_TOKEN")`)
	e.above(f.anchor,
		"// TODO(passwordgrant): load the refresh token from your token store, and save the new one a",
		"// refresh may return: it invalidates this one.")
	return []analysis.SuggestedFix{e.fix("Load the refresh token at run time")}
}

// gotoFix rewrites GoTo's retired host inside the string literal.
func (c *checker) gotoFix(f finding) []analysis.SuggestedFix {
	lit, ok := f.node.(*ast.BasicLit)
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

// allowFix inserts a //passwordgrant:allow directive above the finding's
// statement. Its reason is a TODO that suppresses nothing until a person
// states the real one, so applying it never hides a finding silently.
func (c *checker) allowFix(f finding) (analysis.SuggestedFix, bool) {
	pos, indent, ok := c.lineAbove(f.anchor)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	text := indent + directivePrefix + "allow " + f.rule + " " + todoReason + " say why this must stay (e.g. a system user, no person signs in)\n"
	return analysis.SuggestedFix{
		Message:   "Allow with a reason (//passwordgrant:allow " + f.rule + ")",
		TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}},
	}, true
}

// lineAbove returns where a comment line above n goes, and the indentation
// of n's line. Where n does not start its line, the comment goes right
// before n and ends the line there.
func (c *checker) lineAbove(n ast.Node) (token.Pos, string, bool) {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return token.NoPos, "", false
	}
	src := c.source(tf)
	start := tf.LineStart(tf.Line(n.Pos()))
	off, end := tf.Offset(start), tf.Offset(n.Pos())
	if src == nil || end > len(src) {
		return token.NoPos, "", false
	}
	if prefix := string(src[off:end]); strings.TrimLeft(prefix, " \t") == "" {
		return start, prefix, true
	}
	return n.Pos(), "", true
}

// source returns a file's content, read once, for fixes that must match
// the code's layout.
func (c *checker) source(tf *token.File) []byte {
	if src, ok := c.sources[tf.Name()]; ok {
		return src
	}
	if c.sources == nil {
		c.sources = make(map[string][]byte)
	}
	src, err := c.pass.ReadFile(tf.Name())
	if err != nil || len(src) != tf.Size() {
		src = nil // changed since parsing, or unreadable: no layout-dependent fixes
	}
	c.sources[tf.Name()] = src
	return src
}
