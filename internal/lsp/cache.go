package lsp

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// A loader loads the package of a changed file and keeps, per package
// directory, what the next edit can reuse: the package's metadata (files,
// imports, module, sizes) and the type information of everything it
// imports, read once from the go command's export data. An edit that
// leaves the package's file list and every file's header (build
// constraints, package clause, imports) alone is then only parsed and
// type-checked, in process, against the kept dependencies: no go command,
// no export data read again. Anything else loads afresh with go/packages,
// as the first edit does.
//
// What invalidates a directory's entry:
//   - a .go file added to or removed from the directory, or a change in
//     any file's header: the file list or the imports may differ;
//   - go.mod or go.sum changing on disk (their size or time);
//   - an unsaved change in an open file of another package, since the
//     dependencies' types were computed with the open files then;
//   - a save of a file in another directory, which may be a dependency;
//   - age (entryTTL), which bounds how long a change made outside the
//     editor (git checkout, go get) to a dependency goes unseen, and use
//     (entryUses), since each type-check adds the parsed files to the
//     entry's token.FileSet, which only grows.
//
// For an analyzer with facts (passwordgrant -deps), the first load
// parses and type-checks the dependencies from source and analyzes them,
// as the checker must; the entry then keeps the facts they exported (and
// drops their syntax), and an edit analyzes the package alone with them.
//
// Packages that use cgo, fail to list, or whose external test package
// imports the package under test (whose body the edit changes) always
// load afresh.
type loader struct {
	mu      sync.Mutex
	entries map[cacheKey]*cacheEntry
}

const (
	entryTTL  = 5 * time.Minute
	entryUses = 500
	entryMax  = 16 // directories kept; the least recently loaded goes first
)

type cacheKey struct {
	dir   string
	tests bool
}

type cacheEntry struct {
	fset    *token.FileSet
	roots   []*packages.Package // metadata and imports only: no syntax, no types of their own
	headers map[string]string   // every .go file of the directory: its header
	others  string              // open files of other directories, at load time
	mod     string              // go.mod and go.sum, at load time
	loaded  time.Time
	uses    int
	facts   *factSet // the dependencies' facts, for an analyzer with facts
}

func newLoader() *loader { return &loader{entries: map[cacheKey]*cacheEntry{}} }

// run loads and analyzes the package of the job's files. It reports
// whether it reused what was kept.
func (l *loader) run(ctx context.Context, a *analysis.Analyzer, j job, overlay map[string][]byte) (*result, bool, error) {
	key := cacheKey{j.dir, j.tests}
	j.deps = usesFacts(a, map[*analysis.Analyzer]bool{})
	hdrs, cacheable := headers(j.dir, overlay)
	others := otherOverlays(j.dir, overlay)
	if cacheable {
		l.mu.Lock()
		e := l.entries[key]
		valid := e != nil && time.Since(e.loaded) < entryTTL && e.uses < entryUses &&
			e.others == others && e.mod == modState(e.roots) && equalMaps(e.headers, hdrs) && holdsAll(e.roots, j.files)
		if valid {
			e.uses++
		} else {
			delete(l.entries, key)
		}
		l.mu.Unlock()
		if valid {
			pkgs, err := e.check(ctx, overlay)
			if err != nil {
				return nil, true, err
			}
			if j.deps {
				a = withFacts(a, e.facts)
			}
			res, err := analyze(ctx, a, j, pkgs, overlay)
			return res, true, err
		}
	}

	fset := token.NewFileSet()
	pkgs, err := load(ctx, j, overlay, fset)
	if err != nil {
		return nil, false, err
	}
	res, graph, err := analyzeGraph(ctx, a, j, pkgs, overlay)
	if err != nil || !cacheable || ctx.Err() != nil {
		return res, false, err
	}
	if roots, ok := keepable(j, pkgs); ok {
		e := &cacheEntry{fset: fset, roots: roots, headers: hdrs, others: others, mod: modState(roots), loaded: time.Now()}
		if j.deps {
			e.facts = depFacts(graph)
			forgetSyntax(pkgs)
		}
		l.mu.Lock()
		if len(l.entries) >= entryMax {
			var oldest cacheKey
			var t time.Time
			for k, e := range l.entries {
				if t.IsZero() || e.loaded.Before(t) {
					oldest, t = k, e.loaded
				}
			}
			delete(l.entries, oldest)
		}
		l.entries[key] = e
		l.mu.Unlock()
	}
	return res, false, nil
}

