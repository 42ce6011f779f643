// Package floorcheck defines an analyzer that does nothing but require the
// inspector, the way passwordgrant does. It is the floor that passwordgrant's
// cost is measured against: the benchmark in package passwordgrant and
// compare.sh run both on the same packages, so that the difference between
// them is passwordgrant's own work.
package floorcheck

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer requires inspect.Analyzer and reports nothing. It keeps
// passwordgrant's RunDespiteErrors so that both run on the same packages,
// ill-typed ones included.
var Analyzer = &analysis.Analyzer{
	Name:             "floorcheck",
	Doc:              "do nothing but build the inspector (the benchmark floor for passwordgrant)",
	Requires:         []*analysis.Analyzer{inspect.Analyzer},
	RunDespiteErrors: true,
	Run: func(pass *analysis.Pass) (any, error) {
		// Take the result so that the floor pays for exactly what
		// passwordgrant pays for before its own traversal.
		_ = pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
		return nil, nil
	},
}

// FactsAnalyzer is Analyzer with a fact type declared and nothing
// exported: the floor for passwordgrant -deps, which drivers run on every
// dependency, from source, because it has facts.
var FactsAnalyzer = func() *analysis.Analyzer {
	a := *Analyzer
	a.Name = "floorcheckfacts"
	a.FactTypes = []analysis.Fact{(*noFact)(nil)}
	return &a
}()

// noFact is never exported; declaring it is what costs.
type noFact struct{}

func (*noFact) AFact() {}
