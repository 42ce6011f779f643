package passwordgrant_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestVendoredOAuth2 checks that PG001 matches x/oauth2 under a GOPATH
// vendor tree, where its package path is app/vendor/golang.org/x/oauth2.
// The vendored copy is the real module from the module cache.
func TestVendoredOAuth2(t *testing.T) {
	dir := download(t)
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "golang.org/x/oauth2")
	cmd.Dir, cmd.Env = dir, testEnv()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("locating golang.org/x/oauth2: %v", err)
	}
	gopath := t.TempDir()
	vendored := filepath.Join(gopath, "src", "app", "vendor", "golang.org", "x", "oauth2")
	for _, sub := range []string{"", "internal"} {
		copyGoFiles(t, filepath.Join(strings.TrimSpace(string(out)), sub), filepath.Join(vendored, sub))
	}
	app := `package app

import (
	"context"

	"golang.org/x/oauth2"
)

func login(ctx context.Context, conf *oauth2.Config) {
	conf.PasswordCredentialsToken(ctx, "u", "p") // want ` + "`PG001: call to \\(\\*oauth2.Config\\).PasswordCredentialsToken`" + `
}
`
	if err := os.WriteFile(filepath.Join(gopath, "src", "app", "app.go"), []byte(app), 0o666); err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, gopath, passwordgrant.Analyzer, "app")
}

// copyGoFiles copies the non-test Go files of one package directory.
func copyGoFiles(t *testing.T, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o777); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o666); err != nil {
			t.Fatal(err)
		}
	}
}