// saved drops the entries that a save of path may have made stale: those
// of every other directory.
func (l *loader) saved(path string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k := range l.entries {
		if k.dir != filepath.Dir(path) {
			delete(l.entries, k)
		}
	}
}

func usesFacts(a *analysis.Analyzer, seen map[*analysis.Analyzer]bool) bool {
	if seen[a] {
		return false
	}
	seen[a] = true
	if len(a.FactTypes) > 0 {
		return true
	}
	return slices.ContainsFunc(a.Requires, func(r *analysis.Analyzer) bool { return usesFacts(r, seen) })
}

// keepable returns the metadata of the loaded packages that a later edit
// can type-check on its own, or false when it cannot.
func keepable(j job, pkgs []*packages.Package) ([]*packages.Package, bool) {
	ids := map[string]bool{}
	for _, p := range pkgs {
		ids[p.ID] = true
	}
	var roots []*packages.Package
	for _, p := range pkgs {
		if p.Types == nil || p.TypesSizes == nil || p.Module == nil || !slices.Equal(p.GoFiles, p.CompiledGoFiles) {
			return nil, false // cgo, or not a module's package, or not loaded
		}
		if slices.ContainsFunc(p.Errors, func(e packages.Error) bool { return e.Kind == packages.ListError || e.Kind == packages.UnknownError }) {
			return nil, false
		}
		for _, imp := range p.Imports {
			if ids[imp.ID] {
				continue // type-checked from source, in order
			}
			if imp.Types == nil || !imp.Types.Complete() {
				return nil, false
			}
			// The package under test, as its external test imports it:
			// its types change with the very edits this entry would serve.
			if len(imp.GoFiles) > 0 && filepath.Dir(imp.GoFiles[0]) == j.dir {
				return nil, false
			}
		}
		roots = append(roots, &packages.Package{
			ID: p.ID, Name: p.Name, PkgPath: p.PkgPath,
			GoFiles: p.GoFiles, CompiledGoFiles: p.CompiledGoFiles,
			OtherFiles: p.OtherFiles, IgnoredFiles: p.IgnoredFiles,
			Module: p.Module, TypesSizes: p.TypesSizes, Imports: p.Imports,
		})
	}
	return roots, len(roots) > 0
}

// check parses and type-checks the entry's packages from the current
// text, against the kept dependencies.
func (e *cacheEntry) check(ctx context.Context, overlay map[string][]byte) ([]*packages.Package, error) {
	checked := map[string]*packages.Package{}
	var out []*packages.Package
	for len(out) < len(e.roots) {
		progress := false
		for _, meta := range e.roots {
			if checked[meta.ID] != nil || !importsChecked(meta, e.roots, checked) {
				continue
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			p, err := e.checkOne(meta, overlay, checked)
			if err != nil {
				return nil, err
			}
			checked[meta.ID] = p
			out = append(out, p)
			progress = true
		}
		if !progress {
			return nil, fmt.Errorf("import cycle among %d packages of the cache entry", len(e.roots))
		}
	}
	return out, nil
}

// importsChecked reports whether every root that meta imports is checked.
func importsChecked(meta *packages.Package, roots []*packages.Package, checked map[string]*packages.Package) bool {
	for _, imp := range meta.Imports {
		if checked[imp.ID] == nil && slices.ContainsFunc(roots, func(r *packages.Package) bool { return r.ID == imp.ID }) {
			return false
		}
	}
	return true
}

func (e *cacheEntry) checkOne(meta *packages.Package, overlay map[string][]byte, checked map[string]*packages.Package) (*packages.Package, error) {
	p := &packages.Package{
		ID: meta.ID, Name: meta.Name, PkgPath: meta.PkgPath,
		GoFiles: meta.GoFiles, CompiledGoFiles: meta.CompiledGoFiles,
		OtherFiles: meta.OtherFiles, IgnoredFiles: meta.IgnoredFiles,
		Module: meta.Module, TypesSizes: meta.TypesSizes, Fset: e.fset,
		Imports: map[string]*packages.Package{},
	}
	for path, imp := range meta.Imports {
		if c := checked[imp.ID]; c != nil {
			imp = c
		}
		p.Imports[path] = imp
	}
	for _, name := range meta.CompiledGoFiles {
		src, ok := overlay[name]
		if !ok {
			var err error
			if src, err = os.ReadFile(name); err != nil {
				return nil, fmt.Errorf("reading %s: %w", name, err)
			}
		}
		// The parser mode go/packages uses.
		f, err := parser.ParseFile(e.fset, name, src, parser.AllErrors|parser.ParseComments)
		if f != nil {
			p.Syntax = append(p.Syntax, f)
		}
		if list, ok := err.(scanner.ErrorList); ok {
			for _, se := range list {
				p.Errors = append(p.Errors, packages.Error{Pos: se.Pos.String(), Msg: se.Msg, Kind: packages.ParseError})
			}
		} else if err != nil {
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.ParseError})
		}
	}
	p.Types = types.NewPackage(meta.PkgPath, meta.Name)
	p.TypesInfo = &types.Info{
		Types:        make(map[ast.Expr]types.TypeAndValue),
		Defs:         make(map[*ast.Ident]types.Object),
		Uses:         make(map[*ast.Ident]types.Object),
		Implicits:    make(map[ast.Node]types.Object),
		Instances:    make(map[*ast.Ident]types.Instance),
		Scopes:       make(map[ast.Node]*types.Scope),
		Selections:   make(map[*ast.SelectorExpr]*types.Selection),
		FileVersions: make(map[*ast.File]string),
	}
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp := p.Imports[path]
			if imp == nil || imp.Types == nil {
				return nil, fmt.Errorf("no metadata for %s", path) // as go/packages says
			}
			return imp.Types, nil
		}),
		Sizes: meta.TypesSizes,
		Error: func(err error) {
			te, ok := err.(types.Error)
			if !ok {
				p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.TypeError})
				return
			}
			p.TypeErrors = append(p.TypeErrors, te)
			p.Errors = append(p.Errors, packages.Error{Pos: e.fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
		},
	}
	if meta.Module != nil && meta.Module.GoVersion != "" {
		tc.GoVersion = "go" + meta.Module.GoVersion
	}
	_ = types.NewChecker(tc, e.fset, p.Types, p.TypesInfo).Files(p.Syntax) // errors went to tc.Error
	p.IllTyped = len(p.Errors) > 0
	for _, imp := range p.Imports {
		p.IllTyped = p.IllTyped || imp.IllTyped
	}
	return p, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// headers returns the header of every Go file of dir: its text up to the
