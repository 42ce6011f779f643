// Package clean requests tokens without the password grant.
package clean

import "net/url"

// TokenURL is GoTo's current token endpoint.
const TokenURL = "https://authentication.logmeininc.com/oauth/token"

// CodeParams are the parameters of an authorization code request.
func CodeParams(code, verifier string) url.Values {
	return url.Values{
		"grant_type":    {"authorization_code"},
		"code":          {code},
		"code_verifier": {verifier},
	}
}

// PasswordField names a form field; it is no grant type.
const PasswordField = "password"
