package passwordgrant

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"path"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
)

// An edit collects the text edits of one suggested fix. Insertions at the
// same position are joined, because a fix must not hold overlapping edits.
type edit struct {
	c     *checker
	edits []analysis.TextEdit
	names map[*ast.File]map[string]string // import path -> name, per file
}

func (c *checker) newEdit() *edit { return &edit{c: c} }

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
	pos, indent, ok := e.c.lineAbove(n)
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

// importName returns the name by which file refers to the package at path,
// adding an import when it has none. want is the preferred name; a clash
// with another import gets the name "x" + want.
func (e *edit) importName(file *ast.File, path, want string) string {
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
		if p == path && name != "_" && name != "." {
			e.remember(file, path, name)
			return name
		}
		taken[name] = true
	}
	name := want
	for taken[name] || e.c.pass.Pkg.Scope().Lookup(name) != nil {
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
		if lastStd != nil {
			e.insert(lastStd.End(), "\n\t"+spec)
		} else {
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

// fileOf returns the syntax of the file holding pos.
func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// srcText returns the source text of n, or "" when it is not available.
func (c *checker) srcText(n ast.Node) string {
	tf := c.pass.Fset.File(n.Pos())
	if tf == nil {
		return ""
	}
	src := c.source(tf)
	start, end := tf.Offset(n.Pos()), tf.Offset(n.End())
	if src == nil || start < 0 || end > len(src) || start > end {
		return ""
	}
	return string(src[start:end])
}

// keepAlive keeps local variables that a fix stops using from becoming
// unused (a compile error): it assigns them to _ with a TODO to remove them.
func (e *edit) keepAlive(anchor ast.Node, dropped ...ast.Expr) {
	c := e.c
	var names []string
	for _, x := range dropped {
		id, ok := ast.Unparen(x).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !ok || v.Parent() == nil || v.Parent() == c.pass.Pkg.Scope() || v.Parent() == types.Universe {
			continue
		}
		if c.usesIn(id, v) <= 1 && !slices.Contains(names, id.Name) {
			names = append(names, id.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	blanks := strings.TrimSuffix(strings.Repeat("_, ", len(names)), ", ")
	e.above(anchor, blanks+" = "+strings.Join(names, ", ")+" // TODO(passwordgrant): no longer sent; remove, with where it comes from")
}

// usesIn counts the uses of local variable v in the function around id; a
// function parameter counts as used, as the compiler does.
func (c *checker) usesIn(id *ast.Ident, v *types.Var) int {
	file := c.fileOf(id.Pos())
	if file == nil {
		return 2
	}
	path, _ := astutil.PathEnclosingInterval(file, id.Pos(), id.End())
	var body ast.Node
	for _, n := range path {
		var ft *ast.FuncType
		switch n := n.(type) {
		case *ast.FuncLit:
			ft, body = n.Type, n.Body
		case *ast.FuncDecl:
			ft, body = n.Type, n.Body
		default:
			continue
		}
		if ft.Params != nil && v.Pos() >= ft.Params.Pos() && v.Pos() < ft.Params.End() {
			return 2 // a parameter may go unused
		}
		if body.Pos() <= v.Pos() && v.Pos() < body.End() {
			break
		}
	}
	if body == nil {
		return 2
	}
	n := 0
	ast.Inspect(body, func(x ast.Node) bool {
		if x, ok := x.(*ast.Ident); ok && c.pass.TypesInfo.Uses[x] == v {
			n++
		}
		return true
	})
	return n
}

// todoFix marks a finding for migration with a TODO(passwordgrant) comment
// above it. Offered where no rewrite is safe, it is the first fix, so that
// -fix leaves a marker, never an allow directive. Applied twice it is
// applied once: when the marker is there, the fix rewrites it unchanged.
func (c *checker) todoFix(f finding, advice string) []analysis.SuggestedFix {
	marker := "// TODO(passwordgrant): " + f.rule + " " + advice
	e := c.newEdit()
	if prev, ok := c.markerAbove(f.anchor, "// TODO(passwordgrant): "+f.rule); ok {
		e.replace(prev, prev.Text)
	} else if !e.above(f.anchor, marker) {
		return nil
	}
	return []analysis.SuggestedFix{e.fix("Mark for migration: " + advice)}
}

// markerAbove returns the comment on the line above n that starts with
// prefix, if there is one.
func (c *checker) markerAbove(n ast.Node, prefix string) (*ast.Comment, bool) {
	file := c.fileOf(n.Pos())
	tf := c.pass.Fset.File(n.Pos())
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
