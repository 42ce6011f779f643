// Package findings uses the password grant.
package findings

import "net/url"

// TokenURL is GoTo's retired OAuth host.
const TokenURL = "https://api.getgo.com/oauth/v2/token"

// PasswordParams are the parameters of a password grant request.
func PasswordParams(user, pass string) url.Values {
	return url.Values{"grant_type": {"password"}, "username": {user}, "password": {pass}}
}
