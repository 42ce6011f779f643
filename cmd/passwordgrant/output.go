package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"

	"github.com/oauthlint/passwordgrant/internal/codeclimate"
	"github.com/oauthlint/passwordgrant/internal/markdown"
	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// writeText writes findings as singlechecker does: "file:line:col: message"
// with //line directives applied, each followed by its related
// information and, with -c=N, the offending lines and N lines around them.
func writeText(w io.Writer, findings []*finding, context int) error {
	var b strings.Builder
	for _, f := range findings {
		printPlain(&b, f, f.Pos, f.End, f.Message, context)
		for _, r := range f.Related {
			printPlain(&b, f, r.Pos, r.End, "\t"+r.Message, context)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func printPlain(b *strings.Builder, f *finding, pos, end token.Pos, msg string, context int) {
	p, e := f.fset.Position(pos), f.fset.Position(end)
	fmt.Fprintf(b, "%s: %s\n", p, msg)
	if context < 0 {
		return
	}
	if !e.IsValid() {
		e = p
	}
	data, _ := os.ReadFile(p.Filename)
	lines := strings.Split(string(data), "\n")
	for i := p.Line - context; i <= e.Line+context; i++ {
		if 1 <= i && i <= len(lines) {
			fmt.Fprintf(b, "%d\t%s\n", i, lines[i-1])
		}
	}
}

// The JSON tree is singlechecker's -json output (package ID → analyzer →
// diagnostics or error), with each diagnostic's fingerprint added.
type (
	jsonDiagnostic struct {
		Category       string            `json:"category,omitempty"`
		Posn           string            `json:"posn"`
		End            string            `json:"end"`
		Message        string            `json:"message"`
		Fingerprint    string            `json:"fingerprint"`
		SuggestedFixes []jsonFix         `json:"suggested_fixes,omitempty"`
		Related        []jsonRelatedInfo `json:"related,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelatedInfo struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

// writeJSON writes the JSON tree of the findings per package, leaving out
// those whose fingerprints the baseline knows, and the errors of every
// action.
func writeJSON(w io.Writer, graph *checker.Graph, perPkg []packageFindings, known map[string]bool) error {
	tree := map[string]map[string]any{}
	add := func(id, analyzer string, v any) {
		if tree[id] == nil {
			tree[id] = map[string]any{}
		}
		tree[id][analyzer] = v
	}
	for act := range graph.All() {
		if act.Err != nil {
			add(act.Package.ID, act.Analyzer.Name, jsonError{act.Err.Error()})
		}
	}
	for _, pf := range perPkg {
		var diags []jsonDiagnostic
		for _, f := range pf.findings {
			if !known[f.fingerprint] {
				diags = append(diags, jsonDiag(f))
			}
		}
		if len(diags) > 0 {
			add(pf.id, pf.analyzer, diags)
		}
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return fmt.Errorf("encoding JSON: %w", err)
	}
	_, err = fmt.Fprintf(w, "%s\n", data)
	return err
}

func jsonDiag(f *finding) jsonDiagnostic {
	fset := f.fset
	d := jsonDiagnostic{
		Category:    f.Category,
		Posn:        fset.Position(f.Pos).String(),
		End:         fset.Position(cmp.Or(f.End, f.Pos)).String(),
		Message:     f.Message,
		Fingerprint: f.fingerprint,
	}
	for _, fix := range f.SuggestedFixes {
		jf := jsonFix{Message: fix.Message}
		for _, e := range fix.TextEdits {
			jf.Edits = append(jf.Edits, jsonEdit{
				Filename: fset.Position(e.Pos).Filename,
				Start:    fset.Position(e.Pos).Offset,
				End:      fset.Position(e.End).Offset,
				New:      string(e.NewText),
			})
		}
		d.SuggestedFixes = append(d.SuggestedFixes, jf)
	}
	for _, r := range f.Related {
		d.Related = append(d.Related, jsonRelatedInfo{
			Posn:    fset.Position(r.Pos).String(),
			End:     fset.Position(cmp.Or(r.End, r.Pos)).String(),
			Message: r.Message,
		})
	}
	return d
}

func writeSARIF(w io.Writer, findings []*finding, root string, files fileCache) error {
	log, err := buildLog(findings, root, files)
	if err != nil {
		return err
	}
	return log.Write(w)
}

// writeCodeClimate writes a GitLab Code Quality report.
func writeCodeClimate(w io.Writer, findings []*finding) error {
	issues := make([]codeclimate.Issue, 0, len(findings))
	for _, f := range findings {
		begin, end := f.line()
		category := "Style"
		if r, ok := passwordgrant.RuleByID(f.rule()); ok && slices.Contains(r.Tags, "security") {
			category = "Security"
		}
		issues = append(issues, codeclimate.Issue{
			CheckName:   f.rule(),
			Description: f.Message,
			Categories:  []string{category},
			Fingerprint: f.fingerprint,
			Severity:    codeclimate.Severity(level(f.rule())),
			Location:    codeclimate.Location{Path: f.rel, Lines: codeclimate.Lines{Begin: begin, End: end}},
		})
	}
	return codeclimate.Write(w, issues)
}

// writeMarkdown writes the summary of a run: reported are the findings
// shown, baselined those the baseline accepted, stale the entries it has
// no finding for.
func writeMarkdown(w io.Writer, reported []*finding, withBaseline bool, baselined, stale int) error {
	s := markdown.Summary{
		Tool:      passwordgrant.Analyzer.Name,
		Baseline:  withBaseline,
		Baselined: baselined,
		Stale:     stale,
	}
	for _, r := range passwordgrant.Rules() {
		s.Rules = append(s.Rules, markdown.Rule{ID: r.ID, Title: r.Title, URL: r.URL()})
	}
	for _, f := range reported {
		line, _ := f.line()
		s.Findings = append(s.Findings, markdown.Finding{Rule: f.rule(), File: f.rel, Line: line, Message: f.Message})
	}
	return markdown.Write(w, s)
}
