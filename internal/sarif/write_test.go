package sarif

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/oauthlint/passwordgrant/internal/sarif/sariftest"
)

const schemaPath = "../../" + sariftest.SchemaFile

func testDriver() Driver {
	return Driver{
		Name:           "tool",
		Version:        "v1.2.3",
		InformationURI: "https://example.com/tool",
		Rules: []Descriptor{
			{
				ID: "R1", Name: "rule-one",
				ShortDescription:     &Text{Text: "first rule"},
				FullDescription:      &Text{Text: "why the first rule matters"},
				HelpURI:              "https://example.com/tool#r1",
				DefaultConfiguration: &Configuration{Level: LevelError},
				Properties:           &RuleProperties{Tags: []string{"security"}, SecuritySeverity: "7.5"},
			},
			{ID: "R2", Name: "rule-two", ShortDescription: &Text{Text: "second rule"}},
		},
	}
}

func result(t *testing.T, rule, uri string, content string, start, end int) Result {
	t.Helper()
	reg, err := NewRegion([]byte(content), start, end)
	if err != nil {
		t.Fatal(err)
	}
	return Result{
		RuleID:  rule,
		Level:   LevelError,
		Message: Text{Text: rule + ": message"},
		Locations: []Location{{PhysicalLocation: PhysicalLocation{
			ArtifactLocation: ArtifactLocation{URI: uri, URIBaseID: SrcRoot},
			Region:           &reg,
		}}},
	}
}

func TestWriteSortsDedupsAndConforms(t *testing.T) {
	const src = "package p\n\nvar s = \"x\"\n"
	log := NewLog(testDriver(), "/src/mod")
	fixed := result(t, "R1", "b.go", src, 19, 22)
	fixed.Fixes = []Fix{{
		Description: &Text{Text: "replace it"},
		ArtifactChanges: []ArtifactChange{{
			ArtifactLocation: fixed.Locations[0].PhysicalLocation.ArtifactLocation,
			Replacements: []Replacement{{
				DeletedRegion:   *fixed.Locations[0].PhysicalLocation.Region,
				InsertedContent: &ArtifactContent{Text: `"y"`},
			}},
		}},
	}}
	for _, r := range []Result{
		result(t, "R2", "b.go", src, 0, 7),
		fixed,
		result(t, "R1", "a.go", src, 19, 22),
		fixed, // the same file seen through a test variant
		result(t, "R1", "b.go", src, 0, 7),
	} {
		if err := log.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := log.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := sariftest.Validate(schemaPath, buf.Bytes()); err != nil {
		t.Fatal(err)
	}

	var got Log
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, r := range got.Runs[0].Results {
		reg := r.Locations[0].PhysicalLocation.Region
		order = append(order, fmt.Sprintf("%s:%d:%s:%d",
			r.Locations[0].PhysicalLocation.ArtifactLocation.URI, reg.StartLine, r.RuleID, r.RuleIndex))
	}
	want := "a.go:3:R1:0 b.go:1:R1:0 b.go:1:R2:1 b.go:3:R1:0"
	if strings.Join(order, " ") != want {
		t.Errorf("results = %v, want %s", order, want)
	}
	if got.Runs[0].OriginalURIBaseIDs[SrcRoot].URI != "file:///src/mod/" {
		t.Errorf("originalUriBaseIds = %v", got.Runs[0].OriginalURIBaseIDs)
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	const src = "a\nb\nc\n"
	write := func(rs ...Result) string {
		log := NewLog(testDriver(), "")
		for _, r := range rs {
			if err := log.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := log.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	r1 := result(t, "R1", "x.go", src, 2, 3)
	r2 := result(t, "R2", "x.go", src, 0, 1)
	r3 := result(t, "R1", "w.go", src, 4, 5)
	if a, b := write(r1, r2, r3), write(r3, r1, r2); a != b {
		t.Errorf("output depends on insertion order:\n%s\nvs\n%s", a, b)
	}
}

func TestEmptyLogConforms(t *testing.T) {
	var buf bytes.Buffer
	if err := NewLog(Driver{Name: "tool"}, "").Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := sariftest.Validate(schemaPath, buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"results": []`) {
		t.Errorf("empty run should list no results as [], got:\n%s", buf.String())
	}
}

func TestAddUnknownRule(t *testing.T) {
	if err := NewLog(testDriver(), "").Add(Result{RuleID: "R9"}); err == nil {
		t.Error("Add accepted a result for a rule the driver does not declare")
	}
}

// The schema check must be able to fail, or the tests above prove nothing.
func TestValidateRejectsNonConformingLogs(t *testing.T) {
	for name, log := range map[string]string{
		"wrong version":      `{"version": "2.0.0", "runs": []}`,
		"no runs":            `{"version": "2.1.0"}`,
		"bad level":          `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
		"line zero":          `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.go"}, "region": {"startLine": 0}}}]}]}]}`,
		"unknown property":   `{"version": "2.1.0", "runs": [], "extra": 1}`,
		"helpUri not a uri":  `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "t", "rules": [{"id": "R", "helpUri": "not a uri"}]}}}]}`,
		"driver has no name": `{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`,
	} {
		if err := sariftest.Validate(schemaPath, []byte(log)); err == nil {
			t.Errorf("%s: schema accepted %s", name, log)
		}
	}
}
