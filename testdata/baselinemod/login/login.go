// Package login signs in to a partner API that still takes the password
// grant.
package login

import (
	"context"
	"net/url"

	"golang.org/x/oauth2"
)

// TokenURL is GoTo's retired OAuth host.
const TokenURL = "https://api.getgo.com/oauth/v2/token"

// Client signs in a system user.
type Client struct {
	conf *oauth2.Config
}

// Login asks for a token with the user's password.
func (c *Client) Login(ctx context.Context, user, pass string) (*oauth2.Token, error) {
	return c.conf.PasswordCredentialsToken(ctx, user, pass)
}

// Form is the form of a hand-built token request.
func Form(user, pass string) url.Values {
	return url.Values{"grant_type": {"password"}, "username": {user}, "password": {pass}}
}
