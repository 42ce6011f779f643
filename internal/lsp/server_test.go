package lsp

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// TestServer is a session as an editor has it: open a file with findings,
// edit it without saving, take the preferred quick fix, break the code.
func TestServer(t *testing.T) {
	dir, file := lspmod(t)
	c := startServer(t, testEnv())

	// It claims document sync and quick fixes, nothing that gopls does.
	caps := c.initialize(dir)
	var claimed []string
	for k := range caps {
		claimed = append(claimed, k)
	}
	slices.Sort(claimed)
	if want := []string{"codeActionProvider", "positionEncoding", "textDocumentSync"}; !slices.Equal(claimed, want) {
		t.Errorf("capabilities %q, want %q", claimed, want)
	}

	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	uri := c.open(file, 1, text)

	// 1. Diagnostics with rule IDs, links, severity and UTF-16 columns.
	p := c.diagnostics(uri, 1)
	if got, want := codesOf(p.Diagnostics), []string{"PG007", "PG001", "PG002", "PG003"}; !slices.Equal(got, want) {
		t.Fatalf("codes %q, want %q (in line order)\n%+v", got, want, p.Diagnostics)
	}
	for _, d := range p.Diagnostics {
		r, ok := passwordgrant.RuleByID(d.Code)
		if !ok {
			t.Errorf("%s is not a rule of the catalogue", d.Code)
			continue
		}
		if d.Source != "passwordgrant" || d.CodeDescription == nil || d.CodeDescription.Href != r.URL() ||
			d.Severity != SeverityError || d.Message == "" || strings.HasPrefix(d.Message, d.Code) {
			t.Errorf("diagnostic %+v: want source passwordgrant, href %s, severity error and a message without the code", d, r.URL())
		}
	}
	// The PG007 literal follows a 🔑: four bytes, two UTF-16 units.
	pg007 := p.Diagnostics[0]
	if want := rangeOfText(t, text, `"https://api.getgo.com/oauth/v2/token"`); pg007.Range != want {
		t.Errorf("PG007 at %+v, want %+v", pg007.Range, want)
	}

	// 2. An unsaved edit removes the PG002 finding.
	text = strings.Replace(text, `		"grant_type": {"password"},`+"\n", "", 1)
	c.change(uri, 2, text)
	p = c.diagnostics(uri, 2)
	if got, want := codesOf(p.Diagnostics), []string{"PG007", "PG001", "PG003"}; !slices.Equal(got, want) {
		t.Fatalf("after removing grant_type: codes %q, want %q", got, want)
	}
	if disk, _ := os.ReadFile(file); string(disk) != string(src) {
		t.Fatal("the file on disk changed")
	}

	// 3. Quick fixes: the fix first and preferred, then "Allow with a reason".
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{
		TextDocument: TextDocumentIdentifier{URI: uri},
		Range:        Range{Start: p.Diagnostics[0].Range.Start, End: p.Diagnostics[0].Range.Start},
		Context:      CodeActionContext{Diagnostics: p.Diagnostics[:1]},
	}, &actions)
	if len(actions) < 2 {
		t.Fatalf("code actions %+v, want the fix and the allow directive", actions)
	}
	if !actions[0].IsPreferred || actions[0].Kind != CodeActionKindQuickFix {
		t.Errorf("first action %+v, want a preferred quickfix", actions[0])
	}
	allow := slices.IndexFunc(actions, func(a CodeAction) bool {
		return strings.HasPrefix(a.Title, "Allow with a reason (//passwordgrant:allow PG007)")
	})
	if allow < 0 || actions[allow].IsPreferred {
		t.Errorf("actions %+v: want a non-preferred Allow with a reason", actions)
	}
	for _, a := range actions[1:] {
		if a.IsPreferred {
			t.Errorf("%q is preferred too", a.Title)
		}
	}
	text = applyEdit(t, text, uri, 2, actions[0].Edit)
	if !strings.Contains(text, `"🔑", "https://authentication.logmeininc.com/oauth/token"`) {
		t.Fatalf("after the preferred fix:\n%s", text)
	}
	c.change(uri, 3, text)
	p = c.diagnostics(uri, 3)
	if got, want := codesOf(p.Diagnostics), []string{"PG001", "PG003"}; !slices.Equal(got, want) {
		t.Fatalf("after the fix: codes %q, want %q", got, want)
	}
	// Code actions of an older version are not offered: their edits
	// would land in the wrong place.
	c.change(uri, 4, text+"\n")
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}}, &actions)
	c.diagnostics(uri, 4)

	// 4. Broken code: a type error still gets findings, a syntax error
	// gets what the parser kept, and the server lives on.
	typeErr := strings.Replace(text, `user := os.Getenv("APP_USER")`, `user := os.Getenv("APP_USER") + 1`, 1)
	c.change(uri, 5, typeErr)
	if got := codesOf(c.diagnostics(uri, 5).Diagnostics); !slices.Contains(got, "PG001") {
		t.Errorf("with a type error: codes %q, want PG001 among them", got)
	}
	syntaxErr := text[:strings.Index(text, "// Raw posts")] + "func Raw(user, pass string {\n\tbody := \"grant_type=password&username=\" + user\n"
	c.change(uri, 6, syntaxErr)
	t.Logf("with a syntax error: codes %q", codesOf(c.diagnostics(uri, 6).Diagnostics))
	c.change(uri, 7, "package tokens\n\nfunc (")
	c.diagnostics(uri, 7)
	c.change(uri, 8, "")
	c.diagnostics(uri, 8)

	// Back to the working file: everything is there again.
	c.change(uri, 9, string(src))
	if got := codesOf(c.diagnostics(uri, 9).Diagnostics); len(got) != 4 {
		t.Errorf("after repairing: codes %q, want 4", got)
	}

	// Closing clears the file's diagnostics.
	c.notify("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: uri}})
	c.wait(30e9, "empty diagnostics after didClose", func(m message) bool {
		return m.method == "textDocument/publishDiagnostics" && strings.Contains(string(m.params), `"diagnostics":[]`)
	})
	// Broken code is gopls's to report: no pop-ups from this server.
	if m := c.shownMessages(); len(m) > 0 {
		t.Errorf("window/showMessage during the session: %s", m)
	}
	c.shutdown()
}

