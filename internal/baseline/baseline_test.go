package baseline

import (
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func entry(file, rule, fp string) Entry {
	return Entry{Rule: rule, File: file, Declaration: "func f", Message: rule + ": m", Fingerprint: fp}
}

func TestNewSortsAndCarriesReasons(t *testing.T) {
	old := &File{Entries: []Entry{{Fingerprint: "b", Reason: "system user"}, {Fingerprint: "gone", Reason: "x"}}}
	f := New("passwordgrant", []Entry{entry("z.go", "PG001", "a"), entry("a.go", "PG002", "b"), entry("a.go", "PG001", "c"), entry("a.go", "PG001", "c")}, nil, old)
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.File+" "+e.Rule+" "+e.Fingerprint+" "+e.Reason)
	}
	want := []string{"a.go PG001 c ", "a.go PG002 b system user", "z.go PG001 a "}
	if !slices.Equal(got, want) {
		t.Errorf("entries %q, want %q", got, want)
	}
}

func TestRoundTripIsDeterministic(t *testing.T) {
	f := New("passwordgrant", []Entry{entry("b.go", "PG001", "1"), entry("a.go", "PG007", "2")})
	b1, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(b1)
	if err != nil {
		t.Fatal(err)
	}
	b2, err := New(back.Tool, back.Entries).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(b1) != string(b2) {
		t.Errorf("rewriting changed the file:\n%s\n%s", b1, b2)
	}
	// One field per line, the reason included even when empty, so that a
	// reviewer sees where it goes.
	if !strings.Contains(string(b1), "\n      \"reason\": \"\"\n") || !strings.HasSuffix(string(b1), "}\n") {
		t.Errorf("layout:\n%s", b1)
	}
	empty, err := New("passwordgrant", nil).Marshal()
	if err != nil || !strings.Contains(string(empty), `"entries": []`) {
		t.Errorf("empty baseline: %s %v", empty, err)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "empty file"},
		{"syntax", "{\n  \"version\": 1,\n  \"entries\": [\n}\n", "line 4: not valid JSON"},
		{"truncated", "{\"version\": 1, \"entries\": [", "truncated"},
		{"wrong type", "{\n\"version\": \"1\"}", "line 2"},
		{"unknown field", `{"version": 1, "entries": [{"fingerprint": "a", "line": 3}]}`, `unknown field "line"`},
		{"version", `{"version": 2, "entries": []}`, "version 2, want 1"},
		{"no fingerprint", `{"version": 1, "entries": [{"rule": "PG001", "file": "a.go"}]}`, "entry 1 (PG001 a.go) has no fingerprint"},
		{"trailing data", `{"version": 1, "entries": []} {}`, "data after"},
		{"a list", `[]`, "cannot unmarshal array"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse error %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
	_, err := ReadFile(filepath.Join(t.TempDir(), "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "missing.json") || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

func TestMatch(t *testing.T) {
	f := New("passwordgrant", []Entry{entry("a.go", "PG001", "1"), entry("a.go", "PG001", "2"), entry("other/b.go", "PG001", "3")})
	known, stale := f.Match([]string{"1", "4"}, func(e Entry) bool { return e.File == "a.go" })
	if !known["1"] || known["4"] || len(known) != 1 {
		t.Errorf("known = %v, want only 1", known)
	}
	if len(stale) != 1 || stale[0].Fingerprint != "2" {
		t.Errorf("stale = %+v, want entry 2 (entry 3 is outside the run)", stale)
	}
	if got := StaleNote(2, "pg.json"); got != "2 baseline entries are gone, rewrite the baseline (-write-baseline=pg.json)" {
		t.Errorf("StaleNote(2) = %q", got)
	}
	if got := StaleNote(1, "pg.json"); !strings.HasPrefix(got, "1 baseline entry is gone") {
		t.Errorf("StaleNote(1) = %q", got)
	}
}
