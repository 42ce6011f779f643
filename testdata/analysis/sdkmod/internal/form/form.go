// Package form builds token requests for the SDK: whichever grant its
// caller chooses.
package form

import "net/url"

// Body is the form of a token request. It is no password grant itself: its
// callers choose the grant.
func Body(grant, user, pass string) url.Values { // want Body:"grant PG002 at form.go:11 from parameters 0"
	return url.Values{
		"grant_type": {grant},
		"username":   {user},
		"password":   {pass},
	}
}
