package passwordgrant

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// This file holds the edit helpers that every rule's fixes share: a fixer
// (what fixes may read), an edit (the text edits of one fix), imports that
// resolve names where they are used, TODO markers and the allow fix.

// A fixer is what fix builders read: the pass, the package's findings (a
// helper added once per package goes where the first of them is), and the
// source text of files, read once, for fixes that must match the layout.
type fixer struct {
	pass     *analysis.Pass
	findings []*finding
	sources  map[string][]byte
}

// An edit collects the text edits of one suggested fix. Insertions at the
// same position are joined, because a fix must not hold overlapping edits.
type edit struct {
	fx    *fixer
	edits []analysis.TextEdit
	names map[*ast.File]map[string]string // import path -> name, per file
}

func (fx *fixer) newEdit() *edit { return &edit{fx: fx} }

func (e *edit) replace(n ast.Node, text string) {
	e.edits = append(e.edits, analysis.TextEdit{Pos: n.Pos(), End: n.End(), NewText: []byte(text)})
}

func (e *edit) replaceRange(pos, end token.Pos, text string) {
	e.edits = append(e.edits, analysis.TextEdit{Pos: pos, End: end, NewText: []byte(text)})
}

func (e *edit) insert(pos token.Pos, text string) {
	for i := range e.edits {
		if ed := &e.edits[i]; ed.Pos == pos && ed.End == pos {
			ed.NewText = append(ed.NewText, text...)
			return
		}
	}
	e.edits = append(e.edits, analysis.TextEdit{Pos: pos, End: pos, NewText: []byte(text)})
}

// above inserts comment or code lines above the line of n, indented like it.
func (e *edit) above(n ast.Node, lines ...string) bool {
	pos, indent, ok := e.fx.lineAbove(n)
	if !ok {
		return false
	}
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(indent + l + "\n")
	}
	e.insert(pos, b.String())
	return true
}

// fix returns the suggested fix, its edits in position order.
func (e *edit) fix(msg string) analysis.SuggestedFix {
	slices.SortStableFunc(e.edits, func(a, b analysis.TextEdit) int {
		return cmp.Or(cmp.Compare(a.Pos, b.Pos), cmp.Compare(a.End, b.End))
	})
	return analysis.SuggestedFix{Message: msg, TextEdits: e.edits}
}

// importName returns the name by which code at the positions at refers to
// the package at path, adding an import to file when it has none that is
// visible there. want is the preferred name. Names are resolved in the
// scope of each position, so a parameter or local called os that shadows
// the import makes the fix import os under another name (xos) rather than
// call a method of the local.
func (e *edit) importName(file *ast.File, path, want string, at ...token.Pos) string {
	if n, ok := e.names[file][path]; ok {
		return n
	}
	taken := make(map[string]bool)
	for _, imp := range file.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		name := defaultName(p)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if p == path && name != "_" && name != "." && e.fx.visibleAs(name, path, at) {
			e.remember(file, path, name)
			return name
		}
		taken[name] = true
	}
	name := want
	for taken[name] || !e.fx.free(name, at) {
		name = "x" + name
	}
	spec := strconv.Quote(path)
	if name != defaultName(path) {
		spec = name + " " + spec
	}
	// Join a parenthesized import block, else start one after the package
	// clause; the drivers sort and format imports afterwards.
	var decl *ast.GenDecl
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			decl = gd
			break
		}
	}
	switch {
	case decl != nil && decl.Lparen.IsValid():
		// A standard package joins the first group, after its last
		// standard import, as goimports would place it.
		var lastStd ast.Spec
		if isStd(path) {
			for _, s := range decl.Specs {
				if p, _ := strconv.Unquote(s.(*ast.ImportSpec).Path.Value); isStd(p) {
					lastStd = s
				}
			}
		}
		switch {
		case lastStd != nil:
			e.insert(lastStd.End(), "\n\t"+spec)
		case len(decl.Specs) > 0 && e.fx.sameLine(decl.Specs[len(decl.Specs)-1].End(), decl.Rparen):
			// import("a"): the new spec needs a line of its own.
			e.insert(decl.Rparen, "\n\t"+spec+"\n")
		default:
			e.insert(decl.Rparen, "\t"+spec+"\n")
		}
	case decl != nil:
		e.insert(decl.End(), "\nimport "+spec)
	default:
		e.insert(file.Name.End(), "\n\nimport "+spec)
	}
	e.remember(file, path, name)
	return name
}

