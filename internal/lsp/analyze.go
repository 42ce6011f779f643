package lsp

import (
	"context"
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// loadMode is what the analyzer needs: syntax and types of the package
// itself. Dependencies come as export data from the go command, which
// keeps it in its build cache: after the first load of a package,
// editing it recompiles nothing it imports.
const loadMode = packages.LoadSyntax | packages.NeedModule

// A job is one package load: the open files of one directory that changed,
// and whether test files take part.
type job struct {
	dir   string
	files []string // absolute, all in dir
	tests bool
	// deps loads the dependencies from source too, for an analyzer with
	// facts: the checker analyzes them before the package.
	deps bool
}

// load loads the packages that hold the job's files, reading open
// documents from overlay rather than from disk. It is also the floor of
// the latency benchmark: what any tool that type-checks the package on
// every change pays.
func load(ctx context.Context, j job, overlay map[string][]byte, fset *token.FileSet) ([]*packages.Package, error) {
	mode := loadMode
	if j.deps {
		mode |= packages.LoadAllSyntax
	}
	cfg := &packages.Config{
		Context: ctx,
		Mode:    mode,
		Dir:     j.dir,
		Tests:   j.tests,
		Overlay: overlay,
		Fset:    fset,
	}
	patterns := make([]string, len(j.files))
	for i, f := range j.files {
		patterns[i] = "file=" + f
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil, fmt.Errorf("loading the package of %s: %w", j.files[0], err)
	}
	return pkgs, nil
}

// result is what one job produced: the findings per file of the analyzed
// packages (an entry, maybe empty, for every file analyzed), and problems
// to show the user.
type result struct {
	findings map[string][]finding // by file path
	problems []string
}

// A finding is a diagnostic in LSP form with its fixes, converted against
// the content the analysis saw.
type finding struct {
	diag  Diagnostic
	fixes []fix
}

// A fix is one suggested fix: edits by file path.
type fix struct {
	title string
	edits map[string][]TextEdit
}

// analyze runs the analyzer on the loaded packages that hold the job's
// files. Packages with errors are analyzed too (the analyzer runs despite
// errors); only a package that could not be listed at all is a problem.
func analyze(ctx context.Context, a *analysis.Analyzer, j job, pkgs []*packages.Package, overlay map[string][]byte) (*result, error) {
	res, _, err := analyzeGraph(ctx, a, j, pkgs, overlay)
	return res, err
}

// analyzeGraph is analyze that also returns the checker's action graph,
// whose dependency actions hold the facts an analyzer exported.
func analyzeGraph(ctx context.Context, a *analysis.Analyzer, j job, pkgs []*packages.Package, overlay map[string][]byte) (*result, *checker.Graph, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	res := &result{findings: map[string][]finding{}}
	wanted := map[string]bool{}
	for _, f := range j.files {
		wanted[f] = true
	}
	var roots []*packages.Package
	found := map[string]bool{}
	for _, p := range pkgs {
		holds := false
		for _, f := range p.GoFiles {
			if wanted[f] {
				holds, found[f] = true, true
			}
		}
		for _, e := range p.Errors {
			if (e.Kind == packages.ListError || !holds && e.Kind == packages.UnknownError) && !sourceError(e, p, j) {
				res.problems = append(res.problems, e.Msg)
			}
		}
		if holds && p.Module == nil && p.PkgPath == "command-line-arguments" {
			// The go command made an ad-hoc package of the file: it is
			// in no module. Imports beyond the standard library do not
			// resolve, so findings that need their types are missed.
			res.problems = append(res.problems, fmt.Sprintf("%s is in no Go module (no go.mod in its directory or above), so only its standard-library imports resolve and findings that need other packages' types are missed: open it inside its module, or run go mod init", filepath.Dir(p.GoFiles[0])))
		}
		if holds && p.Types != nil && p.Fset != nil {
			roots = append(roots, p)
		}
	}
	for _, f := range j.files {
		if !found[f] && len(res.problems) == 0 {
			res.problems = append(res.problems, fmt.Sprintf("%s is in no package that the go command can load from %s", f, j.dir))
		}
	}
	if len(roots) == 0 {
		return res, nil, nil
	}
	// Sequential: the analyzer runs on this goroutine, so that the
	// caller's recover catches a panic in it.
	graph, err := checker.Analyze([]*analysis.Analyzer{withOverlay(a, overlay)}, roots, &checker.Options{Sequential: true})
	if err != nil {
		return nil, nil, fmt.Errorf("analyzing %s: %w", j.dir, err)
	}
	files := contents{overlay: overlay, disk: map[string][]byte{}}
	seen := map[string]bool{}
	// The files the user edits; cgo's generated files are left out.
	for _, p := range roots {
		for _, f := range p.GoFiles {
			if _, ok := res.findings[f]; !ok {
				res.findings[f] = nil
			}
		}
	}
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			res.problems = append(res.problems, fmt.Sprintf("analyzing %s: %v", act.Package.ID, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			if tf := act.Package.Fset.File(d.Pos); tf == nil {
				continue
			} else if _, ok := res.findings[tf.Name()]; !ok {
				continue
			}
			path, f, err := convert(act.Package.Fset, d, files)
			if err != nil {
				res.problems = append(res.problems, err.Error())
				continue
			}
			// A file of a package and of its test variant is analyzed twice.
			key := fmt.Sprintf("%s\x00%v\x00%s\x00%s", path, f.diag.Range, f.diag.Code, f.diag.Message)
			if seen[key] {
				continue
			}
			seen[key] = true
			res.findings[path] = append(res.findings[path], f)
		}
	}
	for path, fs := range res.findings {
		slices.SortStableFunc(fs, func(a, b finding) int {
			return comparePos(a.diag.Range.Start, b.diag.Range.Start)
		})
		res.findings[path] = fs
	}
	return res, graph, nil
}

// sourceError reports whether a go list error is about the package's own
// source text: the compiler's output ("# pkg" and its errors, which come
// again as the package's parse and type errors) or a position in one of
// its files. gopls shows those as it shows every compile error; a pop-up
// on every keystroke of broken code would be noise.
func sourceError(e packages.Error, p *packages.Package, j job) bool {
	if strings.HasPrefix(e.Msg, "# ") {
		return true
	}
	file := e.Pos
	for range 2 { // drop :line:col
		if i := strings.LastIndexByte(file, ':'); i > 0 {
			if _, err := strconv.Atoi(file[i+1:]); err == nil {
				file = file[:i]
			}
		}
	}
	if file == "" || file == "-" {
		return false
	}
	if !filepath.IsAbs(file) {
		file = filepath.Join(j.dir, file)
	}
	return slices.Contains(p.GoFiles, file) || slices.Contains(p.CompiledGoFiles, file) || slices.Contains(j.files, file)
}

func comparePos(a, b Position) int {
	if a.Line != b.Line {
		return int(a.Line) - int(b.Line)
	}
	return int(a.Character) - int(b.Character)
}

// withOverlay returns a copy of a whose pass.ReadFile serves open
// documents from the overlay: the analyzer reads source text to lay out
// its fixes, and it must read the text it parsed, not the file on disk.
// (checker.Options cannot set ReadFile yet.)
func withOverlay(a *analysis.Analyzer, overlay map[string][]byte) *analysis.Analyzer {
	run := a.Run
	return &analysis.Analyzer{
		Name:             a.Name,
		Doc:              a.Doc,
		URL:              a.URL,
		Requires:         a.Requires,
		ResultType:       a.ResultType,
		FactTypes:        a.FactTypes,
		RunDespiteErrors: a.RunDespiteErrors,
		Run: func(pass *analysis.Pass) (any, error) {
			disk := pass.ReadFile
			parsed := map[string]bool{}
			for _, f := range pass.Files {
				parsed[pass.Fset.File(f.FileStart).Name()] = true
			}
			pass.ReadFile = func(name string) ([]byte, error) {
				if b, ok := overlay[name]; ok && parsed[name] {
					return b, nil
				}
				return disk(name) // which also refuses files not of the package
			}
			return run(pass)
		},
	}
}

// contents reads the text that positions refer to: an open document's
// buffer, or the file on disk.
type contents struct {
	overlay map[string][]byte
	disk    map[string][]byte
}

func (c contents) get(path string) ([]byte, error) {
	if b, ok := c.overlay[path]; ok {
		return b, nil
	}
	if b, ok := c.disk[path]; ok {
		return b, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	c.disk[path] = b
	return b, nil
}

// rangeOf converts [pos, end) to a path and an LSP range. Positions are of
// the file as parsed (//line directives ignored): the editor shows that
// file.
func (c contents) rangeOf(fset *token.FileSet, pos, end token.Pos) (string, Range, error) {
	tf := fset.File(pos)
	if tf == nil {
		return "", Range{}, fmt.Errorf("position %d is in no file", pos)
	}
	if !end.IsValid() || end < pos || fset.File(end) != tf {
		end = pos
	}
	content, err := c.get(tf.Name())
	if err != nil {
		return "", Range{}, err
	}
	start, err := position(content, tf.Offset(pos))
	if err != nil {
		return "", Range{}, fmt.Errorf("%s: %w", tf.Name(), err)
	}
	stop, err := position(content, tf.Offset(end))
	if err != nil {
		return "", Range{}, fmt.Errorf("%s: %w", tf.Name(), err)
	}
	return tf.Name(), Range{Start: start, End: stop}, nil
}

// convert turns an analysis diagnostic into a finding: severity from the
// catalogue's level, code and documentation from the rule.
func convert(fset *token.FileSet, d analysis.Diagnostic, files contents) (string, finding, error) {
	path, rng, err := files.rangeOf(fset, d.Pos, d.End)
	if err != nil {
		return "", finding{}, err
	}
	diag := Diagnostic{
		Range:    rng,
		Severity: SeverityError,
		Code:     d.Category,
		Source:   "passwordgrant",
		// The code is shown beside the message; do not say it twice.
		Message: strings.TrimPrefix(d.Message, d.Category+": "),
	}
	href := d.URL
	if r, ok := passwordgrant.RuleByID(d.Category); ok {
		diag.Severity = severity(r.Level)
		if href == "" {
			href = r.URL()
		}
	}
	if href != "" {
		diag.CodeDescription = &CodeDescription{Href: href}
	}
	for _, rel := range d.Related {
		p, r, err := files.rangeOf(fset, rel.Pos, rel.End)
		if err != nil {
			continue // a related place we cannot show does not cost the finding
		}
		diag.RelatedInformation = append(diag.RelatedInformation, DiagnosticRelatedInformation{
			Location: Location{URI: uriFromPath(p), Range: r},
			Message:  rel.Message,
		})
	}
	f := finding{diag: diag}
	for _, sf := range d.SuggestedFixes {
		fx := fix{title: sf.Message, edits: map[string][]TextEdit{}}
		ok := len(sf.TextEdits) > 0
		for _, e := range sf.TextEdits {
			p, r, err := files.rangeOf(fset, e.Pos, e.End)
			if err != nil {
				ok = false
				break
			}
			fx.edits[p] = append(fx.edits[p], TextEdit{Range: r, NewText: string(e.NewText)})
		}
		if ok {
			f.fixes = append(f.fixes, fx)
		}
	}
	return path, f, nil
}

// severity maps a catalogue level to an editor severity.
func severity(level string) int {
	switch level {
	case passwordgrant.LevelWarning:
		return SeverityWarning
	case passwordgrant.LevelNote:
		return SeverityInformation
	default:
		return SeverityError
	}
}
