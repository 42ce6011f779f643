// Package fingerprint identifies a finding across unrelated edits of its
// file, so that a baseline, GitLab and GitHub code scanning recognise it in
// the next commit.
//
// A fingerprint hashes what a reviewer would call "the same finding":
//
//   - the rule ID;
//   - the file, as its module path plus the path inside the module
//     (example.com/app/auth/login.go), not where the checkout lives;
//   - the name of the enclosing top-level declaration
//     ("func (*Client).Login", "var defaultForm", "file" outside any);
//   - the flagged source text with comments, layout and the optional
//     trailing commas removed, so gofmt and reindentation leave it alone;
//   - an occurrence index among findings whose four parts above are equal,
//     in source order, so two identical calls in one function differ.
//
// Line and column numbers are left out on purpose: inserting code above a
// finding moves it without changing it.
package fingerprint

import (
	"crypto/sha256"
	"encoding/hex"
	"go/ast"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// Version names the scheme. It is the suffix of the SARIF
// partialFingerprints key; a change to what is hashed needs a new version,
// since every baseline written with the old one would turn stale.
const Version = "v1"

// Key is what a fingerprint hashes, before the occurrence index.
type Key struct {
	Rule string // rule ID, e.g. PG001
	File string // module path + path in the module, slash-separated
	Decl string // enclosing declaration, from Enclosing
	Expr string // flagged source text, from Normalize
}

// Sum returns the fingerprint of the occurrence'th finding (counting from
// 0 in source order) with key k: 32 hexadecimal digits.
func (k Key) Sum(occurrence int) string {
	h := sha256.New()
	for _, s := range []string{Version, k.Rule, k.File, k.Decl, k.Expr, strconv.Itoa(occurrence)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// Assign returns the fingerprints of findings with the given keys, which
// must be in source order within each file: equal keys get occurrence
// indexes 0, 1, ... in that order.
func Assign(keys []Key) []string {
	seen := make(map[Key]int, len(keys))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.Sum(seen[k])
		seen[k]++
	}
	return out
}

// Normalize returns the Go tokens of src separated by single spaces, with
// comments, automatically inserted semicolons and commas before a closing
// bracket dropped: the text is the same before and after gofmt, however the
// code was laid out. src may be any part of a file, also the inside of a
// string literal; text that is only comments (a directive) is returned as
// those comments with their whitespace collapsed instead.
func Normalize(src []byte) string {
	fset := token.NewFileSet()
	var s scanner.Scanner
	s.Init(fset.AddFile("", -1, len(src)), src, nil, scanner.ScanComments)
	var toks, comments []string
	for {
		_, tok, lit := s.Scan()
		switch {
		case tok == token.EOF:
			return join(toks, comments)
		case tok == token.COMMENT:
			comments = append(comments, strings.Join(strings.Fields(lit), " "))
		case tok == token.SEMICOLON && lit == "\n":
			// inserted at a line end: layout, not code
		case tok == token.RPAREN || tok == token.RBRACE || tok == token.RBRACK:
			if n := len(toks); n > 0 && toks[n-1] == "," {
				toks = toks[:n-1] // gofmt adds it when a list breaks lines
			}
			toks = append(toks, tok.String())
		case lit != "":
			toks = append(toks, lit)
		default:
			toks = append(toks, tok.String())
		}
	}
}

func join(toks, comments []string) string {
	if len(toks) == 0 {
		return strings.Join(comments, " ")
	}
	return strings.Join(toks, " ")
}

// Enclosing names the top-level declaration of f that holds pos, its doc
// comment included: "func Name", "func (*T).Name" (type parameters
// dropped), "var a, b", "const C", "type T", "import path"; "file" when pos
// lies outside every declaration (the package clause, a file comment).
func Enclosing(f *ast.File, pos token.Pos) string {
	for _, d := range f.Decls {
		start := d.Pos()
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			if start <= pos && pos < d.End() {
				return funcName(d)
			}
		case *ast.GenDecl:
			if d.Doc != nil {
				start = d.Doc.Pos()
			}
			if start <= pos && pos < d.End() {
				return genName(d, pos)
			}
		}
	}
	return "file"
}

func funcName(d *ast.FuncDecl) string {
	if d.Recv == nil || len(d.Recv.List) == 0 {
		return "func " + d.Name.Name
	}
	return "func (" + recvType(d.Recv.List[0].Type) + ")." + d.Name.Name
}

func recvType(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return "*" + recvType(e.X)
	case *ast.ParenExpr:
		return recvType(e.X)
	case *ast.IndexExpr:
		return recvType(e.X)
	case *ast.IndexListExpr:
		return recvType(e.X)
	case *ast.Ident:
		return e.Name
	}
	return "?"
}

// genName names the spec of d that holds pos, or all of d's specs when pos
// is in the declaration but in none of them (the keyword, a comment).
func genName(d *ast.GenDecl, pos token.Pos) string {
	var names []string
	for _, s := range d.Specs {
		n := specNames(s)
		if s.Pos() <= pos && pos < s.End() {
			return d.Tok.String() + " " + n
		}
		names = append(names, n)
	}
	return d.Tok.String() + " " + strings.Join(names, "; ")
}

func specNames(s ast.Spec) string {
	switch s := s.(type) {
	case *ast.ValueSpec:
		var names []string
		for _, n := range s.Names {
			names = append(names, n.Name)
		}
		return strings.Join(names, ", ")
	case *ast.TypeSpec:
		return s.Name.Name
	case *ast.ImportSpec:
		return s.Path.Value
	}
	return "?"
}