func (e *edit) remember(file *ast.File, path, name string) {
	if e.names == nil {
		e.names = make(map[*ast.File]map[string]string)
	}
	if e.names[file] == nil {
		e.names[file] = make(map[string]string)
	}
	e.names[file][path] = name
}

// sameLine reports whether a and b are on one line of one file.
func (fx *fixer) sameLine(a, b token.Pos) bool {
	tf := fx.pass.Fset.File(a)
	return tf != nil && fx.pass.Fset.File(b) == tf && tf.Line(a) == tf.Line(b)
}

// scopeAt is the innermost scope at pos (the package scope outside every
// declaration, such as the end of a file where helpers go).
func (fx *fixer) scopeAt(pos token.Pos) *types.Scope {
	if s := fx.pass.Pkg.Scope().Innermost(pos); s != nil {
		return s
	}
	return fx.pass.Pkg.Scope()
}

// visibleAs reports whether name refers to the import of path at every
// position of at.
func (fx *fixer) visibleAs(name, path string, at []token.Pos) bool {
	for _, pos := range at {
		_, obj := fx.scopeAt(pos).LookupParent(name, pos)
		pn, ok := obj.(*types.PkgName)
		if !ok || pn.Imported().Path() != path {
			return false
		}
	}
	return true
}

// free reports whether a new import may take name: nothing of the package
// is called so, and nothing called so is visible at the positions of at.
func (fx *fixer) free(name string, at []token.Pos) bool {
	if fx.pass.Pkg.Scope().Lookup(name) != nil {
		return false
	}
	for _, pos := range at {
		if _, obj := fx.scopeAt(pos).LookupParent(name, pos); obj != nil {
			return false
		}
	}
	return true
}

// isStd reports whether an import path is of the standard library.
func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".")
}

// defaultName is the name a package is imported by without a rename, for
// the standard library and the modules fixes import.
func defaultName(p string) string {
	base := path.Base(p)
	if strings.HasPrefix(base, "v") && len(base) > 1 && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(p))
	}
	return base
}

// source returns a file's content, read once, for fixes that must match
// the code's layout.
func (fx *fixer) source(tf *token.File) []byte {
	if src, ok := fx.sources[tf.Name()]; ok {
		return src
	}
	if fx.sources == nil {
		fx.sources = make(map[string][]byte)
	}
	read := fx.pass.ReadFile
	if read == nil {
		read = os.ReadFile // Bazel's nogo leaves Pass.ReadFile nil (internal/nogocheck)
	}
	src, err := read(tf.Name())
	if err != nil || len(src) != tf.Size() {
		src = nil // changed since parsing, or unreadable: no layout-dependent fixes
	}
	fx.sources[tf.Name()] = src
	return src
}

// srcText returns the source text of n, or "" when it is not available.
func (fx *fixer) srcText(n ast.Node) string {
	tf := fx.pass.Fset.File(n.Pos())
	if tf == nil {
		return ""
	}
	src := fx.source(tf)
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if src == nil || start < 0 || end > len(src) || start > end {
		return ""
	}
	return string(src[start:end])
}

