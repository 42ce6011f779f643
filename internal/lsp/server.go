package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"golang.org/x/tools/go/analysis"
)

// DefaultDebounce is how long the server waits after a change, while the
// user is typing, before it analyzes. A change after a quiet spell of at
// least this long is analyzed at once.
const DefaultDebounce = 200 * time.Millisecond

// Options configure a server.
type Options struct {
	Analyzer *analysis.Analyzer // required
	Debounce time.Duration      // DefaultDebounce when zero
	Log      io.Writer          // the server's log (stderr); discarded when nil
	Version  string             // reported in serverInfo
}

// Serve speaks LSP on rwc until the client sends exit or closes the
// stream. It returns the process exit code the protocol asks for: 0 after
// shutdown and exit, 1 when exit comes without shutdown or the stream ends
// first.
func Serve(ctx context.Context, rwc io.ReadWriteCloser, opts Options) int {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s := &server{
		ctx:      ctx,
		opts:     opts,
		log:      log.New(opts.Log, "passwordgrant lsp: ", log.LstdFlags|log.Lmicroseconds),
		docs:     map[string]*document{},
		results:  map[string]fileResult{},
		pending:  map[string]bool{},
		shown:    map[string]bool{},
		exited:   make(chan int, 1),
		loader:   newLoader(),
		lastEdit: time.Time{},
	}
	s.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(rwc), jsonrpc2.WithCodec(codec{}))
	s.conn.Go(ctx, s.handle)
	code := 1
	select {
	case code = <-s.exited:
	case <-s.conn.Done():
		if err := s.conn.Err(); err != nil {
			s.log.Printf("connection: %v", err)
		}
	}
	s.stopRuns()
	// Close waits for handlers; exit's handler has returned by now, or
	// returns without waiting for anything.
	go s.conn.Close()
	return code
}

type server struct {
	ctx    context.Context
	conn   jsonrpc2.Conn
	opts   Options
	log    *log.Logger
	loader *loader

	// publishMu orders publishing: a run checks that it is current and
	// sends its diagnostics under it, so an older run never overwrites
	// a newer one's.
	publishMu sync.Mutex

	mu              sync.Mutex
	initialized     bool
	shutdown        bool
	documentChanges bool // the client takes versioned document edits
	docs            map[string]*document
	results         map[string]fileResult // last findings per file, for code actions
	shown           map[string]bool       // problems already shown to the user

	// Scheduling: at most one run at a time. A change cancels the run in
	// flight (its files go back to pending) and either starts a run at once
	// (after a quiet spell) or (re)arms the debounce timer. Typing never
	// queues work: there is one pending set and one timer.
	pending  map[string]bool // files whose packages need analysis
	timer    *time.Timer
	timerSeq int // the debounce timer that may start a run
	lastEdit time.Time
	gen      int                // generation of the latest run
	cancel   context.CancelFunc // of the run in flight
	running  []string           // files of the run in flight

	exited chan int
}

// A document is an open file, as the editor holds it.
type document struct {
	uri     string // as the client spells it
	version int32
	text    []byte // replaced, never changed in place: runs share it
}

// fileResult is the last analysis of a file, at the document version it
// was made from (-1: the file was not open).
type fileResult struct {
	version  int32
	findings []finding
}

func (s *server) handle(ctx context.Context, req *jsonrpc2.Request) (result any, err error) {
	method := req.Method()
	call := req.IsCall()
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("panic handling %s: %v\n%s", method, r, debug.Stack())
			result, err = nil, nil
			if call {
				err = jsonrpc2.Errorf(jsonrpc2.InternalError, "passwordgrant: internal error handling %s: %v", method, r)
			}
		}
	}()
	result, err = s.dispatch(ctx, method, call, req.Params())
	if err != nil && !call {
		// A notification has no one to answer, and an error would close
		// the connection: log it.
		s.log.Printf("%s: %v", method, err)
		return nil, nil
	}
	return result, err
}

