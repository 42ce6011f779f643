package lsp

import (
	"context"
	"go/ast"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
)

// startInProcess runs Serve in the test process with opts, for what a
// subprocess cannot show: an analyzer that panics.
func startInProcess(t *testing.T, opts Options) *client {
	t.Helper()
	cr, sw := io.Pipe() // server to client
	sr, cw := io.Pipe() // client to server
	log := &syncBuffer{}
	opts.Log = log
	done := make(chan int, 1)
	go func() { done <- Serve(context.Background(), pipe{sr, sw}, opts) }()
	c := connect(t, pipe{cr, cw})
	c.stderr = log
	t.Cleanup(func() {
		c.conn.Close()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("Serve did not return within 10 s of the stream closing")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", log)
		}
	})
	return c
}

// TestAnalyzerPanic: a panic in the analyzer is reported to the user and
// logged, and the server goes on serving.
func TestAnalyzerPanic(t *testing.T) {
	dir, file := lspmod(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	panicky := &analysis.Analyzer{
		Name:             "passwordgrant",
		Doc:              "panics",
		Requires:         []*analysis.Analyzer{inspect.Analyzer},
		RunDespiteErrors: true,
		Run:              func(*analysis.Pass) (any, error) { panic("boom") },
	}
	c := startInProcess(t, Options{Analyzer: panicky})
	c.initialize(dir)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	uri := c.open(file, 1, string(src))
	if m := c.showMessage("boom"); m.Type != MessageError || !strings.Contains(m.Message, "internal error") {
		t.Errorf("message %+v, want an internal error", m)
	}
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}}, &actions)
	c.change(uri, 2, string(src)+"\n")
	c.shutdown()
}

// passwordFact marks a function whose name mentions a password.
type passwordFact struct{}

func (*passwordFact) AFact()         {}
func (*passwordFact) String() string { return "password" }

// TestFactsAnalyzer: an analyzer with facts gets them from the
// dependencies (loaded from source for it), through the server.
func TestFactsAnalyzer(t *testing.T) {
	dir, file := lspmod(t)
	t.Setenv("GOWORK", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	facts := &analysis.Analyzer{
		Name:             "facts",
		Doc:              "reports calls of functions of other packages whose names mention a password, known by facts",
		FactTypes:        []analysis.Fact{new(passwordFact)},
		RunDespiteErrors: true,
		Run: func(pass *analysis.Pass) (any, error) {
			for _, f := range pass.Files {
				ast.Inspect(f, func(n ast.Node) bool {
					switch n := n.(type) {
					case *ast.FuncDecl:
						if obj := pass.TypesInfo.Defs[n.Name]; obj != nil && strings.Contains(n.Name.Name, "Password") {
							pass.ExportObjectFact(obj, new(passwordFact))
						}
					case *ast.SelectorExpr:
						if obj := pass.TypesInfo.Uses[n.Sel]; obj != nil && obj.Pkg() != pass.Pkg && pass.ImportObjectFact(obj, new(passwordFact)) {
							pass.Report(analysis.Diagnostic{Pos: n.Sel.Pos(), End: n.Sel.End(), Category: "FACT", Message: "calls " + obj.Name()})
						}
					}
					return true
				})
			}
			return nil, nil
		},
	}
	c := startInProcess(t, Options{Analyzer: facts})
	c.initialize(dir)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	uri := c.open(file, 1, string(src))
	want := func(version int32, n int) {
		t.Helper()
		p := c.diagnostics(uri, version)
		if len(p.Diagnostics) != n || n == 1 && (p.Diagnostics[0].Code != "FACT" || p.Diagnostics[0].Message != "calls PasswordCredentialsToken") {
			t.Errorf("version %d: diagnostics %+v, want %d FACT at PasswordCredentialsToken", version, p.Diagnostics, n)
		}
	}
	want(1, 1) // dependencies loaded from source and analyzed
	// Edits of the body use the kept facts: the call goes, and comes back.
	text := strings.Replace(string(src), "conf.PasswordCredentialsToken(ctx, user, pass)", "conf.Exchange(ctx, user+pass)", 1)
	c.change(uri, 2, text)
	want(2, 0)
	c.change(uri, 3, string(src)+"\n")
	want(3, 1)
	if kept := strings.Count(c.stderr.String(), "kept dependencies"); kept != 2 {
		t.Errorf("%d of 3 runs used the kept dependencies and facts, want 2", kept)
	}
	if m := c.shownMessages(); len(m) > 0 {
		t.Errorf("messages: %s", m)
	}
	c.shutdown()
}