// lineAbove returns where a comment line above n goes, and the indentation
// of n's line. Where n does not start its line, the comment goes right
// before n and ends the line there.
func (fx *fixer) lineAbove(n ast.Node) (token.Pos, string, bool) {
	tf := fx.pass.Fset.File(n.Pos())
	if tf == nil {
		return token.NoPos, "", false
	}
	src := fx.source(tf)
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

// keepAlive keeps what a fix stops sending from breaking the build: a
// local variable used nowhere else, or an import used only by a dropped
// expression such as url.QueryEscape(pass), would become unused (a compile
// error). It evaluates them into _ with a TODO to remove them. at is the
// cursor of the finding, inside the function that uses them.
func (e *edit) keepAlive(at inspector.Cursor, anchor ast.Node, dropped ...ast.Expr) {
	info := e.fx.pass.TypesInfo
	var kept []string
	for _, x := range dropped {
		x = ast.Unparen(x)
		if _, isLit := x.(*ast.CompositeLit); isLit || info.Types[x].Value != nil {
			continue // a constant uses nothing; a list's elements come on their own
		}
		text := e.fx.srcText(x)
		if id, ok := x.(*ast.Ident); ok {
			v, ok := info.Uses[id].(*types.Var)
			if !ok || v.Parent() == nil || v.Parent() == e.fx.pass.Pkg.Scope() || v.Parent() == types.Universe || usesIn(info, at, v) > 1 {
				continue // still used, or a package variable: nothing breaks
			}
			text = id.Name
		}
		if text != "" && !slices.Contains(kept, text) {
			kept = append(kept, text)
		}
	}
	if len(kept) == 0 {
		return
	}
	blanks := strings.TrimSuffix(strings.Repeat("_, ", len(kept)), ", ")
	if _, inFunc := enclosingFunc(at); !inFunc {
		blanks = "var " + blanks // a declaration, where statements cannot stand
	}
	e.above(anchor, blanks+" = "+strings.Join(kept, ", ")+" // TODO(passwordgrant): no longer sent; remove, with where it comes from")
}

// usesIn counts the uses of local variable v in the function around cur
// that declares it; a function parameter counts as used, as the compiler
// does.
func usesIn(info *types.Info, cur inspector.Cursor, v *types.Var) int {
	var body ast.Node
	for fc := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ft *ast.FuncType
		switch n := fc.Node().(type) {
		case *ast.FuncLit:
			ft, body = n.Type, n.Body
		case *ast.FuncDecl:
			ft, body = n.Type, n.Body
		}
		if ft.Params != nil && v.Pos() >= ft.Params.Pos() && v.Pos() < ft.Params.End() {
			return 2 // a parameter may go unused
		}
		if body != nil && body.Pos() <= v.Pos() && v.Pos() < body.End() {
			break
		}
	}
	if body == nil {
		return 2
	}
	n := 0
	ast.Inspect(body, func(x ast.Node) bool {
		if x, ok := x.(*ast.Ident); ok && info.Uses[x] == v {
			n++
		}
		return true
	})
	return n
}

// todo marks a finding for migration with a TODO(passwordgrant) comment
// above it, naming what to do instead. It changes no behaviour, so it is
// the first fix wherever no rewrite is safe. Applied twice it is applied
// once: when the marker is there, the fix rewrites it unchanged.
func (fx *fixer) todo(f *finding, advice string) []analysis.SuggestedFix {
	marker := "// TODO(passwordgrant): " + f.rule + " " + advice
	e := fx.newEdit()
	if prev, ok := fx.markerAbove(f.cur, f.anchor, "// TODO(passwordgrant): "+f.rule); ok {
		e.replace(prev, prev.Text)
	} else if !e.above(f.anchor, marker) {
		return nil
	}
	return []analysis.SuggestedFix{e.fix("Mark for migration: " + advice)}
}

// markerAbove returns the comment on the line above n that starts with
// prefix, if there is one.
func (fx *fixer) markerAbove(cur inspector.Cursor, n ast.Node, prefix string) (*ast.Comment, bool) {
	file := fileOf(cur)
	tf := fx.pass.Fset.File(n.Pos())
	if file == nil || tf == nil {
		return nil, false
	}
	line := tf.Line(n.Pos())
	for _, cg := range file.Comments {
		for _, cm := range cg.List {
			if tf.Line(cm.Pos()) == line-1 && strings.HasPrefix(cm.Text, prefix) {
				return cm, true
			}
		}
	}
	return nil, false
}

// allow inserts a //passwordgrant:allow directive above the finding's
// statement. Its reason is a TODO that suppresses nothing until a person
// states the real one, so applying it never hides a finding silently.
func (fx *fixer) allow(f *finding) (analysis.SuggestedFix, bool) {
	pos, indent, ok := fx.lineAbove(f.anchor)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	text := indent + directivePrefix + "allow " + f.rule + " " + todoReason + " say why this must stay (e.g. a system user, no person signs in)\n"
	return analysis.SuggestedFix{
		Message:   "Allow with a reason (//passwordgrant:allow " + f.rule + ")",
		TextEdits: []analysis.TextEdit{{Pos: pos, End: pos, NewText: []byte(text)}},
	}, true
}

// valid reports whether a fix's edits are in their files' bounds and do
// not overlap. Drivers reject (some by panicking) fixes that are not; on
// broken or unusual code a fix we cannot make well is better dropped.
func (fx *fixer) valid(fix analysis.SuggestedFix) bool {
	type span struct{ pos, end token.Pos }
	fset := fx.pass.Fset
	byFile := make(map[*token.File][]span)
	for _, e := range fix.TextEdits {
		tf := fset.File(e.Pos)
		if tf == nil || e.End < e.Pos || fset.File(e.End) != tf && e.End != token.Pos(tf.Base()+tf.Size()) {
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
