package passwordgrant

import (
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCatalogue holds everything that derives from the rule catalogue to
// it: the entries themselves, the analyzer's Doc, the IDs an allow
// directive accepts, and the README (rule table, anchors, and each rule's
// before and after, verbatim in its section). The SARIF rules array is
// built from Rules() in cmd/passwordgrant.
func TestCatalogue(t *testing.T) {
	rules := Rules()
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(rules))
	for i, r := range rules {
		ids[i] = r.ID
	}
	if !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Errorf("rule IDs %v are not sorted and unique", ids)
	}

	for _, r := range rules {
		t.Run(r.ID, func(t *testing.T) {
			if r.Name == "" || r.Title == "" || r.Help == "" || r.Before == "" || len(r.Tags) == 0 {
				t.Errorf("incomplete entry %+v", r)
			}
			if !slices.Contains([]string{LevelError, LevelWarning, LevelNote}, r.Level) {
				t.Errorf("level %q is not a SARIF level", r.Level)
			}
			if r.Directive != strings.HasPrefix(r.ID, "PG9") {
				t.Errorf("Directive = %v; PG9xx and only they are directive rules", r.Directive)
			}
			if !r.Directive && (r.Advice == "" || r.After == "") {
				t.Errorf("a code rule needs Advice (its marker) and After (its first fix)")
			}
			if !strings.HasSuffix(r.URL(), "#"+strings.ToLower(r.ID)) {
				t.Errorf("URL %s does not point at the rule's anchor", r.URL())
			}

			// Doc names every code rule.
			if !r.Directive && !strings.Contains(Doc, r.ID+" ") {
				t.Errorf("Doc does not name %s", r.ID)
			}

			// An allow directive accepts exactly the code rules.
			d := parseDirective(&ast.File{}, &ast.Comment{Slash: token.NoPos, Text: "//passwordgrant:allow " + r.ID + " a stated reason"})
			if accepted := d.problem == ""; accepted == r.Directive {
				t.Errorf("allow directive naming %s: accepted = %v (problem %q)", r.ID, accepted, d.problem)
			}

			// The README's section: anchor, table row, before and after.
			section := readmeSection(string(readme), r.ID)
			if section == "" {
				t.Fatalf("README.md has no section <a id=%q>", strings.ToLower(r.ID))
			}
			row := "| [" + r.ID + "](#" + strings.ToLower(r.ID) + ") |"
			if !strings.Contains(string(readme), row) {
				t.Errorf("README.md rule table has no row %q", row)
			}
			for _, code := range []string{r.Before, r.After} {
				if code != "" && !strings.Contains(section, code) {
					t.Errorf("README.md section of %s does not show, verbatim:\n%s", r.ID, code)
				}
			}
		})
	}

	// No stale rows: every row of the README's rule table is a rule.
	for _, m := range regexp.MustCompile(`(?m)^\| \[(PG[0-9]{3})\]`).FindAllStringSubmatch(string(readme), -1) {
		if !slices.Contains(ids, m[1]) {
			t.Errorf("README.md rule table lists %s, which is not in the catalogue", m[1])
		}
	}
	if _, ok := RuleByID("PG000"); ok {
		t.Error("RuleByID found a rule that is not in the catalogue")
	}
}

// readmeSection returns the text from the rule's anchor to the next
// heading of the same or a higher level.
func readmeSection(readme, id string) string {
	start := strings.Index(readme, `<a id="`+strings.ToLower(id)+`"></a>`)
	if start < 0 {
		return ""
	}
	rest := readme[start:]
	// Skip the anchor line and the rule's own ### heading.
	body := rest
	if i := strings.Index(rest, "\n### "); i >= 0 {
		body = rest[i+1:]
	}
	if nl := strings.IndexByte(body, '\n'); nl >= 0 {
		if end := regexp.MustCompile(`\n(<a id=|## |### )`).FindStringIndex(body[nl:]); end != nil {
			return rest[:len(rest)-len(body)] + body[:nl+end[0]]
		}
	}
	return rest
}
