package lsp

import (
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

// A factSet holds analysis facts, as the checker's actions do.
type factSet struct {
	objects  map[objectFactKey]analysis.Fact
	packages map[packageFactKey]analysis.Fact
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

type packageFactKey struct {
	pkg *types.Package
	typ reflect.Type
}

func newFactSet() *factSet {
	return &factSet{objects: map[objectFactKey]analysis.Fact{}, packages: map[packageFactKey]analysis.Fact{}}
}

// depFacts collects the facts of the dependency actions of a graph: what
// the analyzer exported for everything the packages import. The roots'
// own facts are left out: the next edit changes them.
func depFacts(graph *checker.Graph) *factSet {
	fs := newFactSet()
	for act := range graph.All() {
		if act.IsRoot || len(act.Analyzer.FactTypes) == 0 {
			continue
		}
		for _, f := range act.AllObjectFacts() {
			fs.objects[objectFactKey{f.Object, reflect.TypeOf(f.Fact)}] = f.Fact
		}
		for _, f := range act.AllPackageFacts() {
			fs.packages[packageFactKey{f.Package, reflect.TypeOf(f.Fact)}] = f.Fact
		}
	}
	return fs
}

// forgetSyntax drops the syntax and type information of the loaded
// packages' dependencies, which an entry keeps only for their types.
func forgetSyntax(roots []*packages.Package) {
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	packages.Visit(roots, nil, func(p *packages.Package) {
		if !isRoot[p] {
			p.Syntax, p.TypesInfo = nil, nil
		}
	})
}

// withFacts returns an analyzer that runs a on the packages alone, with
// the dependencies' facts from deps. It declares no facts, so that the
// checker does not analyze the dependencies again; a itself, which the
// pass names, still does, so that its Run imports and exports them. Facts
// the packages of one run export are shared among them (an external test
// package sees its package's), as the checker shares them along imports.
func withFacts(a *analysis.Analyzer, deps *factSet) *analysis.Analyzer {
	local := newFactSet()
	run := a.Run
	return &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Requires:         a.Requires,
		ResultType:       a.ResultType,
		RunDespiteErrors: a.RunDespiteErrors,
		Run: func(pass *analysis.Pass) (any, error) {
			pass.Analyzer = a
			pass.ImportObjectFact = func(obj types.Object, fact analysis.Fact) bool {
				return importFact(fact, local.objects, deps.objects, objectFactKey{obj, reflect.TypeOf(fact)})
			}
			pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
				local.objects[objectFactKey{obj, reflect.TypeOf(fact)}] = fact
			}
			pass.ImportPackageFact = func(pkg *types.Package, fact analysis.Fact) bool {
				return importFact(fact, local.packages, deps.packages, packageFactKey{pkg, reflect.TypeOf(fact)})
			}
			pass.ExportPackageFact = func(fact analysis.Fact) {
				local.packages[packageFactKey{pass.Pkg, reflect.TypeOf(fact)}] = fact
			}
			pass.AllObjectFacts = func() []analysis.ObjectFact {
				var out []analysis.ObjectFact
				for _, m := range []map[objectFactKey]analysis.Fact{deps.objects, local.objects} {
					for k, f := range m {
						out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
					}
				}
				return out
			}
			pass.AllPackageFacts = func() []analysis.PackageFact {
				var out []analysis.PackageFact
				for _, m := range []map[packageFactKey]analysis.Fact{deps.packages, local.packages} {
					for k, f := range m {
						out = append(out, analysis.PackageFact{Package: k.pkg, Fact: f})
					}
				}
				return out
			}
			return run(pass)
		},
	}
}

// importFact copies the fact at key, from the run's own facts or the
// dependencies', into fact, as the checker's ImportObjectFact does.
func importFact[K comparable](fact analysis.Fact, local, deps map[K]analysis.Fact, key K) bool {
	v, ok := local[key]
	if !ok {
		v, ok = deps[key]
	}
	if ok {
		reflect.ValueOf(fact).Elem().Set(reflect.ValueOf(v).Elem())
	}
	return ok
}
