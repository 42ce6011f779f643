// Package flow_helpers is a reporting service's client of the identity
// provider. It builds every token request with small helpers that take the
// grant as a parameter; the password grant is chosen at the call sites.
package flow_helpers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"

	"example.com/analysis/flow_helpers/grants"
	"example.com/analysis/flow_helpers/tokenreq"
)

// tokenBody builds the form of a token request. It serves the password,
// client_credentials and refresh_token grants alike, so the helper itself
// is silent: what it sends is decided by its callers.
func tokenBody(grant, user, pass string) url.Values {
	body := url.Values{"grant_type": {grant}} // silent: a parameter; the finding belongs at the caller that passes "password"
	if user != "" {
		body.Set("username", user)
	}
	if pass != "" {
		body.Set("password", pass)
	}
	return body
}

// Token is the provider's token response.
type Token struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
}

// IdP is the identity provider's token endpoint.
type IdP struct {
	TokenURL     string
	ClientID     string
	ClientSecret string
	HTTP         *http.Client
}

func (p *IdP) exchange(ctx context.Context, form url.Values) (*Token, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("build token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(p.ClientID, p.ClientSecret)
	resp, err := p.HTTP.Do(req)
	if err != nil {
		return nil, fmt.Errorf("token request: %w", err)
	}
	defer resp.Body.Close()
	return decodeToken(resp)
}

// UserToken signs a reporting user in with their directory password.
func (p *IdP) UserToken(ctx context.Context, user, pass string) (*Token, error) {
	// The helper is called with the password grant: the finding is here,
	// at the call that supplies it, and names the helper.
	return p.exchange(ctx, tokenBody("password", user, pass)) // want "PG002: .*passes the password grant to tokenBody"
}

// ServiceToken authenticates the service itself.
func (p *IdP) ServiceToken(ctx context.Context) (*Token, error) {
	return p.exchange(ctx, tokenBody("client_credentials", "", "")) // silent: the helper is called with client_credentials
}

// RenewToken refreshes a token.
func (p *IdP) RenewToken(ctx context.Context, refresh string) (*Token, error) {
	form := tokenBody(grants.RefreshToken, "", "") // silent: refresh_token from the grants package
	form.Set("refresh_token", refresh)
	return p.exchange(ctx, form)
}

// BatchUserToken signs in the batch user, whose credentials come from the
// environment; the grant is a constant of another package of the module.
func (p *IdP) BatchUserToken(ctx context.Context) (*Token, error) {
	user, pass := os.Getenv("REPORTS_BATCH_USER"), os.Getenv("REPORTS_BATCH_PASSWORD")
	if user == "" || pass == "" {
		return nil, fmt.Errorf("REPORTS_BATCH_USER and REPORTS_BATCH_PASSWORD must be set")
	}
	form := tokenBody(grants.Password, user, pass) // want "PG002: .*passes the password grant to tokenBody"
	return p.exchange(ctx, form)
}

// AdminToken uses the shared helper package: the grant is sent by
// tokenreq.Form, in another package of the module (reported here, through
// facts).
func (p *IdP) AdminToken(ctx context.Context, user, pass string) (*Token, error) {
	return p.exchange(ctx, tokenreq.Form(grants.Password, user, pass)) // with -deps: reported through facts (TestFactsHelperInAnotherPackage)
}

// MachineToken uses the shared helper with client_credentials.
func (p *IdP) MachineToken(ctx context.Context) (*Token, error) {
	return p.exchange(ctx, tokenreq.Form(grants.ClientCredentials, "", "")) // silent: client_credentials
}

// KioskToken posts through the shared Requester, whose Do method sets
// grant_type from its parameter.
func KioskToken(ctx context.Context, r *tokenreq.Requester, user, pass string) (*Token, error) {
	extra := url.Values{"username": {user}, "password": {pass}, "scope": {"reports:read"}}
	resp, err := r.Do(ctx, "password", extra) // with -deps: reported through facts (TestFactsHelperInAnotherPackage)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return decodeToken(resp)
}

// loginWith is a second helper level: it passes its grant on to tokenBody.
func (p *IdP) loginWith(ctx context.Context, grant, user, pass string) (*Token, error) {
	return p.exchange(ctx, tokenBody(grant, user, pass)) // silent: still a parameter
}

// SupportLogin reaches tokenBody through loginWith.
func (p *IdP) SupportLogin(ctx context.Context, user, pass string) (*Token, error) {
	return p.loginWith(ctx, "password", user, pass) // want "PG002: .*passes the password grant to loginWith"
}

func decodeToken(resp *http.Response) (*Token, error) {
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("token endpoint: %s", resp.Status)
	}
	var tok Token
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		return nil, fmt.Errorf("decode token: %w", err)
	}
	return &tok, nil
}