func (s *server) dispatch(ctx context.Context, method string, call bool, params []byte) (any, error) {
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case method == "exit":
		code := 1
		if shutdown {
			code = 0
		}
		select {
		case s.exited <- code:
		default:
		}
		return nil, nil
	case method == "initialize":
		if initialized {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "initialize sent twice")
		}
		return s.initialize(params)
	case !initialized:
		if call {
			return nil, jsonrpc2.NewError(jsonrpc2.ServerNotInitialized, "passwordgrant: not initialized")
		}
		return nil, nil
	case shutdown:
		if call {
			return nil, jsonrpc2.NewError(jsonrpc2.InvalidRequest, "passwordgrant: shut down")
		}
		return nil, nil
	}

	switch method {
	case "initialized":
		if _, err := exec.LookPath("go"); err != nil {
			s.showMessage(MessageError, "passwordgrant: the go command is not on PATH, so no package can be loaded and nothing is analyzed: install Go or put it on the PATH of the editor ("+err.Error()+")")
		}
		return nil, nil
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.stopRuns()
		return nil, nil
	case "textDocument/didOpen":
		var p DidOpenTextDocumentParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return nil, s.didOpen(p)
	case "textDocument/didChange":
		var p DidChangeTextDocumentParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return nil, s.didChange(p)
	case "textDocument/didSave":
		var p DidSaveTextDocumentParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return nil, s.didSave(p)
	case "textDocument/didClose":
		var p DidCloseTextDocumentParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return nil, s.didClose(ctx, p)
	case "textDocument/codeAction":
		var p CodeActionParams
		if err := decode(params, &p); err != nil {
			return nil, err
		}
		return s.codeAction(p), nil
	}
	if call {
		return nil, jsonrpc2.Errorf(jsonrpc2.MethodNotFound, "passwordgrant: method %q not supported", method)
	}
	return nil, nil // $/cancelRequest, $/setTrace, didChangeConfiguration, ...
}

func decode(params []byte, v any) error {
	if err := json.Unmarshal(params, v); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "passwordgrant: %v", err)
	}
	return nil
}

func (s *server) initialize(params []byte) (any, error) {
	var p InitializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.initialized = true
	s.documentChanges = p.Capabilities.Workspace.WorkspaceEdit.DocumentChanges
	s.mu.Unlock()
	if p.ClientInfo != nil {
		s.log.Printf("client %s %s", p.ClientInfo.Name, p.ClientInfo.Version)
	}
	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding: "utf-16",
			TextDocumentSync: TextDocumentSyncOptions{OpenClose: true, Change: syncFull, Save: SaveOptions{}},
			CodeActionProvider: CodeActionOptions{
				CodeActionKinds: []string{CodeActionKindQuickFix},
			},
		},
		ServerInfo: ServerInfo{Name: "passwordgrant", Version: s.opts.Version},
	}, nil
}

// goFile returns the path of a document the server analyzes: Go source
// in a file.
func goFile(uri string) (string, bool) {
	path, err := pathFromURI(uri)
	if err != nil || !strings.HasSuffix(path, ".go") {
		return "", false
	}
	return path, true
}

func (s *server) didOpen(p DidOpenTextDocumentParams) error {
	path, ok := goFile(p.TextDocument.URI)
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[path] = &document{uri: p.TextDocument.URI, version: p.TextDocument.Version, text: []byte(p.TextDocument.Text)}
	s.changedLocked(path)
	return nil
}

func (s *server) didChange(p DidChangeTextDocumentParams) error {
	path, ok := goFile(p.TextDocument.URI)
	if !ok {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc := s.docs[path]
	if doc == nil {
		return fmt.Errorf("change of %s, which is not open", p.TextDocument.URI)
	}
	text := doc.text
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			text = []byte(c.Text)
			continue
		}
		// The server asks for full text, but a range costs little to honour.
		start, err := offset(text, c.Range.Start)
		if err != nil {
			return fmt.Errorf("change of %s: %w", p.TextDocument.URI, err)
		}
		end, err := offset(text, c.Range.End)
		if err != nil || end < start {
			return fmt.Errorf("change of %s: bad range end: %v", p.TextDocument.URI, err)
		}
		text = slices.Concat(text[:start], []byte(c.Text), text[end:])
	}
	s.docs[path] = &document{uri: doc.uri, version: p.TextDocument.Version, text: text}
	s.changedLocked(path)
	return nil
}

func (s *server) didSave(p DidSaveTextDocumentParams) error {
	path, ok := goFile(p.TextDocument.URI)
	if !ok {
		return nil
	}
	// The file on disk changed: it may be a dependency of what is kept
	// for other packages.
	s.loader.saved(path)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.docs[path] != nil {
		s.changedLocked(path)
	}
	return nil
}

