package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDepsReportsSDKCalls runs the command with -deps, standalone and as go
// vet's tool, on testdata/consumers/mastodonapp: an application that signs
// in through go-mastodon (from the module proxy), whose Authenticate posts
// grant_type=password inside the SDK. Both report the call at the
// application's line, naming the SDK function and where inside it the
// grant is sent; without -deps, neither does.
func TestDepsReportsSDKCalls(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes an application's dependencies from source")
	}
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata", "consumers", "mastodonapp"))
	if err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly")
	download := exec.Command("go", "mod", "download")
	download.Dir, download.Env = dir, env
	if out, err := download.CombinedOutput(); err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	const want = "main.go:31:9: PG008: call to mastodon.(*Client).Authenticate, which performs the password grant with the caller's credentials (mastodon.go:174)"
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"standalone", []string{tool, "-deps", "./..."}},
		{"go vet", []string{"go", "vet", "-vettool=" + tool, "-deps", "./..."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(tc.args[0], tc.args[1:]...)
			cmd.Dir, cmd.Env = dir, env
			out, _ := cmd.CombinedOutput()
			if !strings.Contains(string(out), want) {
				t.Errorf("%s: output lacks\n%s\ngot:\n%s", strings.Join(tc.args, " "), want, out)
			}
			// Without -deps: facts are off, the SDK call is not seen.
			args := make([]string, 0, len(tc.args))
			for _, a := range tc.args {
				if a != "-deps" {
					args = append(args, a)
				}
			}
			cmd = exec.Command(args[0], args[1:]...)
			cmd.Dir, cmd.Env = dir, env
			out, _ = cmd.CombinedOutput()
			if strings.Contains(string(out), "PG008") {
				t.Errorf("%s: PG008 without -deps:\n%s", strings.Join(args, " "), out)
			}
		})
	}
}
