package main

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/internal/sarif"
	"github.com/oauthlint/passwordgrant/internal/sarif/sariftest"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// stub reports string literals by their text, so that buildLog is tested
// on diagnostics whose positions, fixes and categories the test controls.
var stub = &analysis.Analyzer{
	Name: "stub",
	Doc:  "reports string literals flag-me (PG003, with a two-file fix) and nocat (no category)",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				switch lit.Value {
				case `"flag-me"`:
					pass.Report(analysis.Diagnostic{
						Pos: lit.Pos(), End: lit.End(), Category: passwordgrant.PG003,
						Message: "PG003: flagged",
						SuggestedFixes: []analysis.SuggestedFix{
							{Message: "no edits", TextEdits: nil},
							{Message: "replace and delete", TextEdits: []analysis.TextEdit{
								{Pos: lit.Pos(), End: lit.End(), NewText: []byte(`"fixed"`)},
								{Pos: f.Package, End: f.Package, NewText: []byte("// fixed\n")},
								{Pos: lit.End(), End: lit.End() + 0},
							}},
						},
					})
				case `"nocat"`:
					pass.Report(analysis.Diagnostic{Pos: lit.Pos(), Message: "no category"})
				}
				return true
			})
		}
		return nil, nil
	},
}

func TestBuildLog(t *testing.T) {
	dir := t.TempDir()
	// The literal follows two non-ASCII runes: é (2 bytes, 1 UTF-16 unit)
	// and 😀 (4 bytes, 2 units), so byte and UTF-16 columns differ.
	src := "package p\n\nvar a = /* é😀 */ \"flag-me\"\n\nvar b = \"nocat\"\n"
	for name, content := range map[string]string{
		"go.mod":     "module example.com/p\n\ngo 1.22\n",
		"sub/p q.go": src,
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Dir: dir, Tests: true}, "./...")
	if err != nil || packages.PrintErrors(pkgs) > 0 {
		t.Fatalf("loading: %v", err)
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{stub}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	files := fileCache{}
	_, findings := collect(graph, dir, files)
	if len(findings) != 2 {
		t.Errorf("collect found %d findings, want 2", len(findings))
	}
	log, err := buildLog(findings, dir, files)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := sariftest.Validate(filepath.Join("..", "..", sariftest.SchemaFile), buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	var got sarif.Log
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	run := got.Runs[0]
	if len(run.Results) != 2 {
		t.Fatalf("want 2 results, got %s", buf.String())
	}

	flagged := run.Results[0]
	loc := flagged.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "sub/p%20q.go" || loc.ArtifactLocation.URIBaseID != sarif.SrcRoot {
		t.Errorf("artifact = %+v, want sub/p%%20q.go under %s", loc.ArtifactLocation, sarif.SrcRoot)
	}
	start := strings.Index(src, `"flag-me"`)
	if r := loc.Region; r.StartLine != 3 || r.StartColumn != 19 || r.EndLine != 3 || r.EndColumn != 28 ||
		*r.ByteOffset != start || *r.ByteLength != len(`"flag-me"`) {
		t.Errorf("region = %+v (byte offset %d, length %d), want 3:19-3:28 in UTF-16 units at byte %d",
			r, *r.ByteOffset, *r.ByteLength, start)
	}
	if fp := flagged.PartialFingerprints[fingerprintKey]; len(fp) != 32 || fp != findings[0].fingerprint {
		t.Errorf("partialFingerprints = %v, want %s: %s", flagged.PartialFingerprints, fingerprintKey, findings[0].fingerprint)
	}
	if flagged.RuleID != "PG003" || flagged.Level != sarif.LevelError || run.Tool.Driver.Rules[flagged.RuleIndex].ID != "PG003" {
		t.Errorf("flagged result: rule %s (index %d), level %s", flagged.RuleID, flagged.RuleIndex, flagged.Level)
	}
	// The fix without edits is dropped; the other keeps its edits in
	// file order, a pure deletion without insertedContent.
	if len(flagged.Fixes) != 1 {
		t.Fatalf("fixes = %+v, want only the one with edits", flagged.Fixes)
	}
	reps := flagged.Fixes[0].ArtifactChanges[0].Replacements
	if len(reps) != 3 || *reps[0].DeletedRegion.ByteOffset != 0 || reps[0].InsertedContent.Text != "// fixed\n" ||
		reps[1].InsertedContent.Text != `"fixed"` || reps[2].InsertedContent != nil {
		t.Errorf("replacements = %+v", reps)
	}

	// A diagnostic without a category gets the analyzer's name as rule ID
	// and a rule of its own after the catalogue.
	nocat := run.Results[1]
	rules := run.Tool.Driver.Rules
	if nocat.RuleID != "stub" || nocat.RuleIndex != len(passwordgrant.Rules()) || rules[nocat.RuleIndex].ID != "stub" {
		t.Errorf("uncategorised result: rule %q index %d; rules %+v", nocat.RuleID, nocat.RuleIndex, rules)
	}
}