func codesOf(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Code)
	}
	return out
}

// rangeOfText is the LSP range of the only occurrence of s in text,
// counted independently of the server's code.
func rangeOfText(t *testing.T, text, s string) Range {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 || strings.Count(text, s) != 1 {
		t.Fatalf("%q is not in the text once", s)
	}
	line := strings.Count(text[:i], "\n")
	lineText := text[strings.LastIndex(text[:i], "\n")+1 : i]
	col := len(utf16.Encode([]rune(lineText)))
	return Range{
		Start: Position{Line: uint32(line), Character: uint32(col)},
		End:   Position{Line: uint32(line), Character: uint32(col + len(utf16.Encode([]rune(s))))},
	}
}

// applyEdit applies a workspace edit of one document at version to text,
// as an editor does.
func applyEdit(t *testing.T, text, uri string, version int32, we *WorkspaceEdit) string {
	t.Helper()
	if we == nil || len(we.DocumentChanges) != 1 || len(we.Changes) != 0 {
		t.Fatalf("edit %+v: want document changes of one document", we)
	}
	dc := we.DocumentChanges[0]
	if dc.TextDocument.URI != uri || dc.TextDocument.Version == nil || *dc.TextDocument.Version != version {
		t.Fatalf("edit of %+v, want %s version %d", dc.TextDocument, uri, version)
	}
	type span struct {
		start, end int
		text       string
	}
	var spans []span
	for _, e := range dc.Edits {
		start, err := offset([]byte(text), e.Range.Start)
		if err != nil {
			t.Fatal(err)
		}
		end, err := offset([]byte(text), e.Range.End)
		if err != nil {
			t.Fatal(err)
		}
		spans = append(spans, span{start, end, e.NewText})
	}
	slices.SortStableFunc(spans, func(a, b span) int { return b.start - a.start })
	for _, s := range spans {
		text = text[:s.start] + s.text + text[s.end:]
	}
	return text
}

// TestOutsideModule: a file the go command cannot load gets a message,
// not a dead server.
func TestOutsideModule(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "lone.go")
	text := "package lone\n\nimport \"golang.org/x/oauth2\"\n\nvar endpoint = oauth2.Endpoint{TokenURL: \"https://api.getgo.com/oauth/v2/token\"}\n"
	if err := os.WriteFile(file, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, append(testEnv(), "GO111MODULE=on"))
	c.initialize(dir)
	uri := c.open(file, 1, text)
	m := c.showMessage("is in no Go module")
	t.Logf("message: %+v", m)
	if m.Type != MessageWarning {
		t.Errorf("message type %d, want a warning", m.Type)
	}
	// What does not need other packages is still found.
	if got := codesOf(c.diagnostics(uri, 1).Diagnostics); !slices.Equal(got, []string{"PG007"}) {
		t.Errorf("codes %q, want PG007", got)
	}
	// Still serving.
	var actions []CodeAction
	c.call("textDocument/codeAction", CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}}, &actions)
	c.shutdown()
}

