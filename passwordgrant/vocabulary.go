package passwordgrant

import (
	"go/ast"
	"go/types"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file is the grant vocabulary: what counts as the password grant, a
// grant key, a grant-type field, and which text or names could be one. Every
// rule judges values with these words, and the cheap filters in front of the
// rules are derived from the same words (TestTriggerAdmitsJudges).

// oauth2Path is the package path of golang.org/x/oauth2.
const oauth2Path = "golang.org/x/oauth2"

// gotoLegacy is the prefix of GoTo's retired OAuth endpoints, and gotoHost
// the prefix that replaced it (the paths after them are the same).
const (
	gotoLegacy = "api.getgo.com/oauth/v2" //passwordgrant:allow PG007 the host PG007 looks for: vocabulary, not a request
	gotoHost   = "authentication.logmeininc.com/oauth"
)

// Words that every value a rule judges contains, in some letter case: a
// password-grant value holds "password", a grant key and request text
// "grant", GoTo's host "getgo". Values are compared ignoring case (real
// clients send "PASSWORD"), so the filters ignore it too.
const (
	wordPassword = "password"
	wordGrant    = "grant"
	wordGoTo     = "getgo"
)

// hasTrigger reports whether a string literal (quoted or not) could start a
// finding: it holds one of the vocabulary's words in any letter case.
func hasTrigger[S ~string | ~[]byte](s S) bool {
	// One pass over the bytes: the words start with p or g, in either
	// case, and most literals hold neither followed by the word.
	for i := 0; i < len(s); i++ {
		switch s[i] | 0x20 { // ASCII lower case; other bytes match neither
		case 'p':
			if hasPrefixFold(s[i:], wordPassword) {
				return true
			}
		case 'g':
			if hasPrefixFold(s[i:], wordGrant) || hasPrefixFold(s[i:], wordGoTo) {
				return true
			}
		}
	}
	return false
}

// litTrigger is hasTrigger for the source text of a string literal: a
// literal that spells a word with escapes ("pass\u0077ord") is judged
// by its value. It runs for every literal of every package, so it never
// allocates for the short literals that hold escapes: it decodes them into
// a buffer on the stack.
func litTrigger(lit string) bool {
	if strings.IndexByte(lit, '\\') < 0 || len(lit) < 2 || lit[0] != '"' {
		return hasTrigger(lit) // no escapes, or a raw string, which has none
	}
	var buf [256]byte
	b := buf[:0]
	for s := lit[1 : len(lit)-1]; s != ""; {
		r, _, tail, err := strconv.UnquoteChar(s, '"')
		if err != nil {
			return hasTrigger(lit) // not a valid literal: judge what is written
		}
		b = utf8.AppendRune(b, r)
		s = tail
	}
	return hasTrigger(b)
}

// The authorization code request replaces the password grant's username
// and password with these parameters; fixes that rewrite a request write
// them with what a person must fill in.
const (
	paramsFixMsg = "Rewrite the request to the authorization code grant (needs code, redirect_uri, code_verifier)"
	codeTODO     = "TODO(passwordgrant): fill in code (from the redirect to redirect_uri), redirect_uri, and code_verifier (the PKCE verifier from oauth2.GenerateVerifier whose S256 challenge was in the authorization URL)"
)

// newParams are the parameters of the authorization code request that
// replace username and password, each with what a person must fill in.
var newParams = []struct{ name, todo string }{
	{"code", "TODO(passwordgrant): the code parameter of the redirect to redirect_uri"},
	{"redirect_uri", "TODO(passwordgrant): the redirect_uri of the authorization request"},
	{"code_verifier", "TODO(passwordgrant): the PKCE verifier (oauth2.GenerateVerifier) whose S256 challenge was in the authorization URL"},
}

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
	if strings.EqualFold(s, wordPassword) {
		return true
	}
	if !containsFold(s, "grant-type/") {
		return false
	}
	last := s[strings.LastIndexByte(s, '/')+1:]
	return strings.EqualFold(last, wordPassword) || strings.EqualFold(last, "password-realm")
}

