package nogocheck

import (
	"encoding/gob"
	"flag"
	"fmt"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestNeedsNothingNogoLacks checks what Bazel's rules_go nogo needs of an
// analyzer: its flags have defaults and can be set from the nogo config's
// analyzer_flags (flag.FlagSet.Set with a string), its facts (if any)
// are gob-encodable, and it runs on a Pass built as nogo builds it
// (go/tools/builders/nogo_main.go in bazel-contrib/rules_go): syntax, types,
// the maps of types.Info nogo fills, ResultOf and Report, but no ReadFile,
// no Module, no OtherFiles, no TypesInfo.FileVersions. On such a Pass it
// must not fail or panic and must report what the go command's drivers
// report.
func TestNeedsNothingNogoLacks(t *testing.T) {
	a := passwordgrant.Analyzer
	for _, f := range a.FactTypes {
		gob.Register(f)
		if err := gob.NewEncoder(io.Discard).Encode(f); err != nil {
			t.Errorf("fact %T is not gob-encodable: %v", f, err)
		}
	}
	a.Flags.VisitAll(func(f *flag.Flag) {
		// nogo sets analyzer_flags with Set; the default must parse back.
		if err := a.Flags.Set(f.Name, f.DefValue); err != nil {
			t.Errorf("flag -%s: its default %q does not parse: %v", f.Name, f.DefValue, err)
		}
	})

	cfg := &packages.Config{
		Mode: packages.LoadSyntax,
		Dir:  filepath.Join("..", "..", "testdata", "analysis"),
		Env:  append(os.Environ(), "GOWORK=off", "GOFLAGS="),
	}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range graph.All() {
		if act.IsRoot {
			for _, d := range act.Diagnostics {
				want[act.Package.ID] = append(want[act.Package.ID], act.Package.Fset.Position(d.Pos).String()+" "+d.Message)
			}
		}
	}

	total := 0
	for _, p := range pkgs {
		got, err := runAsNogo(a, p)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		total += len(got)
		slices.Sort(got)
		w := slices.Sorted(slices.Values(want[p.ID]))
		if !slices.Equal(got, w) {
			t.Errorf("%s: as nogo runs it, passwordgrant reports\n%q\nwant, as under checker.Analyze,\n%q", p.ID, got, w)
		}
	}
	if total == 0 {
		t.Fatal("no findings at all: the test data did not load")
	}
}

// runAsNogo runs a on p with the Pass nogo would build.
func runAsNogo(a *analysis.Analyzer, p *packages.Package) (diags []string, err error) {
	info := &types.Info{
		Types:      p.TypesInfo.Types,
		Uses:       p.TypesInfo.Uses,
		Defs:       p.TypesInfo.Defs,
		Implicits:  p.TypesInfo.Implicits,
		Scopes:     p.TypesInfo.Scopes,
		Selections: p.TypesInfo.Selections,
		Instances:  p.TypesInfo.Instances,
	}
	base := analysis.Pass{
		Fset:       p.Fset,
		Files:      p.Syntax,
		Pkg:        p.Types,
		TypesInfo:  info,
		TypesSizes: p.TypesSizes,
		ResultOf:   map[*analysis.Analyzer]any{},
		Report: func(d analysis.Diagnostic) {
			diags = append(diags, p.Fset.Position(d.Pos).String()+" "+d.Message)
		},
		ImportPackageFact: func(*types.Package, analysis.Fact) bool { return false },
		ExportPackageFact: func(analysis.Fact) {},
		ImportObjectFact:  func(types.Object, analysis.Fact) bool { return false },
		ExportObjectFact:  func(types.Object, analysis.Fact) {},
		AllPackageFacts:   func() []analysis.PackageFact { return nil },
		AllObjectFacts:    func() []analysis.ObjectFact { return nil },
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r) // nogo reports this as the analyzer failing
		}
	}()
	for _, req := range a.Requires {
		if req != inspect.Analyzer {
			return nil, fmt.Errorf("requires %s, which this test does not run", req.Name)
		}
		pass := base
		pass.Analyzer = req
		res, err := req.Run(&pass)
		if err != nil {
			return nil, err
		}
		base.ResultOf[req] = res
	}
	pass := base
	pass.Analyzer = a
	if _, err := a.Run(&pass); err != nil {
		return nil, err
	}
	return diags, nil
}
