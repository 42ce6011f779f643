package flow_vars

import (
	"context"
	"net/url"
)

// sessionClient keeps the grant in an untagged private field, and encodes
// that field into every token request: unlike bookkeeping, the field is
// serialized, so storing the password grant in it is a use.
type sessionClient struct {
	*Client
	grantType string
	scope     string
}

// newSessionClient is the mobile backend's client.
func newSessionClient(c *Client) *sessionClient {
	return &sessionClient{
		Client:    c,
		grantType: "password", // want "PG002"
		scope:     "offline_access",
	}
}

// token sends the stored grant.
func (s *sessionClient) token(ctx context.Context, user, pass string) (*Token, error) {
	form := url.Values{
		"grant_type": {s.grantType},
		"username":   {user},
		"password":   {pass},
		"scope":      {s.scope},
	}
	return s.post(ctx, form)
}

// MobileToken is the mobile backend's entry point.
func MobileToken(ctx context.Context, c *Client, user, pass string) (*Token, error) {
	return newSessionClient(c).token(ctx, user, pass)
}
