package passwordgrant_test

import (
	"bytes"
	"flag"
	"go/format"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/txtar"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

var update = flag.Bool("update", false, "rewrite the .golden files of TestFixes from the fixes' output (review the diff!)")

// TestFixes applies every suggested fix, grouped by message, and compares
// each group's result with a section of the file's .golden txtar archive.
func TestFixes(t *testing.T) {
	dir := download(t)
	pkgs := []string{"oauth2fix", "params", "others"}
	if *update {
		for _, p := range pkgs {
			writeGolden(t, dir, "example.com/analysis/fixes/"+p)
		}
	}
	for i := range pkgs {
		pkgs[i] = "example.com/analysis/fixes/" + pkgs[i]
	}
	analysistest.RunWithSuggestedFixes(t, dir, passwordgrant.Analyzer, pkgs...)
}

// writeGolden writes, for each file of the package, a txtar archive with
// one section per fix message: the file with those fixes applied.
func writeGolden(t *testing.T, dir, pkg string) {
	results := analysistest.Run(&quiet{t}, dir, passwordgrant.Analyzer, pkg)
	type key struct{ file, msg string }
	edits := make(map[key][]analysis.TextEdit)
	var files []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, fix := range d.SuggestedFixes {
				for _, e := range fix.TextEdits {
					name := r.Pass.Fset.File(e.Pos).Name()
					k := key{name, fix.Message}
					if !slices.ContainsFunc(edits[k], func(x analysis.TextEdit) bool {
						return x.Pos == e.Pos && x.End == e.End && bytes.Equal(x.NewText, e.NewText)
					}) {
						edits[k] = append(edits[k], e)
					}
					if !slices.Contains(files, name) {
						files = append(files, name)
					}
				}
			}
		}
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			var ar txtar.Archive
			var msgs []string
			for k := range edits {
				if k.file == name && !slices.Contains(msgs, k.msg) {
					msgs = append(msgs, k.msg)
				}
			}
			slices.Sort(msgs)
			for _, m := range msgs {
				es := edits[key{name, m}]
				slices.SortStableFunc(es, func(a, b analysis.TextEdit) int { return int(a.Pos - b.Pos) })
				base := r.Pass.Fset.File(es[0].Pos).Base()
				var out bytes.Buffer
				last := 0
				for _, e := range es {
					out.Write(src[last : int(e.Pos)-base])
					out.Write(e.NewText)
					last = int(e.End) - base
				}
				out.Write(src[last:])
				b, err := format.Source(out.Bytes())
				if err != nil {
					t.Fatalf("%s: fix %q: %v\n%s", name, m, err, out.Bytes())
				}
				ar.Files = append(ar.Files, txtar.File{Name: m, Data: b})
			}
			if err := os.WriteFile(name+".golden", txtar.Format(&ar), 0o666); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s.golden", filepath.Base(name))
		}
	}
}

// quiet drops analysistest's complaints while golden files are rewritten.
type quiet struct{ t *testing.T }

func (q *quiet) Errorf(string, ...any) {}
