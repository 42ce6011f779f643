// Package flow_precision holds code that mentions the password grant
// without sending or serving it: a client choosing its own flow, tables
// keyed by grant, bookkeeping, refusals, migrations and prose. Only the
// real uses (marked want) are findings.
package flow_precision

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"
)

// ClientConfig is the CLI's configuration file.
type ClientConfig struct {
	Flow      string `yaml:"flow"`
	GrantType string `yaml:"grant_type" env:"OAUTH_GRANT_TYPE"`
	Username  string `yaml:"username"`
	Password  string `yaml:"password"`
}

// Login picks the flow the user configured. The PasswordCredentialsToken
// call is the use (PG001); the case that selects it reads the client's own
// configuration, not an incoming request, so it is not PG005.
func Login(ctx context.Context, cfg ClientConfig, conf *oauth2.Config) (*oauth2.Token, error) {
	switch cfg.Flow {
	case "password": // silent: a client choosing its own flow, not a token endpoint
		return conf.PasswordCredentialsToken(ctx, cfg.Username, cfg.Password) // want "PG001"
	case "device":
		resp, err := conf.DeviceAuth(ctx)
		if err != nil {
			return nil, fmt.Errorf("device auth: %w", err)
		}
		return conf.DeviceAccessToken(ctx, resp)
	default:
		return nil, fmt.Errorf("unknown flow %q", cfg.Flow)
	}
}

// LoginByGrant is the same with a field tagged grant_type: the tag names
// the configuration key, and the value is still the client's own choice.
func LoginByGrant(ctx context.Context, cfg ClientConfig, conf *oauth2.Config) (*oauth2.Token, error) {
	if cfg.GrantType == "password" { // silent: the client's configuration, no request is read
		return conf.PasswordCredentialsToken(ctx, cfg.Username, cfg.Password) // want "PG001"
	}
	return nil, errors.New("only the password grant is configured for this CLI")
}

// TokenRequest is what the SDK sends; Validate runs before sending it.
type TokenRequest struct {
	GrantType string `json:"grant_type"`
	Username  string `json:"username,omitempty"`
	Password  string `json:"password,omitempty"`
	Code      string `json:"code,omitempty"`
}

// Validate checks the client's own request before it is sent.
func (r *TokenRequest) Validate() error {
	switch r.GrantType {
	case "authorization_code":
		if r.Code == "" {
			return errors.New("code is required")
		}
	case "password": // silent: a client validating its own request, not a server accepting one
		if r.Username == "" || r.Password == "" {
			return errors.New("username and password are required")
		}
	}
	if r.GrantType == "PASSWORD" { // silent: the same check, in upper case
		return errors.New("grant types are lower case")
	}
	return nil
}

// lifetimes is how long the SDK caches a token, by the grant that got it.
var lifetimes = map[string]time.Duration{
	"authorization_code": 8 * time.Hour,
	"password":           time.Hour, // silent: a lifetime table keyed by grant, looked up, never sent
	"client_credentials": 24 * time.Hour,
}

// cacheFor looks the lifetime up.
func cacheFor(grant string) time.Duration {
	if d, ok := lifetimes[grant]; ok {
		return d
	}
	return 30 * time.Minute
}

// Session records how the current token was obtained, for the status
// command. Its fields are never serialized into a request.
type Session struct {
	token         *oauth2.Token
	lastGrantType string
	obtained      time.Time
	history       []loginRecord
}

// loginRecord is one line of the CLI's local login history.
type loginRecord struct {
	user      string
	grantType string
	at        time.Time
}

// Refresh logs in again and records which flow was used.
func (s *Session) Refresh(ctx context.Context, cfg ClientConfig, conf *oauth2.Config) error {
	tok, err := conf.PasswordCredentialsToken(ctx, cfg.Username, cfg.Password) // want "PG001"
	if err != nil {
		return fmt.Errorf("login: %w", err)
	}
	s.token, s.obtained = tok, time.Now()
	s.lastGrantType = "password"                                                                          // silent: private bookkeeping set after the response, never serialized
	s.history = append(s.history, loginRecord{user: cfg.Username, grantType: "password", at: s.obtained}) // silent: a history record named grantType, never sent
	return nil
}

// Status describes the session for the CLI's status command.
func (s *Session) Status() string {
	return fmt.Sprintf("token from %s grant, obtained %s, cached for %s, %d logins recorded",
		s.lastGrantType, s.obtained.Format(time.RFC3339), cacheFor(s.lastGrantType), len(s.history))
}
