package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/internal/baseline"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// reportOptions are the flags of a report run.
type reportOptions struct {
	format        string
	tests         bool
	context       int
	baseline      string // -baseline: report only findings not in this file
	writeBaseline string // -write-baseline: record the findings in this file
}

// runReport is the standalone command whenever it writes a report: it
// loads the packages named by args, analyses them once and writes the
// findings in the chosen format, after the baseline filtered them. Only
// -fix, -diff, the go vet protocol and singlechecker's debugging flags take
// the singlechecker path instead (see needsSinglechecker).
//
// Exit codes: 3 when it reports findings (new findings under -baseline) in
// text, sarif, codeclimate or markdown; otherwise 1 on errors (packages that
// do not load or type-check, an analysis that fails) and 0. json reports
// and exits 0 (1 on errors), as singlechecker's -json did; -write-baseline
// exits 0 once the baseline is written (1 on errors).
func runReport(format string, args []string, stdout, stderr io.Writer) int {
	opts, patterns, code := parseReportFlags(format, args, stderr)
	if patterns == nil {
		return code
	}
	for _, a := range patterns {
		if strings.HasSuffix(a, ".cfg") {
			fmt.Fprintf(stderr, "passwordgrant: -format=%s, -baseline and -write-baseline are for the standalone command (passwordgrant -format=%s ./...), not for go vet or go fix, which run it once per package\n", opts.format, opts.format)
			return 1
		}
	}

	var old *baseline.File
	if opts.baseline != "" {
		b, err := baseline.ReadFile(opts.baseline)
		if err != nil {
			fmt.Fprintf(stderr, "passwordgrant: -baseline: %v\n", err)
			if errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(stderr, "passwordgrant: write one with: passwordgrant -write-baseline=%s %s\n", opts.baseline, strings.Join(patterns, " "))
			}
			return 1
		}
		old = b
	}

	// Facts (-deps) need every dependency analyzed, from source.
	mode := packages.LoadSyntax
	if len(passwordgrant.Analyzer.FactTypes) > 0 {
		mode = packages.LoadAllSyntax
	}
	cfg := &packages.Config{Mode: mode | packages.NeedModule, Tests: opts.tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	if len(pkgs) == 0 {
		fmt.Fprintf(stderr, "passwordgrant: %s matched no packages\n", strings.Join(patterns, " "))
		return 1
	}
	failed := packages.PrintErrors(pkgs) > 0
	graph, err := checker.Analyze([]*analysis.Analyzer{passwordgrant.Analyzer}, pkgs, nil)
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	for act := range graph.All() {
		if act.Err != nil {
			fmt.Fprintf(stderr, "passwordgrant: %s: %v\n", act.Package.ID, act.Err)
			failed = true
		}
	}
	root, err := moduleRoot(pkgs)
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	files := fileCache{}
	perPkg, findings := collect(graph, root, files)
	exit := 0
	if failed {
		exit = 1
	}

	if opts.writeBaseline != "" {
		return writeBaseline(opts.writeBaseline, findings, exit, old, stderr)
	}

	report := findings
	var known map[string]bool
	var stale []baseline.Entry
	if old != nil {
		fps := make([]string, len(findings))
		for i, f := range findings {
			fps[i] = f.fingerprint
		}
		analysed := analysedFiles(graph, root)
		known, stale = old.Match(fps, func(e baseline.Entry) bool { return analysed[e.File] })
		report = nil
		for _, f := range findings {
			if !known[f.fingerprint] {
				report = append(report, f)
			}
		}
	}

	switch opts.format {
	case formatText:
		err = writeText(stderr, report, opts.context)
	case formatJSON:
		err = writeJSON(stdout, graph, perPkg, known)
	case formatSARIF:
		err = writeSARIF(stdout, report, root, files)
	case formatCodeClimate:
		err = writeCodeClimate(stdout, report)
	case formatMarkdown:
		err = writeMarkdown(stdout, report, old != nil, len(findings)-len(report), len(stale))
	}
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant: %v\n", err)
		return 1
	}
	if len(stale) > 0 {
		fmt.Fprintf(stderr, "passwordgrant: %s\n", baseline.StaleNote(len(stale), opts.baseline))
	}
	if len(report) > 0 && opts.format != formatJSON {
		exit = 3 // findings outrank load errors, as in singlechecker
	}
	return exit
}

// parseReportFlags parses args. It returns nil patterns, and the exit
// code, when the run ends here: help, a bad flag, no patterns.
func parseReportFlags(format string, args []string, stderr io.Writer) (reportOptions, []string, int) {
	opts := reportOptions{format: format}
	fs := flag.NewFlagSet("passwordgrant", flag.ContinueOnError)
	fs.SetOutput(stderr)
	a := passwordgrant.Analyzer
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	aliasFlags(fs, passwordgrant.Analyzer)
	fs.BoolVar(&opts.tests, "test", true, "indicates whether test files should be analyzed, too")
	jsonFlag := fs.Bool("json", false, "emit JSON output (same as -format=json)")
	fs.IntVar(&opts.context, "c", -1, "display offending line with this many lines of context (text format)")
	fs.StringVar(&opts.baseline, "baseline", "", "report only findings not recorded in this baseline `file`")
	fs.StringVar(&opts.writeBaseline, "write-baseline", "", "record every finding in this baseline `file` instead of reporting it")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: passwordgrant [-format=text|json|sarif|codeclimate|markdown] [-baseline=file | -write-baseline=file] [-flag] package...\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return opts, nil, 0
		}
		return opts, nil, 2 // as the flag package exits
	}
	if *jsonFlag {
		if opts.format != formatText && opts.format != formatJSON {
			fmt.Fprintf(stderr, "passwordgrant: -json and -format=%s ask for two formats\n", opts.format)
			return opts, nil, 2
		}
		opts.format = formatJSON
	}
	if opts.writeBaseline != "" && opts.format != formatText {
		fmt.Fprintf(stderr, "passwordgrant: -write-baseline writes only the baseline; run -format=%s separately, with -baseline=%s\n", opts.format, opts.writeBaseline)
		return opts, nil, 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return opts, nil, 1 // as singlechecker does without packages
	}
	return opts, fs.Args(), 0
}

// writeBaseline records findings in name, keeping the reasons of entries
// that are still there (from name itself and from -baseline).
func writeBaseline(name string, findings []*finding, exit int, old *baseline.File, stderr io.Writer) int {
	prev, err := baseline.ReadFile(name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(stderr, "passwordgrant: -write-baseline: %v; not overwriting it\n", err)
		return 1
	}
	entries := make([]baseline.Entry, len(findings))
	for i, f := range findings {
		entries[i] = baseline.Entry{
			Rule:        f.rule(),
			File:        f.rel,
			Declaration: f.decl,
			Message:     f.Message,
			Fingerprint: f.fingerprint,
		}
	}
	b := baseline.New(passwordgrant.Analyzer.Name, entries, prev, old)
	if err := b.WriteFile(name); err != nil {
		fmt.Fprintf(stderr, "passwordgrant: -write-baseline: %v\n", err)
		return 1
	}
	fmt.Fprintf(stderr, "passwordgrant: wrote %d baseline entries to %s\n", len(b.Entries), name)
	return exit
}

// analysedFiles are the files (relative to root, as in the baseline) of
// the packages this run analysed: baseline entries elsewhere are not
// stale, only outside the run.
func analysedFiles(graph *checker.Graph, root string) map[string]bool {
	files := map[string]bool{}
	for _, act := range graph.Roots {
		for _, f := range act.Package.CompiledGoFiles {
			files[relPath(root, f)] = true
		}
	}
	return files
}
