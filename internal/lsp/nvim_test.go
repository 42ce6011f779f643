package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNeovim runs the server in a real editor: headless Neovim (0.7.2 as
// Debian bookworm packages it), configured with the README's Neovim 0.7
// configuration (vim.lsp.start_client), opens a file of a copy of
// testdata/lspmod, waits for the diagnostics, applies the preferred quick
// fix of the PG007 finding and writes the file, which must then equal
// tokens.go.golden. .ci/run installs Neovim.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed (apt-get install -y neovim; .ci/run installs it): skipping the Neovim end-to-end test")
	}
	if testing.Short() {
		t.Skip("-short: skipping the Neovim end-to-end test")
	}
	dir, file := lspmod(t)
	script, err := filepath.Abs(filepath.Join("testdata", "nvim_e2e.lua"))
	if err != nil {
		t.Fatal(err)
	}
	resultFile := filepath.Join(t.TempDir(), "result.json")
	home := t.TempDir()
	init := filepath.Join(home, "init.lua")
	if err := os.WriteFile(init, []byte(readmeLua(t, "-- Neovim 0.7 (init.lua)")), 0o666); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Dir(command(t))

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-u", init, "-i", "NONE", "-n", "-c", "luafile "+script)
	cmd.Dir = dir
	cmd.Env = append(testEnv(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"), // the README runs `passwordgrant lsp`
		"PG_FILE="+file, "PG_RESULT="+resultFile,
		// Neovim's own files (the LSP log among them) stay in the test's directory.
		"HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_DATA_HOME="+home, "XDG_STATE_HOME="+home, "XDG_CACHE_HOME="+home,
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	runErr := cmd.Run()

	var res struct {
		OK     bool     `json:"ok"`
		Error  any      `json:"error"`
		Steps  []string `json:"steps"`
		Before []struct {
			Code     string `json:"code"`
			Lnum     int    `json:"lnum"`
			Col      int    `json:"col"`
			Severity int    `json:"severity"`
			Source   string `json:"source"`
			Href     any    `json:"href"`
		} `json:"before"`
		Actions []struct {
			Title       string `json:"title"`
			Kind        string `json:"kind"`
			IsPreferred bool   `json:"isPreferred"`
		} `json:"actions"`
		PG007Cleared bool                    `json:"pg007_cleared"`
		ServerExited bool                    `json:"server_exited"`
		After        []struct{ Code string } `json:"after"`
	}
	raw, err := os.ReadFile(resultFile)
	if err != nil {
		t.Fatalf("nvim wrote no result (%v): %v\n%s", runErr, err, out.String())
	}
	if err := json.Unmarshal(raw, &res); err != nil {
		t.Fatalf("%v\n%s", err, raw)
	}
	t.Logf("nvim: %s", raw)
	if runErr != nil || !res.OK {
		t.Fatalf("nvim: %v, script error: %v\n%s", runErr, res.Error, out.String())
	}

	var codes []string
	for _, d := range res.Before {
		codes = append(codes, d.Code)
		if d.Source != "passwordgrant" || d.Severity != 1 || d.Href == nil {
			t.Errorf("Neovim shows %+v: want source passwordgrant, severity 1 (error) and a documentation link", d)
		}
	}
	if want := []string{"PG007", "PG001", "PG002", "PG003"}; !slices.Equal(codes, want) {
		t.Errorf("Neovim's diagnostics: codes %q, want %q", codes, want)
	}
	if len(res.Actions) < 2 || !res.Actions[0].IsPreferred || res.Actions[0].Kind != "quickfix" {
		t.Errorf("code actions %+v: want the preferred fix first, then more", res.Actions)
	}
	if !res.PG007Cleared {
		t.Errorf("PG007 still shown after the fix: %+v", res.After)
	}
	if !res.ServerExited {
		t.Error("the server did not exit when Neovim stopped the client")
	}

	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "lspmod", "tokens", "tokens.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the file Neovim wrote differs from tokens.go.golden:\n%s", got)
	}
}

// readmeLua returns the README's Lua code block whose first line is first.
func readmeLua(t *testing.T, first string) string {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for block := range strings.SplitSeq(string(readme), "```lua\n") {
		if strings.HasPrefix(block, first) {
			code, _, ok := strings.Cut(block, "```")
			if !ok {
				break
			}
			return code
		}
	}
	t.Fatalf("README.md has no lua block that starts with %q", first)
	return ""
}
