package lsp

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
)

// The tests drive the server as an editor would: the built command,
// `passwordgrant lsp`, as a subprocess, over JSON-RPC on its stdin and
// stdout.

var (
	buildDir  string // holds the built command, removed by TestMain
	buildOnce sync.Once
	serverCmd string // the built command
	buildErr  error
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	dir, err := os.MkdirTemp("", "passwordgrant-lsp")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	buildDir = dir
	return m.Run()
}

// command builds the command once, for the tests that start it.
func command(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		serverCmd = filepath.Join(buildDir, "passwordgrant")
		if runtime.GOOS == "windows" {
			serverCmd += ".exe"
		}
		out, err := exec.Command("go", "build", "-o", serverCmd, "../../cmd/passwordgrant").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("building the command: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return serverCmd
}

// testEnv keeps the test module out of any workspace, on the local
// toolchain, with its go.sum as the module proxy gives it.
func testEnv() []string {
	return append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
}

var downloadOnce sync.Once

// lspmod returns a fresh copy of testdata/lspmod, its requirements
// downloaded, and the path of its tokens/tokens.go.
func lspmod(t testing.TB) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "testdata", "lspmod"))); err != nil {
		t.Fatal(err)
	}
	// Resolve symbolic links (macOS's /tmp): the go command reports
	// resolved paths, and the server names files as the client does.
	dir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	downloadOnce.Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		cmd.Env = testEnv()
		out, err = cmd.CombinedOutput()
	})
	if err != nil {
		t.Fatalf("go mod download: %v\n%s", err, out)
	}
	return dir, filepath.Join(dir, "tokens", "tokens.go")
}

// A message is a notification from the server.
type message struct {
	method string
	params json.RawMessage
	at     time.Time
}

// client is the editor's end of a connection to the server.
type client struct {
	t        testing.TB
	conn     jsonrpc2.Conn
	messages chan message
	cmd      *exec.Cmd // nil for a server in the test process
	stderr   *syncBuffer

	mu    sync.Mutex
	shown []string // every window/showMessage, as JSON
}

// shownMessages returns the window/showMessage notifications so far.
func (c *client) shownMessages() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.shown)
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type pipe struct {
	io.ReadCloser
	w io.WriteCloser
}

func (p pipe) Write(b []byte) (int, error) { return p.w.Write(b) }
func (p pipe) Close() error                { return errors.Join(p.ReadCloser.Close(), p.w.Close()) }

// startServer starts `passwordgrant lsp args...` with env and connects.
func startServer(t testing.TB, env []string, args ...string) *client {
	t.Helper()
	cmd := exec.Command(command(t), append([]string{"lsp"}, args...)...)
	cmd.Env = env
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := connect(t, pipe{stdout, stdin})
	c.cmd, c.stderr = cmd, stderr
	t.Cleanup(func() {
		c.conn.Close()
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		if t.Failed() || os.Getenv("PGLSP_LOG") != "" {
			t.Logf("server log:\n%s", stderr)
		}
	})
	return c
}

// connect speaks JSON-RPC over rwc, collecting the server's notifications.
func connect(t testing.TB, rwc io.ReadWriteCloser) *client {
	c := &client{t: t, messages: make(chan message, 1000)}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(rwc), jsonrpc2.WithCodec(codec{}))
	c.conn.Go(context.Background(), func(ctx context.Context, req *jsonrpc2.Request) (any, error) {
		if req.IsCall() {
			return nil, jsonrpc2.ErrMethodNotFound
		}
		m := message{req.Method(), append(json.RawMessage(nil), req.Params()...), time.Now()}
		if m.method == "window/showMessage" {
			c.mu.Lock()
			c.shown = append(c.shown, string(m.params))
			c.mu.Unlock()
		}
		c.messages <- m
		return nil, nil
	})
	return c
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if _, err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// initialize does the handshake and returns the server's capabilities as
// JSON, to check what it claims.
func (c *client) initialize(root string) map[string]any {
	c.t.Helper()
	var res struct {
		Capabilities map[string]any `json:"capabilities"`
	}
	params := map[string]any{
		"processId":  os.Getpid(),
		"rootUri":    uriFromPath(root),
		"clientInfo": map[string]any{"name": "passwordgrant-test"},
		"capabilities": map[string]any{
			"workspace": map[string]any{"workspaceEdit": map[string]any{"documentChanges": true}},
		},
	}
	c.call("initialize", params, &res)
	c.notify("initialized", map[string]any{})
	return res.Capabilities
}

// wait returns the first notification that satisfies ok, failing the test
// after timeout.
func (c *client) wait(timeout time.Duration, what string, ok func(message) bool) message {
	c.t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case m := <-c.messages:
			if ok(m) {
				return m
			}
		case <-deadline:
			c.t.Fatalf("no %s within %v", what, timeout)
		}
	}
}

// diagnostics waits for the diagnostics of uri at version.
func (c *client) diagnostics(uri string, version int32) PublishDiagnosticsParams {
	c.t.Helper()
	var p PublishDiagnosticsParams
	c.wait(90*time.Second, fmt.Sprintf("diagnostics of %s version %d", uri, version), func(m message) bool {
		if m.method != "textDocument/publishDiagnostics" {
			return false
		}
		p = PublishDiagnosticsParams{}
		if err := json.Unmarshal(m.params, &p); err != nil {
			c.t.Fatal(err)
		}
		return p.URI == uri && p.Version != nil && *p.Version == version
	})
	return p
}

// showMessage waits for a window/showMessage that contains want.
func (c *client) showMessage(want string) ShowMessageParams {
	c.t.Helper()
	var p ShowMessageParams
	c.wait(90*time.Second, fmt.Sprintf("window/showMessage containing %q", want), func(m message) bool {
		if m.method != "window/showMessage" {
			return false
		}
		p = ShowMessageParams{}
		if err := json.Unmarshal(m.params, &p); err != nil {
			c.t.Fatal(err)
		}
		return strings.Contains(p.Message, want)
	})
	return p
}

// shutdown ends the session as an editor does and checks the exit code.
func (c *client) shutdown() {
	c.t.Helper()
	c.call("shutdown", nil, nil)
	c.notify("exit", nil)
	if c.cmd == nil {
		return
	}
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			c.t.Errorf("server exit after shutdown and exit: %v, want exit code 0", err)
		}
	case <-time.After(20 * time.Second):
		c.t.Fatal("server did not exit within 20 s of exit")
	}
}

func (c *client) open(path string, version int32, text string) string {
	uri := uriFromPath(path)
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{
		URI: uri, LanguageID: "go", Version: version, Text: text,
	}})
	return uri
}

func (c *client) change(uri string, version int32, text string) {
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: version},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: text}},
	})
}