func (s *server) didClose(ctx context.Context, p DidCloseTextDocumentParams) error {
	path, ok := goFile(p.TextDocument.URI)
	if !ok {
		return nil
	}
	s.mu.Lock()
	delete(s.docs, path)
	delete(s.results, path)
	delete(s.pending, path)
	// The package's other open files now see the file on disk.
	for other := range s.docs {
		if filepath.Dir(other) == filepath.Dir(path) {
			s.changedLocked(other)
			break
		}
	}
	s.mu.Unlock()
	return s.conn.Notify(ctx, "textDocument/publishDiagnostics", PublishDiagnosticsParams{URI: p.TextDocument.URI, Diagnostics: []Diagnostic{}})
}

// changedLocked schedules the analysis of path's package.
func (s *server) changedLocked(path string) {
	s.pending[path] = true
	if s.cancel != nil {
		// The run in flight analyzes old text: stop it, and redo its files.
		s.cancel()
		s.cancel = nil
		for _, f := range s.running {
			if s.docs[f] != nil {
				s.pending[f] = true
			}
		}
		s.running = nil
	}
	now := time.Now()
	quiet := now.Sub(s.lastEdit) >= s.opts.Debounce
	s.lastEdit = now
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.timerSeq++
	if quiet {
		s.startLocked()
		return
	}
	s.timerSeq++
	seq := s.timerSeq
	s.timer = time.AfterFunc(s.opts.Debounce, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if seq != s.timerSeq {
			return // a later change re-armed the debounce while this one waited for the lock
		}
		s.timer = nil
		if !s.shutdown && len(s.pending) > 0 {
			s.startLocked()
		}
	})
}

// startLocked starts a run over the pending files, on a snapshot of the
// open documents.
func (s *server) startLocked() {
	files := make([]string, 0, len(s.pending))
	for f := range s.pending {
		files = append(files, f)
	}
	slices.Sort(files)
	clear(s.pending)
	overlay := make(map[string][]byte, len(s.docs))
	versions := make(map[string]int32, len(s.docs))
	for path, d := range s.docs {
		overlay[path] = d.text
		versions[path] = d.version
	}
	s.gen++
	ctx, cancel := context.WithCancel(s.ctx)
	s.cancel, s.running = cancel, files
	go s.run(ctx, s.gen, files, overlay, versions)
}

// stopRuns cancels the run in flight and the timer.
func (s *server) stopRuns() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	s.timerSeq++
	clear(s.pending)
}

// jobs groups files by directory: one load per package directory. Test
// files take part when one of the directory's open files is a test file:
// loading tests type-checks the package twice (and its external test
// package), which only pays when someone looks at a test.
func jobs(files []string, overlay map[string][]byte) []job {
	byDir := map[string]*job{}
	var order []string
	for _, f := range files {
		dir := filepath.Dir(f)
		j := byDir[dir]
		if j == nil {
			j = &job{dir: dir}
			byDir[dir] = j
			order = append(order, dir)
		}
		j.files = append(j.files, f)
	}
	for path := range overlay {
		if j := byDir[filepath.Dir(path)]; j != nil && strings.HasSuffix(path, "_test.go") {
			j.tests = true
		}
	}
	out := make([]job, len(order))
	for i, dir := range order {
		out[i] = *byDir[dir]
	}
	return out
}

func (s *server) run(ctx context.Context, gen int, files []string, overlay map[string][]byte, versions map[string]int32) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("panic analyzing %v: %v\n%s", files, r, debug.Stack())
			s.showOnce(MessageError, fmt.Sprintf("passwordgrant: internal error analyzing %s: %v (details in the server's log)", strings.Join(files, ", "), r))
		}
		s.mu.Lock()
		if s.gen == gen {
			s.cancel, s.running = nil, nil
		}
		s.mu.Unlock()
	}()
	start := time.Now()
	for _, j := range jobs(files, overlay) {
		t0 := time.Now()
		res, kept, err := s.loader.run(ctx, s.opts.Analyzer, j, overlay)
		if ctx.Err() != nil {
			return // superseded; its files are pending again
		}
		how := "loaded and analyzed"
		if kept {
			how = "type-checked against the kept dependencies and analyzed"
		}
		s.log.Printf("%s %s in %v", j.dir, how, time.Since(t0).Round(time.Microsecond))
		if err != nil {
			res = &result{findings: map[string][]finding{}, problems: []string{err.Error()}}
		}
		for _, f := range j.files {
			if _, ok := res.findings[f]; !ok {
				res.findings[f] = nil // clear what it had: we know nothing now
			}
		}
		for _, p := range res.problems {
			s.log.Print(p)
			s.showOnce(MessageWarning, "passwordgrant: "+p)
		}
		if !s.publish(ctx, gen, res, versions) {
			return
		}
	}
	s.log.Printf("run of %s took %v", strings.Join(files, ", "), time.Since(start).Round(time.Millisecond))
}

