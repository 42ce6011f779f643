package passwordgrant_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/internal/floorcheck"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// benchPatterns is the fixed package set of BenchmarkAnalyzer: a large
// HTTP-heavy slice of std, the OAuth client library the analyzer knows best,
// and (added by benchPackages) the analysis test corpus, where the analyzer
// has findings to report and fixes to build. Of golang.org/x/oauth2 it takes
// the packages with code in them; golang.org/x/oauth2/google is left out
// because it needs cloud.google.com/go, which go.mod does not require. Keep
// in step with compare.sh in internal/floorcheck.
var benchPatterns = []string{
	"net/http/...",
	"golang.org/x/oauth2",
	"golang.org/x/oauth2/authhandler",
	"golang.org/x/oauth2/clientcredentials",
	"golang.org/x/oauth2/endpoints",
	"golang.org/x/oauth2/google/externalaccount",
	"golang.org/x/oauth2/internal",
	"golang.org/x/oauth2/jws",
	"golang.org/x/oauth2/jwt",
}

// corpusDir holds the analysistest packages; the benchmark and the fuzz
// seeds take whatever it holds when the test runs.
const corpusDir = "../testdata/analysis"

var bench struct {
	once sync.Once
	pkgs []*packages.Package
	err  error
}

// benchPackages loads the benchmark's packages once per process, so that
// -count=N and both sub-benchmarks measure analysis only, on the very same
// syntax trees and type information.
func benchPackages(b *testing.B) []*packages.Package {
	bench.once.Do(func() {
		// Like singlechecker: syntax for the root packages only, unless
		// an analyzer needs facts from the dependencies too.
		mode := packages.LoadSyntax
		if len(passwordgrant.Analyzer.FactTypes) > 0 || len(floorcheck.Analyzer.FactTypes) > 0 {
			mode = packages.LoadAllSyntax
		}
		// The command analyzes test files by default (-test=true); so does
		// the benchmark.
		cfg := &packages.Config{Mode: mode | packages.NeedModule, Tests: true}
		bench.pkgs, bench.err = packages.Load(cfg, benchPatterns...)
		if bench.err != nil {
			return
		}
		// A package that fails to load is analyzed partly or not at all,
		// and the numbers would no longer be those of the README.
		if n := packages.PrintErrors(bench.pkgs); n > 0 {
			bench.err = fmt.Errorf("%d errors loading %v", n, benchPatterns)
			return
		}
		corpus, err := loadCorpus(mode)
		bench.pkgs = append(bench.pkgs, corpus...)
		bench.err = err
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.pkgs
}

// loadCorpus loads the packages of the analysistest module in corpusDir
// the way analysistest does, so that the benchmark sees the corpus as the
// tests see it. Without the module there is no corpus to add.
func loadCorpus(mode packages.LoadMode) ([]*packages.Package, error) {
	dir, err := filepath.Abs(corpusDir)
	if err != nil || !isFile(filepath.Join(dir, "go.mod")) {
		return nil, err
	}
	gowork := filepath.Join(dir, "go.work")
	if !isFile(gowork) {
		gowork = "off"
	}
	cfg := &packages.Config{
		Mode:  mode | packages.NeedModule,
		Tests: true,
		Dir:   dir,
		Env:   append(os.Environ(), "GO111MODULE=on", "GOPROXY=off", "GOWORK="+gowork),
	}
	return packages.Load(cfg, "./...")
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// BenchmarkAnalyzer runs a do-nothing analyzer that only requires the
// inspector (floor) and passwordgrant on the same loaded packages. Both
// build the inspector afresh in every iteration, so passwordgrant's excess
// over floor is its own work. Besides ns/op, each reports cpu-ns/op, the
// process's CPU time per analysis, which other load on the machine disturbs
// less.
//
// The passwordgrant sub-benchmark also runs floor, untimed, before each of
// its own iterations, and reports its cost as ratios to those floor runs
// (x-floor-time, x-floor-cpu, x-floor-allocs): pairs run moments apart see
// the same machine, where separate sub-benchmarks may not. Summarize
// repeated runs with benchstat:
//
//	go test -run='^$' -bench=BenchmarkAnalyzer -count=10 ./passwordgrant | benchstat -
func BenchmarkAnalyzer(b *testing.B) {
	pkgs := benchPackages(b)
	b.Run("floor", func(b *testing.B) {
		b.ReportAllocs()
		var floor cost
		for b.Loop() {
			floor.add(analyze(b, floorcheck.Analyzer, pkgs))
		}
		floor.report(b)
	})
	b.Run("passwordgrant", func(b *testing.B) {
		b.ReportAllocs()
		var floor, pg cost
		for b.Loop() {
			b.StopTimer()
			floor.add(analyze(b, floorcheck.Analyzer, pkgs))
			b.StartTimer()
			pg.add(analyze(b, passwordgrant.Analyzer, pkgs))
		}
		pg.report(b)
		b.ReportMetric(pg.wall.Seconds()/floor.wall.Seconds(), "x-floor-time")
		if floor.cpu > 0 {
			b.ReportMetric(pg.cpu.Seconds()/floor.cpu.Seconds(), "x-floor-cpu")
		}
		b.ReportMetric(float64(pg.allocs)/float64(floor.allocs), "x-floor-allocs")
	})
}

// cost is what analyses of the benchmark's packages took.
type cost struct {
	n         int
	wall, cpu time.Duration // cpu is 0 where the platform does not report it
	allocs    uint64
	findings  int // of the last analysis
	pkgs      int
}

func (c *cost) add(d cost) {
	c.n += d.n
	c.wall += d.wall
	c.cpu += d.cpu
	c.allocs += d.allocs
	c.findings = d.findings
	c.pkgs = d.pkgs
}

// report adds the metrics that the testing package does not measure.
func (c *cost) report(b *testing.B) {
	if c.cpu > 0 {
		b.ReportMetric(float64(c.cpu.Nanoseconds())/float64(c.n), "cpu-ns/op")
	}
	b.ReportMetric(float64(c.findings), "findings/op")
	b.ReportMetric(float64(c.pkgs), "pkgs/op")
}

// analyze runs a on pkgs once.
func analyze(b *testing.B, a *analysis.Analyzer, pkgs []*packages.Package) cost {
	// Sequential, so that the time is that of the analysis's work and not
	// of how two cores happen to be shared with whatever else runs.
	opts := &checker.Options{Sequential: true}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0, _ := floorcheck.CPUTime()
	t0 := time.Now()
	graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, opts)
	wall := time.Since(t0)
	cpu1, _ := floorcheck.CPUTime()
	runtime.ReadMemStats(&after)
	if err != nil {
		b.Fatal(err)
	}
	c := cost{n: 1, wall: wall, cpu: cpu1 - cpu0, allocs: after.Mallocs - before.Mallocs, pkgs: len(pkgs)}
	for _, act := range graph.Roots {
		// A failed action did less work than a successful one, which
		// would flatter the numbers.
		if act.Err != nil {
			b.Fatalf("%s: %v", act, act.Err)
		}
		c.findings += len(act.Diagnostics)
	}
	return c
}
