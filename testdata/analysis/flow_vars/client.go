// Package flow_vars is a legacy API client that logs in to its provider's
// token endpoint with a hand-built form. The grant type reaches the form
// through local and package-level variables rather than as a literal at
// the Set call.
package flow_vars

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// defaultGrant is what the client asks for when the configuration names
// no grant. A package-level variable, assigned once.
var defaultGrant = "password"

// serviceGrant is used by the nightly export job; it is not the password
// grant.
var serviceGrant = "client_credentials"

// Config is read from the service's YAML file.
type Config struct {
	TokenURL     string `yaml:"token_url"`
	ClientID     string `yaml:"client_id"`
	ClientSecret string `yaml:"client_secret"`
	Scope        string `yaml:"scope"`
	Timeout      time.Duration
}

// Token is the token endpoint's answer.
type Token struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	RefreshToken string `json:"refresh_token,omitempty"`
	ExpiresIn    int64  `json:"expires_in"`
}

// Client talks to the provider's token endpoint.
type Client struct {
	cfg  Config
	http *http.Client
}

// NewClient returns a client with the configured timeout.
func NewClient(cfg Config) *Client {
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = 15 * time.Second
	}
	return &Client{cfg: cfg, http: &http.Client{Timeout: timeout}}
}

// Login exchanges the user's credentials for a token.
func (c *Client) Login(ctx context.Context, username, password string) (*Token, error) {
	grantType := "password"
	form := url.Values{}
	// A local variable holding the password grant, set as grant_type.
	form.Set("grant_type", grantType) // want "PG002"
	form.Set("username", username)
	form.Set("password", password)
	form.Set("scope", c.cfg.Scope)
	return c.post(ctx, form)
}

// LoginDefault logs in with the package default grant.
func (c *Client) LoginDefault(ctx context.Context, username, password string) (*Token, error) {
	form := url.Values{
		"username": {username},
		"password": {password},
	}
	// A package-level variable holding the password grant.
	form.Add("grant_type", defaultGrant) // want "PG002"
	return c.post(ctx, form)
}

// LoginLegacy keeps the old mobile app working: it asks for the password
// grant only when the account has not been migrated yet.
func (c *Client) LoginLegacy(ctx context.Context, username, password string, migrated bool) (*Token, error) {
	grant := "authorization_code"
	if !migrated {
		grant = "password"
	}
	form := url.Values{"username": {username}, "password": {password}}
	// One of the values the variable may hold is the password grant.
	form.Set("grant_type", grant) // want "PG002"
	return c.post(ctx, form)
}

// ExportToken authenticates the export job as the client itself.
func (c *Client) ExportToken(ctx context.Context) (*Token, error) {
	form := url.Values{}
	form.Set("grant_type", serviceGrant) // silent: client_credentials, not the password grant
	form.Set("client_id", c.cfg.ClientID)
	form.Set("client_secret", c.cfg.ClientSecret)
	return c.post(ctx, form)
}

// Refresh renews a token.
func (c *Client) Refresh(ctx context.Context, refreshToken string) (*Token, error) {
	grantType := "refresh_token"
	form := url.Values{}
	form.Set("grant_type", grantType) // silent: the variable holds refresh_token
	form.Set("refresh_token", refreshToken)
	return c.post(ctx, form)
}

// loginRequest is the JSON body of the provider's /v2/login endpoint.
type loginRequest struct {
	Grant    string `json:"grant_type"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// LoginJSON posts the credentials as JSON; the grant reaches the tagged
// field through a variable.
func (c *Client) LoginJSON(ctx context.Context, username, password string) (*Token, error) {
	grant := defaultGrant
	body, err := json.Marshal(loginRequest{
		Grant:    grant, // want "PG002"
		Username: username,
		Password: password,
	})
	if err != nil {
		return nil, fmt.Errorf("encode login request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.TokenURL, strings.NewReader(string(body)))
	if err != nil {
		return nil, fmt.Errorf("build login request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

func (c *Client) post(ctx context.Context, form url.Values) (*Token, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.cfg.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("build token request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(c.cfg.ClientID, c.cfg.ClientSecret)
	return c.do(req)
}

func (c *Client) do(req *http.Request) (*Token, error) {
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("token request: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("read token response: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("token endpoint: %s: %s", resp.Status, data)
	}
	var tok Token
	if err := json.Unmarshal(data, &tok); err != nil {
		return nil, fmt.Errorf("decode token response: %w", err)
	}
	if tok.AccessToken == "" {
		return nil, errors.New("token endpoint returned no access_token")
	}
	return &tok, nil
}
