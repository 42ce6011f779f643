// Package markdown writes a findings summary in GitHub-flavoured Markdown,
// for $GITHUB_STEP_SUMMARY or a merge-request comment: a headline, the count
// per rule, and a table of findings whose rule IDs link to the rule's
// documentation.
package markdown

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// MaxRows bounds the findings table: GitHub accepts at most 1 MiB of step
// summary, and nobody reads a thousand rows in a comment.
const MaxRows = 500

// Rule is a rule of the catalogue.
type Rule struct {
	ID, Title, URL string
}

// Finding is one reported finding.
type Finding struct {
	Rule    string
	File    string // relative to the repository root, slash-separated
	Line    int
	Message string
}

// Summary is what the report shows.
type Summary struct {
	Tool      string
	Rules     []Rule    // the catalogue, in the order of the counts table
	Findings  []Finding // sorted as they should be listed
	Baseline  bool      // whether a baseline filtered the findings
	Baselined int       // findings the baseline accepted, not listed
	Stale     int       // baseline entries that matched nothing
}

// Write writes s as Markdown.
func Write(w io.Writer, s Summary) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## %s\n\n", s.Tool)
	switch n := len(s.Findings); {
	case n == 0 && !s.Baseline:
		fmt.Fprintln(bw, "No password-grant uses found.")
	case n == 0:
		fmt.Fprintln(bw, "No new findings.")
	case !s.Baseline:
		fmt.Fprintf(bw, "**%s**.\n", plural(n, "finding", "findings"))
	default:
		fmt.Fprintf(bw, "**%s**.\n", plural(n, "new finding", "new findings"))
	}
	if s.Baselined > 0 {
		fmt.Fprintf(bw, "\n%s in the baseline %s not listed.\n", plural(s.Baselined, "finding", "findings"), verb(s.Baselined))
	}
	if s.Stale > 0 {
		fmt.Fprintf(bw, "\n%s of the baseline matched nothing: the code was fixed or changed. Rewrite the baseline.\n",
			plural(s.Stale, "entry", "entries"))
	}
	if len(s.Findings) == 0 {
		return flush(bw)
	}

	rules := map[string]Rule{}
	count := map[string]int{}
	for _, r := range s.Rules {
		rules[r.ID] = r
	}
	var order []string
	for _, r := range s.Rules {
		order = append(order, r.ID)
	}
	for _, f := range s.Findings {
		if _, ok := rules[f.Rule]; !ok {
			rules[f.Rule] = Rule{ID: f.Rule}
			order = append(order, f.Rule)
		}
		count[f.Rule]++
	}
	bw.WriteString("\n| Rule | | Findings |\n| --- | --- | ---: |\n")
	for _, id := range order {
		if count[id] > 0 {
			fmt.Fprintf(bw, "| %s | %s | %d |\n", link(rules[id]), cell(rules[id].Title), count[id])
		}
	}

	bw.WriteString("\n| Rule | Location | Message |\n| --- | --- | --- |\n")
	for i, f := range s.Findings {
		if i == MaxRows {
			fmt.Fprintf(bw, "\n… and %d more.\n", len(s.Findings)-MaxRows)
			break
		}
		msg := strings.TrimPrefix(f.Message, f.Rule+": ")
		fmt.Fprintf(bw, "| %s | `%s:%d` | %s |\n", link(rules[f.Rule]), code(f.File), f.Line, cell(msg))
	}
	return flush(bw)
}

func flush(bw *bufio.Writer) error {
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("markdown: writing summary: %w", err)
	}
	return nil
}

func link(r Rule) string {
	if r.URL == "" {
		return cell(r.ID)
	}
	return "[" + cell(r.ID) + "](" + r.URL + ")"
}

// cell makes text safe in a table cell: one line, no column breaks, no
// HTML, no accidental emphasis or links.
func cell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
		"*", `\*`, "[", `\[`, "]", `\]`, "`", "\\`",
	).Replace(s)
}

// code makes text safe inside a one-backtick code span.
func code(s string) string {
	return strings.NewReplacer("`", "'", "|", `\|`, "\n", " ").Replace(s)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func verb(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
