package sarif

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
)

// NewLog returns a log with one run of driver. A non-empty root is the
// directory that relative artifact URIs (see FileLocation) are based on.
func NewLog(driver Driver, root string) *Log {
	if driver.Rules == nil {
		driver.Rules = []Descriptor{}
	}
	run := Run{
		Tool:       Tool{Driver: driver},
		Results:    []Result{},
		ColumnKind: ColumnKind,
	}
	if root != "" {
		run.OriginalURIBaseIDs = map[string]ArtifactLocation{SrcRoot: RootLocation(root)}
	}
	return &Log{Schema: Schema, Version: Version, Runs: []Run{run}}
}

// Add appends r to the log's run. It sets r.RuleIndex from r.RuleID, which
// must name one of the driver's rules.
func (l *Log) Add(r Result) error {
	run := &l.Runs[0]
	i := slices.IndexFunc(run.Tool.Driver.Rules, func(d Descriptor) bool { return d.ID == r.RuleID })
	if i < 0 {
		return fmt.Errorf("sarif: result for unknown rule %q", r.RuleID)
	}
	r.RuleIndex = i
	run.Results = append(run.Results, r)
	return nil
}

// Write sorts the results by location, drops exact duplicates (a file of a
// package and of its test variant is analysed twice) and writes the log as
// indented JSON.
func (l *Log) Write(w io.Writer) error {
	for i := range l.Runs {
		run := &l.Runs[i]
		slices.SortStableFunc(run.Results, compareResults)
		run.Results = slices.CompactFunc(run.Results, equalResults)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		return fmt.Errorf("sarif: writing log: %w", err)
	}
	return nil
}

func compareResults(a, b Result) int {
	la, lb := primary(a), primary(b)
	return cmp.Or(
		cmp.Compare(la.ArtifactLocation.URIBaseID, lb.ArtifactLocation.URIBaseID),
		cmp.Compare(la.ArtifactLocation.URI, lb.ArtifactLocation.URI),
		compareRegions(la.Region, lb.Region),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Message.Text, b.Message.Text),
	)
}

func compareRegions(a, b *Region) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	return cmp.Or(
		cmp.Compare(a.StartLine, b.StartLine),
		cmp.Compare(a.StartColumn, b.StartColumn),
		cmp.Compare(a.EndLine, b.EndLine),
		cmp.Compare(a.EndColumn, b.EndColumn),
	)
}

// equalResults compares encodings, which covers every field (fixes too)
// without a hand-written deep comparison that could fall out of date.
func equalResults(a, b Result) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}

func primary(r Result) PhysicalLocation {
	if len(r.Locations) == 0 {
		return PhysicalLocation{}
	}
	return r.Locations[0].PhysicalLocation
}
