package fosite

import "strings"

// Arguments is a list of request arguments (scopes, grant types, response
// types), as in github.com/ory/fosite v0.49.0 arguments.go.
type Arguments []string

// Has checks, in a case-insensitive manner, that all of the items
// provided exists in arguments.
func (r Arguments) Has(items ...string) bool {
	for _, item := range items {
		if !StringInSlice(item, r) {
			return false
		}
	}
	return true
}

// HasOneOf checks, in a case-insensitive manner, that one of the items
// provided exists in arguments.
func (r Arguments) HasOneOf(items ...string) bool {
	for _, item := range items {
		if StringInSlice(item, r) {
			return true
		}
	}
	return false
}

// ExactOne checks, by string case, that a single argument equals the provided
// string.
func (r Arguments) ExactOne(name string) bool {
	return len(r) == 1 && r[0] == name
}

// StringInSlice returns true if needle exists in haystack, ignoring case.
func StringInSlice(needle string, haystack []string) bool {
	for _, b := range haystack {
		if strings.EqualFold(b, needle) {
			return true
		}
	}
	return false
}