// TestNoGoCommand: without a go command the user is told why nothing is
// analyzed.
func TestNoGoCommand(t *testing.T) {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	env = append(env, "PATH="+t.TempDir())
	c := startServer(t, env)
	c.initialize(t.TempDir())
	if m := c.showMessage("go command"); m.Type != MessageError {
		t.Errorf("message %+v, want an error", m)
	}
	c.shutdown()
}

// TestTyping: a burst of changes is analyzed at its start and after it,
// not once per change.
func TestTyping(t *testing.T) {
	dir, file := lspmod(t)
	c := startServer(t, testEnv())
	c.initialize(dir)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	uri := c.open(file, 1, string(src))
	c.diagnostics(uri, 1)
	time.Sleep(2 * DefaultDebounce) // a pause before typing
	const n = 20
	for i := range n {
		c.change(uri, int32(2+i), string(src)+strings.Repeat("/", i)+"\n")
		time.Sleep(10 * time.Millisecond)
	}
	published := 0
	c.wait(60*time.Second, "diagnostics of the last change", func(m message) bool {
		var p PublishDiagnosticsParams
		if m.method != "textDocument/publishDiagnostics" || json.Unmarshal(m.params, &p) != nil {
			return false
		}
		published++
		return p.Version != nil && *p.Version == n+1
	})
	if published > 3 {
		t.Errorf("%d changes 10 ms apart were published %d times, want at most 3 (the first, maybe one more, the last)", n, published)
	}
	t.Logf("%d changes, %d publications", n, published)
	c.shutdown()
}

// TestFlags: the analyzer's flags configure the server; bad flags exit 2.
func TestFlags(t *testing.T) {
	out, err := exec.Command(command(t), "lsp", "-h").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "-funcs") || !strings.Contains(string(out), "-report-unused") || !strings.Contains(string(out), "-debounce") {
		t.Errorf("lsp -h: %v\n%s", err, out)
	}
	var ee *exec.ExitError
	if out, err := exec.Command(command(t), "lsp", "-nosuch").CombinedOutput(); !errors.As(err, &ee) || ee.ExitCode() != 2 {
		t.Errorf("lsp -nosuch: %v, want exit code 2\n%s", err, out)
	}

	dir, file := lspmod(t)
	c := startServer(t, testEnv(), "-funcs=net/url.Values", "--stdio")
	c.initialize(dir)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	uri := c.open(file, 1, string(src))
	if got := codesOf(c.diagnostics(uri, 1).Diagnostics); !slices.Contains(got, "PG004") {
		t.Errorf("with -funcs=net/url.Values: codes %q, want PG004 among them", got)
	}
	c.shutdown()
}

// TestDepsFlag: with -deps the analyzer has facts; the first load analyzes
// the dependencies from source, later edits reuse their facts.
func TestDepsFlag(t *testing.T) {
	out, err := exec.Command(command(t), "lsp", "-h").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "-deps") {
		t.Skipf("the analyzer has no -deps flag: %v", err)
	}
	dir, file := lspmod(t)
	c := startServer(t, testEnv(), "-deps")
	c.initialize(dir)
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	uri := c.open(file, 1, string(src))
	first := codesOf(c.diagnostics(uri, 1).Diagnostics)
	if !slices.Contains(first, "PG001") {
		t.Errorf("with -deps: codes %q, want PG001 among them", first)
	}
	c.change(uri, 2, string(src)+"\n")
	if again := codesOf(c.diagnostics(uri, 2).Diagnostics); !slices.Equal(again, first) {
		t.Errorf("with -deps, after an edit: codes %q, want %q", again, first)
	}
	if m := c.shownMessages(); len(m) > 0 {
		t.Errorf("messages: %s", m)
	}
	c.shutdown()
	if !strings.Contains(c.stderr.String(), "kept dependencies") {
		t.Errorf("the edit did not reuse the kept dependencies and facts:\n%s", c.stderr)
	}
}
