// Package baseline reads and writes the file of accepted findings that lets
// a CI gate fail on new password-grant uses only, while the old ones are
// tracked until they are gone.
//
// The file is JSON meant for review in a pull request: entries sorted by
// file, rule, declaration and fingerprint, one field per line, no
// timestamps, so that rewriting an unchanged baseline changes nothing and a
// new entry shows up as a few added lines next to its file's others.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// Version is the format version written, and the only one read.
const Version = 1

// File is a baseline file.
type File struct {
	Tool    string  `json:"tool"`
	Version int     `json:"version"`
	Entries []Entry `json:"entries"`
}

// Entry is one accepted finding. Only Fingerprint is matched; the other
// fields are for the reviewer, and Reason is theirs to fill in.
type Entry struct {
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Declaration string `json:"declaration"`
	Message     string `json:"message"`
	Fingerprint string `json:"fingerprint"`
	Reason      string `json:"reason"`
}

// New returns a baseline of entries for tool, sorted, with the reasons of
// old entries (from earlier baselines, may be nil) carried over to entries
// with the same fingerprint.
func New(tool string, entries []Entry, old ...*File) *File {
	reasons := map[string]string{}
	for _, o := range old {
		if o == nil {
			continue
		}
		for _, e := range o.Entries {
			if e.Reason != "" {
				reasons[e.Fingerprint] = e.Reason
			}
		}
	}
	out := make([]Entry, len(entries))
	for i, e := range entries {
		if e.Reason == "" {
			e.Reason = reasons[e.Fingerprint]
		}
		out[i] = e
	}
	slices.SortFunc(out, func(a, b Entry) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Declaration, b.Declaration),
			cmp.Compare(a.Fingerprint, b.Fingerprint),
		)
	})
	out = slices.CompactFunc(out, func(a, b Entry) bool { return a.Fingerprint == b.Fingerprint })
	return &File{Tool: tool, Version: Version, Entries: out}
}

// Marshal encodes f as indented JSON with a final newline.
func (f *File) Marshal() ([]byte, error) {
	if f.Entries == nil {
		f.Entries = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encoding baseline: %w", err)
	}
	return buf.Bytes(), nil
}

// WriteFile writes f to name.
func (f *File) WriteFile(name string) error {
	b, err := f.Marshal()
	if err != nil {
		return err
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		return fmt.Errorf("writing baseline: %w", err)
	}
	return nil
}

// ReadFile reads the baseline in name. Errors say which file and, for
// malformed JSON, which line.
func ReadFile(name string) (*File, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading baseline: %w", err)
	}
	f, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", name, err)
	}
	return f, nil
}

// Parse decodes a baseline. Unknown fields, another version, trailing data
// and entries without a fingerprint are errors: a baseline that is not
// understood must not silently accept findings.
func Parse(b []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, jsonError(b, dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("line %d: data after the baseline object", line(b, dec.InputOffset()))
	}
	if f.Version != Version {
		return nil, fmt.Errorf("version %d, want %d (rewrite it with -write-baseline)", f.Version, Version)
	}
	for i, e := range f.Entries {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("entry %d (%s %s) has no fingerprint", i+1, e.Rule, e.File)
		}
	}
	return &f, nil
}

func jsonError(b []byte, dec *json.Decoder, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Errorf("line %d: not valid JSON: %w", line(b, syn.Offset), err)
	case errors.As(err, &typ):
		return fmt.Errorf("line %d: %w", line(b, typ.Offset), err)
	case errors.Is(err, io.EOF):
		return errors.New("empty file, want a JSON object with entries")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("line %d: truncated JSON", line(b, int64(len(b))))
	}
	return fmt.Errorf("line %d: %w", line(b, dec.InputOffset()), err)
}

func line(b []byte, off int64) int {
	off = min(max(off, 0), int64(len(b)))
	return 1 + bytes.Count(b[:off], []byte("\n"))
}

// Match splits fingerprints into those the baseline accepts and the new
// ones, and returns the entries that matched no fingerprint (fixed or
// changed code) among those for which inScope is true: entries of files
// that this run did not analyse are not stale.
func (f *File) Match(fingerprints []string, inScope func(Entry) bool) (known map[string]bool, stale []Entry) {
	known = map[string]bool{}
	present := map[string]bool{}
	for _, fp := range fingerprints {
		present[fp] = true
	}
	for _, e := range f.Entries {
		switch {
		case present[e.Fingerprint]:
			known[e.Fingerprint] = true
		case inScope == nil || inScope(e):
			stale = append(stale, e)
		}
	}
	return known, stale
}

// StaleNote is the one line that tells how many entries no longer match.
func StaleNote(n int, name string) string {
	if n == 1 {
		return fmt.Sprintf("1 baseline entry is gone, rewrite the baseline (-write-baseline=%s)", name)
	}
	return fmt.Sprintf("%d baseline entries are gone, rewrite the baseline (-write-baseline=%s)", n, name)
}