// end of its imports, which holds its build constraints, package clause
// and imports. It reports false for a package that uses cgo.
func headers(dir string, overlay map[string][]byte) (map[string]string, bool) {
	names := map[string]bool{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, false
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !e.IsDir() {
			names[filepath.Join(dir, n)] = true
		}
	}
	for path := range overlay {
		if filepath.Dir(path) == dir {
			names[path] = true
		}
	}
	out := make(map[string]string, len(names))
	fset := token.NewFileSet()
	for path := range names {
		src, ok := overlay[path]
		if !ok {
			if src, err = os.ReadFile(path); err != nil {
				return nil, false
			}
		}
		f, _ := parser.ParseFile(fset, path, src, parser.ImportsOnly|parser.ParseComments)
		end := len(src)
		if f != nil {
			end = fset.Position(f.Name.End()).Offset
			for _, d := range f.Decls {
				end = max(end, fset.Position(d.End()).Offset)
			}
			for _, imp := range f.Imports {
				if p, _ := strconv.Unquote(imp.Path.Value); p == "C" {
					return nil, false
				}
			}
		}
		out[path] = string(src[:min(max(end, 0), len(src))])
	}
	return out, true
}

// otherOverlays is the identity of the open files outside dir: the
// dependencies' types were computed with them.
func otherOverlays(dir string, overlay map[string][]byte) string {
	var b strings.Builder
	paths := make([]string, 0, len(overlay))
	for p := range overlay {
		if filepath.Dir(p) != dir {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "%s\x00%d\x00%s\x00", p, len(overlay[p]), overlay[p])
	}
	return b.String()
}

// modState is the size and time of the go.mod and go.sum of the roots'
// module.
func modState(roots []*packages.Package) string {
	if len(roots) == 0 || roots[0].Module == nil || roots[0].Module.GoMod == "" {
		return ""
	}
	var b strings.Builder
	gomod := roots[0].Module.GoMod
	for _, f := range []string{gomod, filepath.Join(filepath.Dir(gomod), "go.sum")} {
		if fi, err := os.Stat(f); err == nil {
			fmt.Fprintf(&b, "%s %d %d\n", f, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return b.String()
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// holdsAll reports whether the roots hold every file.
func holdsAll(roots []*packages.Package, files []string) bool {
	for _, f := range files {
		if !slices.ContainsFunc(roots, func(p *packages.Package) bool { return slices.Contains(p.GoFiles, f) }) {
			return false
		}
	}
	return true
}
