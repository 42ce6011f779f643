package passwordgrant

import (
	"go/types"
	"reflect"
	"strings"
)

// isGrantKey reports whether s names the OAuth grant_type parameter. APIs
// that wrap the token endpoint spell it in a few ways.
func isGrantKey(s string) bool {
	return strings.EqualFold(s, "grant_type") || strings.EqualFold(s, "grantType") || strings.EqualFold(s, "grant-type")
}

// isPasswordGrant reports whether s is a grant_type value of the password
// grant: "password", or a URI grant type ending in password such as Auth0's
// http://auth0.com/oauth/grant-type/password-realm. Other grants that merely
// contain the word (passwordless) are not.
func isPasswordGrant(s string) bool {
	if strings.EqualFold(s, "password") {
		return true
	}
	if !strings.Contains(s, "grant-type/") {
		return false
	}
	last := s[strings.LastIndexByte(s, '/')+1:]
	return last == "password" || last == "password-realm"
}

// tagKeys are the struct tag keys whose name says what parameter a field
// becomes on the wire.
var tagKeys = [...]string{"json", "url", "form", "schema", "query", "mapstructure", "yaml", "xml"}

// fieldRole tells what a struct field carries, judged by its name and tags.
type fieldRole int

const (
	fieldOther      fieldRole = iota
	fieldGrantType            // one grant type: GrantType, `json:"grant_type"`
	fieldGrantTypes           // a list of allowed grant types: GrantTypes, AllowedGrantTypes
)

func roleOf(name, tag string) fieldRole {
	lower := strings.ToLower(name)
	switch {
	case lower == "granttype":
		return fieldGrantType
	case strings.HasSuffix(lower, "granttypes"):
		return fieldGrantTypes
	}
	st := reflect.StructTag(tag)
	for _, k := range tagKeys {
		v, ok := st.Lookup(k)
		if !ok {
			continue
		}
		v, _, _ = strings.Cut(v, ",")
		if isGrantKey(v) {
			return fieldGrantType
		}
		if strings.EqualFold(v, "grant_types") {
			return fieldGrantTypes
		}
	}
	return fieldOther
}

// fieldRoleOf finds the role of field f, looking up its tag in the struct
// type st that declares it (go/types keeps tags on the struct, not the field).
func fieldRoleOf(st *types.Struct, f *types.Var) fieldRole {
	for i := range st.NumFields() {
		if st.Field(i) == f {
			return roleOf(f.Name(), st.Tag(i))
		}
	}
	return roleOf(f.Name(), "")
}

// isGrantTypeName reports whether a type or variable name says it holds a
// grant type (go-oauth2's oauth2.GrantType, a local grantType variable).
func isGrantTypeName(name string) bool {
	return isGrantKey(name) || strings.EqualFold(name, "granttype")
}

// trimVendor maps a vendored package path to the path it vendors, so that
// GOPATH-style vendor trees match the same table entries.
func trimVendor(path string) string {
	if i := strings.LastIndex(path, "/vendor/"); i >= 0 {
		return path[i+len("/vendor/"):]
	}
	return strings.TrimPrefix(path, "vendor/")
}

// nameWords reports whether an identifier contains "password" and "grant",
// ignoring ASCII case, in one pass: it runs for every identifier, and most
// hold neither a 'p' nor a 'g'.
func nameWords(name string) (password, grant bool) {
	for i := 0; i < len(name); i++ {
		switch name[i] | 0x20 { // ASCII lower case; other bytes match neither
		case 'p':
			password = password || hasPrefixFold(name[i:], "password")
		case 'g':
			grant = grant || hasPrefixFold(name[i:], "grant")
		}
	}
	return password, grant
}

// hasPrefixFold reports whether s starts with the lower-case ASCII word w,
// ignoring ASCII case.
func hasPrefixFold(s, w string) bool {
	if len(s) < len(w) {
		return false
	}
	for i := range len(w) {
		if s[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// containsFold reports whether s contains the lower-case ASCII word sub,
// ignoring ASCII case, without allocating: it runs for many identifiers.
func containsFold(s, sub string) bool {
	n := len(sub)
outer:
	for i := 0; i+n <= len(s); i++ {
		for j := range n {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				continue outer
			}
		}
		return true
	}
	return false
}
