package codeclimate

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Validate checks a report against what GitLab requires of it, reading the
// JSON generically rather than through Issue, so that a field misnamed in
// Issue's tags is caught: an array of objects, each with a non-empty string
// description, check_name and fingerprint, a severity GitLab knows, a
// relative location.path and an integer location.lines.begin of at least 1.
// Fingerprints must be unique too: GitLab shows one issue per fingerprint.
func Validate(data []byte) error {
	var issues []map[string]any
	if err := json.Unmarshal(data, &issues); err != nil {
		return fmt.Errorf("codeclimate: not a JSON array of objects: %w", err)
	}
	if issues == nil {
		return errors.New("codeclimate: null, want an array")
	}
	seen := map[string]int{}
	for i, is := range issues {
		for _, key := range []string{"description", "check_name", "fingerprint", "severity"} {
			if s, ok := is[key].(string); !ok || s == "" {
				return fmt.Errorf("codeclimate: issue %d: %s is %v, want a non-empty string", i, key, is[key])
			}
		}
		switch sev := is["severity"].(string); sev {
		case Info, Minor, Major, Critical, Blocker:
		default:
			return fmt.Errorf("codeclimate: issue %d: severity %q, want info, minor, major, critical or blocker", i, sev)
		}
		fp := is["fingerprint"].(string)
		if j, dup := seen[fp]; dup {
			return fmt.Errorf("codeclimate: issues %d and %d have the fingerprint %s", j, i, fp)
		}
		seen[fp] = i
		loc, ok := is["location"].(map[string]any)
		if !ok {
			return fmt.Errorf("codeclimate: issue %d: no location object", i)
		}
		path, ok := loc["path"].(string)
		if !ok || path == "" || strings.HasPrefix(path, "/") || strings.HasPrefix(path, "./") || strings.Contains(path, `\`) {
			return fmt.Errorf("codeclimate: issue %d: location.path %v, want a relative path with forward slashes", i, loc["path"])
		}
		lines, ok := loc["lines"].(map[string]any)
		if !ok {
			return fmt.Errorf("codeclimate: issue %d: no location.lines object", i)
		}
		begin, ok := lines["begin"].(float64)
		if !ok || begin < 1 || begin != float64(int(begin)) {
			return fmt.Errorf("codeclimate: issue %d: location.lines.begin %v, want a line number", i, lines["begin"])
		}
	}
	return nil
}
