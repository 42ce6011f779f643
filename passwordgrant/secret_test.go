package passwordgrant_test

import (
	"strings"
	"testing"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestMessagesHideCredentials checks that no finding quotes a credential
// that the code holds: the test packages' passwords, tokens and secrets
// must not appear in any message.
func TestMessagesHideCredentials(t *testing.T) {
	dir := download(t)
	secrets := []string{"1//0gLz-not-shown", "1//0gLz-refresh", "rt-literal", "secret", "svc-backup", "password1", "from-vault"}
	var pkgs []string
	for _, p := range []string{"pg001", "pg002", "pg003", "pg004", "pg005", "pg006", "pg007", "directives"} {
		pkgs = append(pkgs, "example.com/analysis/"+p)
	}
	diags := diagnostics(t, dir, passwordgrant.Analyzer, pkgs...)
	if len(diags) < 50 {
		t.Fatalf("got %d findings, want the test packages' 50 and more", len(diags))
	}
	for _, d := range diags {
		for _, s := range secrets {
			if strings.Contains(d, s) {
				t.Errorf("message quotes %q: %s", s, d)
			}
		}
	}
}
