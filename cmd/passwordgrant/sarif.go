package main

import (
	"flag"
	"fmt"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/internal/sarif"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// runSARIF is the command with -format=sarif: it loads the packages named
// by args, analyses them and writes one SARIF log to stdout. Its exit codes
// are those of the text output, so that one CI step both gates and
// produces the file to upload.
func runSARIF(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		fmt.Fprintln(stderr, "passwordgrant: -format=sarif is for the standalone command (passwordgrant -format=sarif ./...), not for go vet or go fix, which run it once per package")
		return 1
	}
	a := passwordgrant.Analyzer
	fs := flag.NewFlagSet("passwordgrant", flag.ContinueOnError)
	fs.SetOutput(stderr)
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	aliasFlags(fs)
	tests := fs.Bool("test", true, "indicates whether test files should be analyzed, too")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: passwordgrant -format=sarif [-flag] [package...]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2 // as the flag package exits for the other formats
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 1 // as singlechecker does without packages
	}

	cfg := &packages.Config{Mode: packages.LoadSyntax | packages.NeedModule, Tests: *tests}
	pkgs, err := packages.Load(cfg, fs.Args()...)
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "passwordgrant: %s matched no packages\n", strings.Join(fs.Args(), " "))
		return 1
	}
	exit := 0
	if packages.PrintErrors(pkgs) > 0 {
		exit = 1
	}
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	for act := range graph.All() {
		if act.Err != nil {
			fmt.Fprintf(stderr, "passwordgrant: %s: %v\n", act.Package.ID, act.Err)
			exit = 1
		}
	}

	root, err := moduleRoot(pkgs)
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	log, n, err := buildLog(graph, root)
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	if err := log.Write(stdout); err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	if n > 0 {
		exit = max(exit, 3) // as singlechecker: findings outrank load errors
	}
	return exit
}

// moduleRoot is the directory that artifact URIs are relative to: the root
// of the main module that holds the working directory (in a workspace,
// the innermost), else the working directory. Code scanning resolves the
// URIs against the checkout, so run the command from the repository's
// module root.
func moduleRoot(pkgs []*packages.Package) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %w", err)
	}
	// The go command may report the module under the working directory's
	// resolved path (macOS's /tmp is a symbolic link).
	wds := []string{wd}
	if real, err := filepath.EvalSymlinks(wd); err == nil && real != wd {
		wds = append(wds, real)
	}
	best := ""
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Module == nil || !p.Module.Main || p.Module.Dir == "" {
			return
		}
		for _, wd := range wds {
			if rel, err := filepath.Rel(p.Module.Dir, wd); err == nil && (rel == "." || filepath.IsLocal(rel)) &&
				len(p.Module.Dir) > len(best) {
				best = p.Module.Dir
			}
		}
	})
	if best == "" {
		return wd, nil
	}
	return best, nil
}

// buildLog converts the diagnostics of the graph's root actions. It returns
// the log and the number of results before duplicates (the same file in a
// package and its test variant) are dropped, which is only compared with 0.
func buildLog(graph *checker.Graph, root string) (*sarif.Log, int, error) {
	rules := passwordgrant.Rules()
	known := map[string]bool{}
	for _, r := range rules {
		known[r.ID] = true
	}
	driver := sarif.Driver{
		Name:           passwordgrant.Analyzer.Name,
		Version:        toolVersion(),
		InformationURI: passwordgrant.Analyzer.URL,
	}
	for _, r := range rules {
		driver.Rules = append(driver.Rules, descriptor(r))
	}
	var diags []located
	for act := range graph.All() {
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			if d.Category == "" {
				d.Category = act.Analyzer.Name
			}
			diags = append(diags, located{act.Package.Fset, d})
			if !known[d.Category] {
				// A diagnostic without a rule ID of the catalogue is a bug
				// in the analyzer, but its finding still belongs in the
				// report.
				known[d.Category] = true
				driver.Rules = append(driver.Rules, sarif.Descriptor{
					ID:               d.Category,
					Name:             "unclassified",
					ShortDescription: &sarif.Text{Text: "a finding without a rule ID in the catalogue"},
				})
			}
		}
	}
	log := sarif.NewLog(driver, root)
	files := fileCache{}
	for _, ld := range diags {
		r, err := result(ld, root, files)
		if err != nil {
			return nil, 0, err
		}
		if err := log.Add(r); err != nil {
			return nil, 0, err
		}
	}
	return log, len(diags), nil
}

type located struct {
	fset *token.FileSet
	analysis.Diagnostic
}

// level is the SARIF level of a rule, from the catalogue: the password
// grant findings fail a code-scanning gate, directive hygiene does not.
func level(ruleID string) string {
	if r, ok := passwordgrant.RuleByID(ruleID); ok {
		return r.Level
	}
	return sarif.LevelError
}

