package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkLatency measures what a user waits for: the time from a
// didChange to the publishDiagnostics of that version, for
// testdata/lspmod/tokens (it imports golang.org/x/oauth2 and net/http and
// has four findings), with the built server as a subprocess. Next to it,
// the floor: loading and type-checking the same package, with the same
// kind of edit in an overlay, with go/packages in this process, which is
// what any tool that type-checks the package on every change pays.
// Every edit makes new text, so that the go command's build cache never
// has the package compiled already.
//
//	go test -run='^$' -bench=Latency -benchtime=40x ./internal/lsp
//
// Sub-benchmarks:
//   - body: an edit inside a function body, after a pause (the server
//     type-checks against the dependencies it kept);
//   - imports: an edit of the import block, which makes the server load
//     afresh with go/packages;
//   - typing: five changes 30 ms apart; the time from the last one, which
//     includes the debounce.
func BenchmarkLatency(b *testing.B) {
	dir, file := lspmod(b)
	b.Setenv("GOWORK", "off")
	b.Setenv("GOFLAGS", "-mod=mod")
	b.Setenv("GOTOOLCHAIN", "local")
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	base := string(src)
	edits := map[string]func(i int) string{
		// Alternately with and without the PG002 finding, and always new.
		"body": func(i int) string {
			text := base
			if i%2 == 1 {
				text = strings.Replace(text, `		"grant_type": {"password"},`+"\n", "", 1)
			}
			return strings.Replace(text, `pass := os.Getenv("APP_PASSWORD")`, fmt.Sprintf(`pass := os.Getenv("APP_PASSWORD") + "%d"`, i), 1)
		},
		// An import more or less, and always new.
		"imports": func(i int) string {
			text := base
			if i%2 == 1 {
				text = strings.Replace(text, `	"context"`, `	"context"
	_ "errors"`, 1)
			}
			return text + fmt.Sprintf("\n// edit %d\n", i)
		},
	}
	for _, name := range []string{"body", "imports", "typing"} {
		b.Run(name, func(b *testing.B) {
			edit := edits[name]
			if edit == nil {
				edit = edits["body"]
			}
			c := startServer(b, testEnv())
			c.initialize(dir)
			uri := c.open(file, 1, base)
			c.diagnostics(uri, 1)
			version := int32(1)
			floorN := 0
			floor := func() time.Duration {
				floorN++
				overlay := map[string][]byte{file: []byte(edit(1_000_000 + floorN))}
				start := time.Now()
				pkgs, err := load(context.Background(), job{dir: filepath.Dir(file), files: []string{file}}, overlay, nil)
				d := time.Since(start)
				if err != nil || len(pkgs) != 1 || pkgs[0].Types == nil {
					b.Fatalf("floor load: %v", err)
				}
				return d
			}
			server := func() time.Duration {
				burst := 1
				if name == "typing" {
					burst = 5
				}
				var sent time.Time
				for k := range burst {
					if k > 0 {
						time.Sleep(30 * time.Millisecond)
					}
					version++
					sent = time.Now()
					c.change(uri, version, edit(int(version)))
				}
				var got time.Time
				c.wait(60*time.Second, fmt.Sprintf("diagnostics of version %d", version), func(m message) bool {
					var p PublishDiagnosticsParams
					if m.method != "textDocument/publishDiagnostics" || json.Unmarshal(m.params, &p) != nil {
						return false
					}
					got = m.at
					return p.Version != nil && *p.Version == version
				})
				// A pause, so that the next edit is not part of a burst.
				time.Sleep(DefaultDebounce + 50*time.Millisecond)
				return got.Sub(sent)
			}
			for range 5 { // warm-up
				server()
				floor()
			}
			var lat, flo []time.Duration
			b.ResetTimer()
			for range b.N {
				lat = append(lat, server())
				flo = append(flo, floor())
			}
			b.StopTimer()
			c.shutdown()
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(0, "ns/op")
			b.ReportMetric(ms(quantile(lat, 0.5)), "median-ms")
			b.ReportMetric(ms(quantile(lat, 0.95)), "p95-ms")
			b.ReportMetric(ms(quantile(flo, 0.5)), "floor-median-ms")
			b.ReportMetric(ms(quantile(flo, 0.95)), "floor-p95-ms")
			b.ReportMetric(float64(quantile(lat, 0.5))/float64(quantile(flo, 0.5)), "median/floor")
		})
	}
}

// quantile returns the q-quantile of ds (nearest rank).
func quantile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}
