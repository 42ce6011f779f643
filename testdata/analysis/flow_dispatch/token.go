// Package flow_dispatch is a token endpoint that dispatches on grant_type
// through a table of handlers. The entry keyed "password" is what makes
// the endpoint serve the password grant.
package flow_dispatch

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// grantHandler serves one grant type.
type grantHandler func(w http.ResponseWriter, r *http.Request) (*tokenResponse, error)

type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

type oauthError struct {
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

// UserStore checks directory credentials.
type UserStore interface {
	Authenticate(username, password string) (userID string, err error)
}

// TokenServer is the /oauth2/token endpoint.
type TokenServer struct {
	users  UserStore
	log    *slog.Logger
	grants map[string]grantHandler
	// extensions are grants added by plugins at start-up.
	extensions map[string]grantHandler
}

// NewTokenServer wires the grant handlers.
func NewTokenServer(users UserStore, log *slog.Logger) *TokenServer {
	s := &TokenServer{users: users, log: log, extensions: make(map[string]grantHandler)}
	s.grants = map[string]grantHandler{
		"authorization_code": s.authorizationCodeGrant,
		"refresh_token":      s.refreshTokenGrant,
		// The key dispatches the token endpoint to the password handler.
		"password": s.passwordGrant, // want "PG005"
	}
	return s
}

// EnableLegacyGrants is called when the legacy_grants feature flag is on.
func (s *TokenServer) EnableLegacyGrants() {
	s.extensions["PASSWORD"] = s.passwordGrant // want "PG005"
}

// ServeHTTP dispatches on grant_type.
func (s *TokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeError(w, http.StatusMethodNotAllowed, oauthError{Code: "invalid_request", Description: "POST only"})
		return
	}
	if err := r.ParseForm(); err != nil {
		writeError(w, http.StatusBadRequest, oauthError{Code: "invalid_request", Description: "malformed form"})
		return
	}
	grant := r.PostForm.Get("grant_type")
	h, ok := s.grants[grant]
	if !ok {
		h, ok = s.extensions[strings.ToUpper(grant)]
	}
	if !ok {
		writeError(w, http.StatusBadRequest, oauthError{Code: "unsupported_grant_type"})
		return
	}
	tok, err := h(w, r)
	if err != nil {
		s.log.Warn("token request failed", "grant_type", grant, "err", err)
		writeError(w, http.StatusBadRequest, oauthError{Code: "invalid_grant"})
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(tok)
}

// ServeLegacyToken is the old endpoint, kept for one partner; it compares
// the grant ignoring case, as the partner sends "Password".
func (s *TokenServer) ServeLegacyToken(w http.ResponseWriter, r *http.Request) {
	if strings.EqualFold(r.FormValue("grant_type"), "password") { // want "PG005"
		tok, err := s.passwordGrant(w, r)
		if err != nil {
			writeError(w, http.StatusUnauthorized, oauthError{Code: "invalid_grant"})
			return
		}
		_ = json.NewEncoder(w).Encode(tok)
		return
	}
	writeError(w, http.StatusBadRequest, oauthError{Code: "unsupported_grant_type"})
}

// ServePartnerToken refuses the password grant before anything else.
func (s *TokenServer) ServePartnerToken(w http.ResponseWriter, r *http.Request) {
	if strings.EqualFold(r.FormValue("grant_type"), "password") { // silent: the branch answers unsupported_grant_type
		writeError(w, http.StatusBadRequest, oauthError{Code: "unsupported_grant_type", Description: "use the authorization code flow"})
		return
	}
	s.ServeHTTP(w, r)
}

func (s *TokenServer) passwordGrant(w http.ResponseWriter, r *http.Request) (*tokenResponse, error) {
	userID, err := s.users.Authenticate(r.PostForm.Get("username"), r.PostForm.Get("password"))
	if err != nil {
		return nil, err
	}
	return issue(userID, time.Hour), nil
}

func (s *TokenServer) authorizationCodeGrant(w http.ResponseWriter, r *http.Request) (*tokenResponse, error) {
	if r.PostForm.Get("code") == "" {
		return nil, errors.New("missing code")
	}
	return issue("code-user", time.Hour), nil
}

func (s *TokenServer) refreshTokenGrant(w http.ResponseWriter, r *http.Request) (*tokenResponse, error) {
	if r.PostForm.Get("refresh_token") == "" {
		return nil, errors.New("missing refresh_token")
	}
	return issue("refresh-user", time.Hour), nil
}

func issue(userID string, ttl time.Duration) *tokenResponse {
	return &tokenResponse{AccessToken: "at-" + userID, TokenType: "Bearer", ExpiresIn: int(ttl.Seconds())}
}

func writeError(w http.ResponseWriter, status int, e oauthError) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(e)
}
