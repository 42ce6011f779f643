package passwordgrant

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestRuleFilesIndependent keeps a rule in one file: no pgNNN_*.go file
// uses a name that another rule file declares at top level. What two
// rules share belongs in a shared file (vocabulary, syntax, heuristics,
// edit, apis).
func TestRuleFilesIndependent(t *testing.T) {
	files, err := filepath.Glob("pg[0-9][0-9][0-9]_*.go")
	if err != nil || len(files) < 8 {
		t.Fatalf("rule files: %v, %v", files, err)
	}
	fset := token.NewFileSet()
	declared := make(map[string]string) // name -> rule file
	parsed := make(map[string]*ast.File)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		parsed[name] = f
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				declared[d.Name.Name] = name
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.ValueSpec:
						for _, n := range s.Names {
							declared[n.Name] = name
						}
					case *ast.TypeSpec:
						declared[s.Name.Name] = name
					}
				}
			}
		}
	}
	for name, f := range parsed {
		ast.Inspect(f, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			if owner, ok := declared[id.Name]; ok && owner != name && owner[:5] != name[:5] {
				t.Errorf("%s: %s uses %s, declared by rule file %s", fset.Position(id.Pos()), name, id.Name, owner)
			}
			return true
		})
	}
}
