package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

var rules = []Rule{
	{"PG001", "password grant token request", "https://example.com/#pg001"},
	{"PG002", "grant_type=password parameters", "https://example.com/#pg002"},
	{"PG007", "GoTo's retired OAuth host", "https://example.com/#pg007"},
}

func write(t *testing.T, s Summary) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, s); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestSummary(t *testing.T) {
	got := write(t, Summary{
		Tool:  "passwordgrant",
		Rules: rules,
		Findings: []Finding{
			{"PG007", "auth/hosts.go", 7, "PG007: GoTo's host | <retired>"},
			{"PG001", "auth/login.go", 26, "PG001: call to (*oauth2.Config).PasswordCredentialsToken uses the password grant"},
			{"PG001", "cmd/tool/main.go", 12, "PG001: second"},
		},
		Baseline:  true,
		Baselined: 1,
		Stale:     2,
	})
	for _, want := range []string{
		"## passwordgrant\n",
		"**3 new findings**.",
		"1 finding in the baseline is not listed.",
		"2 entries of the baseline matched nothing",
		// counts in catalogue order, only rules with findings
		"| [PG001](https://example.com/#pg001) | password grant token request | 2 |\n| [PG007](https://example.com/#pg007) | GoTo's retired OAuth host | 1 |\n",
		// rows in the given order, rule prefix dropped, cell text escaped
		"| [PG007](https://example.com/#pg007) | `auth/hosts.go:7` | GoTo's host \\| &lt;retired&gt; |\n",
		"| [PG001](https://example.com/#pg001) | `auth/login.go:26` | call to (\\*oauth2.Config).PasswordCredentialsToken uses the password grant |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("summary lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "PG002") {
		t.Errorf("rule without findings listed:\n%s", got)
	}
	// Every table row has the same number of unescaped column separators.
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "| [PG") {
			if n := strings.Count(strings.ReplaceAll(l, `\|`, ""), "|"); n != 4 {
				t.Errorf("row with %d separators: %s", n, l)
			}
		}
	}
}

func TestSummaryStates(t *testing.T) {
	if got := write(t, Summary{Tool: "passwordgrant", Rules: rules}); !strings.Contains(got, "No password-grant uses found.") || strings.Contains(got, "|") {
		t.Errorf("nothing found:\n%s", got)
	}
	if got := write(t, Summary{Tool: "passwordgrant", Rules: rules, Baseline: true, Baselined: 4}); !strings.Contains(got, "No new findings.") || !strings.Contains(got, "4 findings in the baseline are not listed.") {
		t.Errorf("all in the baseline:\n%s", got)
	}
	var many []Finding
	for i := range MaxRows + 3 {
		many = append(many, Finding{"PG001", "a.go", i + 1, fmt.Sprint("PG001: m", i)})
	}
	got := write(t, Summary{Tool: "passwordgrant", Rules: rules, Findings: many})
	if !strings.Contains(got, "… and 3 more.") || strings.Count(got, "`a.go:") != MaxRows || !strings.Contains(got, fmt.Sprintf("| %d |", MaxRows+3)) {
		t.Errorf("long table not cut at %d rows with the full count kept", MaxRows)
	}
	if got := write(t, Summary{Tool: "passwordgrant", Rules: rules, Findings: many[:1]}); !strings.Contains(got, "**1 finding**.") {
		t.Errorf("one finding:\n%s", got)
	}
}