// publish stores a job's findings and sends them for the open files. It
// reports false when the run was superseded.
func (s *server) publish(ctx context.Context, gen int, res *result, versions map[string]int32) bool {
	s.publishMu.Lock()
	defer s.publishMu.Unlock()
	s.mu.Lock()
	if s.gen != gen || ctx.Err() != nil {
		s.mu.Unlock()
		return false
	}
	var out []PublishDiagnosticsParams
	paths := make([]string, 0, len(res.findings))
	for p := range res.findings {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, path := range paths {
		fs := res.findings[path]
		v, open := versions[path]
		doc := s.docs[path]
		if !open || doc == nil {
			continue // diagnostics for open files only
		}
		s.results[path] = fileResult{version: v, findings: fs}
		diags := make([]Diagnostic, len(fs))
		for i, f := range fs {
			diags[i] = f.diag
		}
		out = append(out, PublishDiagnosticsParams{URI: doc.uri, Version: &v, Diagnostics: diags})
	}
	s.mu.Unlock()
	for _, p := range out {
		if err := s.conn.Notify(s.ctx, "textDocument/publishDiagnostics", p); err != nil {
			s.log.Printf("publishing diagnostics: %v", err)
			return false
		}
	}
	return true
}

func (s *server) showMessage(typ int, msg string) {
	if err := s.conn.Notify(s.ctx, "window/showMessage", ShowMessageParams{Type: typ, Message: msg}); err != nil {
		s.log.Printf("showing %q: %v", msg, err)
	}
}

// showOnce shows a message the first time it comes up: a package that
// fails to load fails again on every keystroke.
func (s *server) showOnce(typ int, msg string) {
	s.mu.Lock()
	seen := s.shown[msg]
	s.shown[msg] = true
	s.mu.Unlock()
	if !seen {
		s.showMessage(typ, msg)
	}
}

// codeAction returns the fixes of the findings in the range: every
// suggested fix as a quick fix, the first of each finding preferred.
func (s *server) codeAction(p CodeActionParams) []CodeAction {
	actions := []CodeAction{}
	if len(p.Context.Only) > 0 && !slices.ContainsFunc(p.Context.Only, func(k string) bool {
		return k == CodeActionKindQuickFix || k == ""
	}) {
		return actions
	}
	path, ok := goFile(p.TextDocument.URI)
	if !ok {
		return actions
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, res := s.docs[path], s.results[path]
	if doc == nil || res.version != doc.version {
		return actions // findings of another version: their edits would not apply
	}
	for _, f := range res.findings {
		if comparePos(f.diag.Range.Start, p.Range.End) > 0 || comparePos(p.Range.Start, f.diag.Range.End) > 0 {
			continue
		}
		for i, fx := range f.fixes {
			actions = append(actions, CodeAction{
				Title:       fx.title,
				Kind:        CodeActionKindQuickFix,
				Diagnostics: []Diagnostic{f.diag},
				// The first fix is what -fix applies. Suppressing is a
				// choice to make, never the preferred action.
				IsPreferred: i == 0 && !strings.HasPrefix(fx.title, "Allow with a reason"),
				Edit:        s.workspaceEditLocked(fx),
			})
		}
	}
	return actions
}

func (s *server) workspaceEditLocked(fx fix) *WorkspaceEdit {
	paths := make([]string, 0, len(fx.edits))
	for p := range fx.edits {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	we := &WorkspaceEdit{}
	for _, path := range paths {
		uri := uriFromPath(path)
		var version *int32
		if d := s.docs[path]; d != nil {
			uri = d.uri
			v := s.results[path].version
			version = &v
		}
		if s.documentChanges {
			we.DocumentChanges = append(we.DocumentChanges, TextDocumentEdit{
				TextDocument: OptionalVersionedTextDocumentIdentifier{URI: uri, Version: version},
				Edits:        fx.edits[path],
			})
			continue
		}
		if we.Changes == nil {
			we.Changes = map[string][]TextEdit{}
		}
		we.Changes[uri] = fx.edits[path]
	}
	return we
}
