// Package pg005const holds no string that spells a grant: only the grant
// constants it imports from go-oauth2 tell that it serves the password grant.
package pg005const

import "github.com/go-oauth2/oauth2/v4"

type config struct{ expiry int }

// issue serves a token request: the request it answers is its parameter.
func issue(gt oauth2.GrantType, tgr *oauth2.TokenGenerateRequest) config {
	switch gt {
	case oauth2.AuthorizationCode:
		return config{expiry: 2}
	case oauth2.PasswordCredentials: // want `PG005: token endpoint serves grant_type=password`
		return config{expiry: 1}
	}
	return config{}
}

// lifetime only looks token lifetimes up by grant, as go-oauth2's own
// manager does: no request is read here, and the server's acceptance of
// the grant is elsewhere. No finding.
func lifetime(gt oauth2.GrantType) config {
	switch gt {
	case oauth2.AuthorizationCode:
		return config{expiry: 2}
	case oauth2.PasswordCredentials:
		return config{expiry: 1}
	}
	return config{}
}