// gotoLegacyHost is the host of gotoLegacy.
const gotoLegacyHost = "api.getgo.com"

// isGoToBase reports whether s is GoTo's retired host without the OAuth
// path, a base URL that code joins to /oauth/v2/... later.
func isGoToBase(s string) bool { return containsFold(s, gotoLegacyHost) && !hasGoToHost(s) }

// isOAuthGrant reports whether s is a grant_type value of OAuth 2.0 or of
// its extensions (the password grant among them): a list that holds the
// password grant and another of these is a list of grants, whatever its
// field is called.
func isOAuthGrant(s string) bool {
	switch strings.ToLower(s) {
	case "authorization_code", "client_credentials", "refresh_token", "implicit",
		"urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:jwt-bearer",
		"urn:ietf:params:oauth:grant-type:saml2-bearer", "urn:ietf:params:oauth:grant-type:token-exchange",
		"urn:openid:params:grant-type:ciba":
		return true
	}
	return isPasswordGrant(s)
}

// hasGoToHost reports whether s holds GoTo's retired OAuth prefix. Host
// names ignore case.
func hasGoToHost(s string) bool { return containsFold(s, gotoLegacy) }

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
	case lower != "" && strings.HasSuffix(lower, "granttypes"):
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
func hasPrefixFold[S ~string | ~[]byte](s S, w string) bool {
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
	if n == 0 {
		return true
	}
	// Candidates start with sub's first letter in either case; finding
	// them with IndexByte skips most of s at memory speed.
	lower, upper := sub[0], sub[0]
	if 'a' <= lower && lower <= 'z' {
		upper = lower - ('a' - 'A')
	}
	for i := 0; i+n <= len(s); i++ {
		rest := s[i : len(s)-n+1]
		j := strings.IndexByte(rest, lower)
		if k := strings.IndexByte(rest, upper); k >= 0 && (j < 0 || k < j) {
			j = k
		}
		if j < 0 {
			return false
		}
		i += j
		if hasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}

// roleOfSelection finds the role of a selected field, following embedded
// fields to the struct that declares it (and its tag).
func roleOfSelection(sel *types.Selection) fieldRole {
	st, f := fieldOfSelection(sel)
	if st == nil {
		return roleOf(f.Name(), "")
	}
	return fieldRoleOf(st, f)
}

// sentRole is the role of field f of st as a request parameter: a field
// is sent only if an encoder can see it, so an unexported field counts
// only when its tag names the parameter. A private grantType that records
// which flow was used is bookkeeping, not a request.
func sentRole(st *types.Struct, f *types.Var) fieldRole {
	if f.Exported() {
		return fieldRoleOf(st, f)
	}
	for i := range st.NumFields() {
		if st.Field(i) == f {
			return roleOf("", st.Tag(i))
		}
	}
	return fieldOther
}

// fieldOfSelection returns the struct that declares a selected field, and
// the field; the struct is nil where embedding cannot be followed.
func fieldOfSelection(sel *types.Selection) (*types.Struct, *types.Var) {
	f := sel.Obj().(*types.Var)
	t := sel.Recv()
	idx := sel.Index()
	for _, i := range idx[:len(idx)-1] {
		st, ok := under(deref(t)).(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil, f
		}
		t = st.Field(i).Type()
	}
	st, _ := under(deref(t)).(*types.Struct)
	return st, f
}

// isGrantList reports whether the list literal lit is a list of grant
// types, judged by what it holds: the password grant and other OAuth grant
// values, and nothing else. A list of parameter names to redact that holds
// "password" and "refresh_token" among "client_secret" is not.
func isGrantList(info *types.Info, lit *ast.CompositeLit) bool {
	password, other := false, false
	for _, elt := range lit.Elts {
		switch s, ok := stringConst(info, elt); {
		case !ok:
			return false
		case isPasswordGrant(s):
			password = true
		case isOAuthGrant(s) || containsFold(s, "grant-type:"):
			other = true
		default:
			return false
		}
	}
	return password && other
}
