package lsp

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestLoaderReuse checks when the loader reuses what it kept, and that
// reusing it finds exactly what a fresh load with go/packages finds.
func TestLoaderReuse(t *testing.T) {
	_, file := lspmod(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOTOOLCHAIN", "local")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	noPG002 := strings.Replace(text, `		"grant_type": {"password"},`+"\n", "", 1)
	moreImports := strings.Replace(text, `	"context"`, "\t\"context\"\n\t_ \"errors\"", 1)
	typeError := strings.Replace(text, `user := os.Getenv("APP_USER")`, `user := os.Getenv("APP_USER") + 1`, 1)
	syntaxError := text[:strings.Index(text, "// Raw posts")] + "func Raw(user, pass string {\n"

	ctx := context.Background()
	a := passwordgrant.Analyzer
	j := job{dir: filepath.Dir(file), files: []string{file}}
	l := newLoader()
	check := func(name, text string, wantKept bool) {
		t.Helper()
		overlay := map[string][]byte{file: []byte(text)}
		got, kept, err := l.run(ctx, a, j, overlay)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if kept != wantKept {
			t.Errorf("%s: reused what was kept: %v, want %v", name, kept, wantKept)
		}
		fresh, err := load(ctx, j, overlay, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := analyze(ctx, a, j, fresh, overlay)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got.findings, want.findings) {
			t.Errorf("%s: findings differ from a fresh load's:\ngot  %+v\nwant %+v", name, got.findings, want.findings)
		}
		if len(want.findings[file]) == 0 && name != "syntax error" {
			t.Errorf("%s: no findings at all", name)
		}
	}
	check("first load", text, false)
	check("same text", text, true)
	check("body edit", noPG002, true)
	check("type error", typeError, true)
	check("syntax error", syntaxError, true)
	check("import edit", moreImports, false)
	check("imports back", text, false)
	check("again", text, true)

	// A new file in the directory: the package's file list changed.
	extra := filepath.Join(filepath.Dir(file), "extra.go")
	if err := os.WriteFile(extra, []byte("package tokens\n\nconst legacy = \"https://api.getgo.com/oauth/v2\"\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	check("new file", text, false)
	check("after the new file", noPG002, true)

	// A save elsewhere drops it; a save in the directory does not.
	l.saved(filepath.Join(filepath.Dir(file), "other.go"))
	check("after a save in the directory", text, true)
	l.saved(filepath.Join(filepath.Dir(filepath.Dir(file)), "dep", "dep.go"))
	check("after a save in another directory", text, false)
}
