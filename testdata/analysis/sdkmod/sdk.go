// Package sdk is a vendor SDK in a module of its own, the way applications
// meet the password grant: behind Login.
package sdk

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"example.com/sdk/internal/form"
)

// Token is what the SDK's sign-ins return.
type Token struct{ Access, Refresh string }

// Client talks to the vendor's token endpoint.
type Client struct {
	TokenURL string
	HTTP     *http.Client
}

// Login signs a user in with the password grant, inside.
func (c *Client) Login(ctx context.Context, user, pass string) (*Token, error) { // want Login:"grant PG002 at form.go:11 via form.Body \\(form.go:11\\)"
	return c.post(ctx, form.Body("password", user, pass)) // want "PG002: passes the password grant to Body"
}

// Machine signs the service in with client credentials: no password grant.
func (c *Client) Machine(ctx context.Context) (*Token, error) {
	return c.post(ctx, form.Body("client_credentials", "", ""))
}

// Token posts the grant its caller chooses.
func (c *Client) Token(ctx context.Context, grant, user, pass string) (*Token, error) { // want Token:"grant PG002 at form.go:11 from parameters 1 via form.Body"
	return c.post(ctx, form.Body(grant, user, pass))
}

func (c *Client) post(ctx context.Context, v url.Values) (*Token, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.TokenURL, strings.NewReader(v.Encode()))
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errors.New("sdk: sign-in failed: " + resp.Status)
	}
	return &Token{}, nil
}

// PasswordSource signs in with the credentials it is constructed with,
// each time its Token method is called.
type PasswordSource struct { // want PasswordSource:"credentials sent by Token at form.go:11"
	Client     *Client
	User, Pass string
}

// Token performs the password grant with the stored credentials.
func (s *PasswordSource) Token() (*Token, error) { // want Token:"grant PG002 at form.go:11 via sdk.\\(\\*Client\\).Login"
	return s.Client.Login(context.Background(), s.User, s.Pass)
}