func descriptor(r passwordgrant.Rule) sarif.Descriptor {
	md := r.Help
	if r.Before != "" {
		md += "\n\nReported:\n\n```go\n" + r.Before + "\n```"
	}
	if r.After != "" {
		md += "\n\nAfter the first fix:\n\n```go\n" + r.After + "\n```"
	}
	md += "\n\n[Rule documentation](" + r.URL() + ")"
	return sarif.Descriptor{
		ID:                   r.ID,
		Name:                 r.Name,
		ShortDescription:     &sarif.Text{Text: r.Title},
		FullDescription:      &sarif.Text{Text: r.Help},
		HelpURI:              r.URL(),
		Help:                 &sarif.Text{Text: r.Help, Markdown: md},
		DefaultConfiguration: &sarif.Configuration{Level: r.Level},
		Properties:           &sarif.RuleProperties{Tags: r.Tags, Precision: "high"},
	}
}

func result(ld located, root string, files fileCache) (sarif.Result, error) {
	loc, region, err := files.region(ld.fset, ld.Pos, ld.End, root)
	if err != nil {
		return sarif.Result{}, err
	}
	r := sarif.Result{
		RuleID:  ld.Category,
		Level:   level(ld.Category),
		Message: sarif.Text{Text: ld.Message},
		Locations: []sarif.Location{{PhysicalLocation: sarif.PhysicalLocation{
			ArtifactLocation: loc, Region: &region,
		}}},
	}
	for _, fix := range ld.SuggestedFixes {
		if len(fix.TextEdits) == 0 {
			continue // SARIF wants at least one change per fix
		}
		f, err := files.fix(ld.fset, fix, root)
		if err != nil {
			return sarif.Result{}, err
		}
		r.Fixes = append(r.Fixes, f)
	}
	return r, nil
}

// fileCache holds the content of the files that results point into: SARIF
// columns count UTF-16 units, which takes the text of the line.
type fileCache map[string][]byte

func (fc fileCache) content(name string) ([]byte, error) {
	if b, ok := fc[name]; ok {
		return b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading %s for its SARIF regions: %w", name, err)
	}
	fc[name] = b
	return b, nil
}

// region locates [pos, end) in the file as parsed, ignoring //line
// directives: code scanning shows the file that is in the repository.
func (fc fileCache) region(fset *token.FileSet, pos, end token.Pos, root string) (sarif.ArtifactLocation, sarif.Region, error) {
	tf := fset.File(pos)
	if tf == nil {
		return sarif.ArtifactLocation{}, sarif.Region{}, fmt.Errorf("diagnostic at %v has no file", pos)
	}
	if !end.IsValid() || end < pos {
		end = pos
	}
	content, err := fc.content(tf.Name())
	if err != nil {
		return sarif.ArtifactLocation{}, sarif.Region{}, err
	}
	reg, err := sarif.NewRegion(content, tf.Offset(pos), tf.Offset(end))
	if err != nil {
		return sarif.ArtifactLocation{}, sarif.Region{}, fmt.Errorf("%s: %w", tf.Name(), err)
	}
	return sarif.FileLocation(root, tf.Name()), reg, nil
}

func (fc fileCache) fix(fset *token.FileSet, fix analysis.SuggestedFix, root string) (sarif.Fix, error) {
	changes := map[string]*sarif.ArtifactChange{}
	var order []string
	for _, e := range fix.TextEdits {
		loc, reg, err := fc.region(fset, e.Pos, e.End, root)
		if err != nil {
			return sarif.Fix{}, err
		}
		key := loc.URIBaseID + "\x00" + loc.URI
		ch, ok := changes[key]
		if !ok {
			ch = &sarif.ArtifactChange{ArtifactLocation: loc}
			changes[key] = ch
			order = append(order, key)
		}
		rep := sarif.Replacement{DeletedRegion: reg}
		if len(e.NewText) > 0 {
			rep.InsertedContent = &sarif.ArtifactContent{Text: string(e.NewText)}
		}
		ch.Replacements = append(ch.Replacements, rep)
	}
	slices.Sort(order)
	f := sarif.Fix{Description: &sarif.Text{Text: fix.Message}, ArtifactChanges: []sarif.ArtifactChange{}}
	for _, key := range order {
		ch := changes[key]
		slices.SortStableFunc(ch.Replacements, func(a, b sarif.Replacement) int {
			return *a.DeletedRegion.ByteOffset - *b.DeletedRegion.ByteOffset
		})
		f.ArtifactChanges = append(f.ArtifactChanges, *ch)
	}
	return f, nil
}

// toolVersion is the module version the command was built from, when the
// build recorded one (go install module@version does; go build in a
// checkout records "(devel)", which says nothing).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}
