package main

import (
	"cmp"
	"go/ast"
	"go/token"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/internal/fingerprint"
)

// A finding is one diagnostic with everything the output formats and the
// baseline need. It is built once per run; every format reads the same
// findings.
type finding struct {
	fset *token.FileSet
	analysis.Diagnostic
	pkg         *packages.Package // the first package it was reported in
	file        *ast.File         // its syntax in pkg, nil if outside every file
	filename    string            // as parsed: the file in the repository, //line ignored
	rel         string            // filename relative to the module root, slash-separated (absolute outside it)
	decl        string            // enclosing declaration, for the baseline
	fingerprint string
}

// rule is the finding's rule ID: its category, or the analyzer's name for
// a diagnostic without one (a bug, but its finding still belongs in the
// report).
func (f *finding) rule() string { return f.Category }

// line is the finding's line in the file as it is in the repository.
func (f *finding) line() (begin, end int) {
	p := f.fset.PositionFor(f.Pos, false)
	e := p
	if f.End.IsValid() && f.End >= f.Pos {
		e = f.fset.PositionFor(f.End, false)
	}
	return p.Line, e.Line
}

// packageFindings are the findings of one package (variant) in the order
// the analyzer reported them, for the JSON tree, which is per package.
type packageFindings struct {
	id       string
	analyzer string
	findings []*finding
}

// collect gathers the findings of the graph's root actions. It returns
// them per package, and once each in file order: a file in both a package
// and its test variant is analysed twice, and reported once. Fingerprints
// are assigned over the unique findings, so duplicates share one.
func collect(graph *checker.Graph, root string, files fileCache) (perPkg []packageFindings, unique []*finding) {
	type dedupKey struct {
		filename      string
		pos, end      int
		rule, message string
	}
	byKey := map[dedupKey]*finding{}
	keyOf := map[*finding]dedupKey{}
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		pf := packageFindings{id: act.Package.ID, analyzer: act.Analyzer.Name}
		for _, d := range act.Diagnostics {
			if d.Category == "" {
				d.Category = act.Analyzer.Name
			}
			f := &finding{fset: act.Package.Fset, Diagnostic: d}
			tf := f.fset.File(d.Pos)
			if tf != nil {
				f.filename = tf.Name()
			}
			k := dedupKey{f.filename, offset(tf, d.Pos), offset(tf, d.End), d.Category, d.Message}
			if first, ok := byKey[k]; ok {
				f.pkg, f.file, f.rel, f.decl = first.pkg, first.file, first.rel, first.decl
			} else {
				f.pkg, f.file = act.Package, syntaxOf(act.Package, d.Pos)
				f.rel = relPath(root, f.filename)
				f.decl = "file"
				if f.file != nil {
					f.decl = fingerprint.Enclosing(f.file, d.Pos)
				}
				byKey[k] = f
				unique = append(unique, f)
			}
			keyOf[f] = k
			pf.findings = append(pf.findings, f)
		}
		if len(pf.findings) > 0 {
			perPkg = append(perPkg, pf)
		}
	}
	slices.SortFunc(perPkg, func(a, b packageFindings) int { return cmp.Compare(a.id, b.id) })
	slices.SortFunc(unique, func(a, b *finding) int {
		ka, kb := keyOf[a], keyOf[b]
		return cmp.Or(
			cmp.Compare(a.rel, b.rel),
			cmp.Compare(ka.pos, kb.pos),
			cmp.Compare(ka.end, kb.end),
			cmp.Compare(ka.rule, kb.rule),
			cmp.Compare(ka.message, kb.message),
		)
	})

	keys := make([]fingerprint.Key, len(unique))
	for i, f := range unique {
		keys[i] = fingerprint.Key{
			Rule: f.rule(),
			File: moduleFile(f.pkg, f.filename),
			Decl: f.decl,
			Expr: fingerprint.Normalize(flaggedText(f, files)),
		}
	}
	for i, fp := range fingerprint.Assign(keys) {
		unique[i].fingerprint = fp
	}
	for _, pf := range perPkg {
		for _, f := range pf.findings {
			f.fingerprint = byKey[keyOf[f]].fingerprint
		}
	}
	return perPkg, unique
}

func offset(tf *token.File, p token.Pos) int {
	if tf == nil || !p.IsValid() || int(p) < tf.Base() || int(p) > tf.Base()+tf.Size() {
		return -1
	}
	return tf.Offset(p)
}

// syntaxOf returns the file of pkg that holds pos (nil if none).
func syntaxOf(pkg *packages.Package, pos token.Pos) *ast.File {
	for _, f := range pkg.Syntax {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// moduleFile names filename independently of where the code is checked
// out: its module path and its path inside the module
// (example.com/app/auth/login.go). Outside a module, the package's
// directory import path stands in for the module path.
func moduleFile(pkg *packages.Package, filename string) string {
	base := filepath.Base(filename)
	if pkg == nil {
		return base
	}
	if m := pkg.Module; m != nil && m.Dir != "" {
		if rel, err := filepath.Rel(m.Dir, filename); err == nil && filepath.IsLocal(rel) {
			return path.Join(m.Path, filepath.ToSlash(rel))
		}
	}
	return path.Join(strings.TrimSuffix(pkg.PkgPath, "_test"), base)
}

// relPath is filename relative to root with forward slashes, as code
// scanning, GitLab and the baseline show it; a file outside root keeps its
// absolute path.
func relPath(root, filename string) string {
	if rel, err := filepath.Rel(root, filename); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(filename)
}

// flaggedText is the source text of the finding's range, or of the
// smallest syntax node at its position when the range is empty. Unreadable
// or changed files give no text: the fingerprint then rests on the rule,
// file and declaration.
func flaggedText(f *finding, files fileCache) []byte {
	tf := f.fset.File(f.Pos)
	if tf == nil {
		return nil
	}
	content, err := files.content(tf.Name())
	if err != nil || len(content) != tf.Size() {
		return nil
	}
	start, end := offset(tf, f.Pos), offset(tf, f.End)
	if end <= start {
		if f.file != nil {
			if path, _ := astutil.PathEnclosingInterval(f.file, f.Pos, f.Pos); len(path) > 0 {
				start, end = offset(tf, path[0].Pos()), offset(tf, path[0].End())
			}
		}
	}
	if start < 0 || end < start || end > len(content) {
		return nil
	}
	return content[start:end]
}
