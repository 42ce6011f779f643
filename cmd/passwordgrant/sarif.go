package main

import (
	"fmt"
	"go/token"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/oauthlint/passwordgrant/internal/fingerprint"
	"github.com/oauthlint/passwordgrant/internal/sarif"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

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

// buildLog converts the findings into one SARIF log. Each result carries
// its fingerprint as partialFingerprints[fingerprintKey].
func buildLog(findings []*finding, root string, files fileCache) (*sarif.Log, error) {
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
	for _, f := range findings {
		if !known[f.rule()] {
			// A diagnostic without a rule ID of the catalogue is a bug
			// in the analyzer, but its finding still belongs in the
			// report.
			known[f.rule()] = true
			driver.Rules = append(driver.Rules, sarif.Descriptor{
				ID:               f.rule(),
				Name:             "unclassified",
				ShortDescription: &sarif.Text{Text: "a finding without a rule ID in the catalogue"},
			})
		}
	}
	log := sarif.NewLog(driver, root)
	for _, f := range findings {
		r, err := result(located{f.fset, f.Diagnostic}, root, files)
		if err != nil {
			return nil, err
		}
		r.PartialFingerprints = map[string]string{fingerprintKey: f.fingerprint}
		if err := log.Add(r); err != nil {
			return nil, err
		}
	}
	return log, nil
}

// fingerprintKey names our fingerprint among a result's
// partialFingerprints: tool and scheme version, as SARIF §3.27.17 suggests.
const fingerprintKey = "passwordgrant/" + fingerprint.Version

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
	for _, rel := range ld.Related {
		// A place in a dependency whose file cannot be read (export data
		// only) is left out: the message names it anyway.
		if loc, region, err := files.region(ld.fset, rel.Pos, rel.End, root); err == nil {
			r.RelatedLocations = append(r.RelatedLocations, sarif.Location{
				ID:               len(r.RelatedLocations) + 1,
				PhysicalLocation: sarif.PhysicalLocation{ArtifactLocation: loc, Region: &region},
				Message:          &sarif.Text{Text: rel.Message},
			})
		}
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

// fileCache holds the content of the files that findings point into: SARIF
// columns count UTF-16 units, which takes the text of the line, and
// fingerprints hash the flagged text.
type fileCache map[string][]byte

func (fc fileCache) content(name string) ([]byte, error) {
	if b, ok := fc[name]; ok {
		return b, nil
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading %s for its regions and fingerprints: %w", name, err)
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
