// Package authserver runs a real OAuth 2.0 authorization server, the one of
// github.com/go-oauth2/oauth2/v4, on 127.0.0.1 for end-to-end tests of
// OAuth clients. It has one user and one public client (no secret), and
// serves:
//
//   - the authorization code grant, with PKCE required (S256 only), a
//     login page and a consent page, and loopback redirect URIs on any
//     port (RFC 8252 §7.3);
//   - refresh tokens that rotate: each refresh returns a new refresh token
//     and invalidates the old one;
//   - the password grant too, so that a test can show a client that worked
//     with it working without it;
//   - /userinfo, a protected resource that names the user of a bearer token.
//
// It records the grant type of every token request, so that a test can
// check which grants a client used.
package authserver

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"time"

	oauth2 "github.com/go-oauth2/oauth2/v4"
	oautherrors "github.com/go-oauth2/oauth2/v4/errors"
	"github.com/go-oauth2/oauth2/v4/generates"
	"github.com/go-oauth2/oauth2/v4/manage"
	"github.com/go-oauth2/oauth2/v4/models"
	"github.com/go-oauth2/oauth2/v4/server"
	"github.com/go-oauth2/oauth2/v4/store"
)

//passwordgrant:allow-file PG002,PG005 a test authorization server that also serves the password grant on purpose: the end-to-end test proves that a fixed client stops using it where the server still allows it

// Options configure a Server. Zero fields take the defaults below.
type Options struct {
	ClientID string // the public client; default "cli"
	// RedirectURI is the client's registered redirect URI; default
	// "http://127.0.0.1/callback". A loopback IP literal matches any port.
	RedirectURI        string
	Username, Password string        // the one user; default "alice", "wonderland"
	AccessTokenTTL     time.Duration // default one hour
	RefreshTokenTTL    time.Duration // default one day
}

// A TokenRequest is what the server saw of one request to its token
// endpoint. It holds no secret: no code, verifier, password or token.
type TokenRequest struct {
	GrantType    string // grant_type as sent
	ClientID     string
	CodeVerifier bool // a PKCE code_verifier was sent
	Status       int  // the HTTP status of the answer
}

// An AuthorizeRequest is what the server saw of one request to its
// authorization endpoint.
type AuthorizeRequest struct {
	ClientID            string
	RedirectURI         string
	CodeChallengeMethod string // "" when the request had no code_challenge
}

// A Server is a running authorization server. Its methods are safe for
// concurrent use.
type Server struct {
	URL string // base URL, http://127.0.0.1:PORT

	opts     Options
	oauth    *server.Server
	manager  *manage.Manager
	http     *http.Server
	sessions *sessions

	mu        sync.Mutex
	tokens    []TokenRequest
	authorize []AuthorizeRequest
}

// Start starts a server on a free port of 127.0.0.1. Close stops it.
func Start(opts Options) (*Server, error) {
	opts = withDefaults(opts)
	if _, err := url.Parse(opts.RedirectURI); err != nil {
		return nil, fmt.Errorf("authserver: redirect URI: %w", err)
	}

	m := manage.NewDefaultManager()
	tokenCfg := &manage.Config{AccessTokenExp: opts.AccessTokenTTL, RefreshTokenExp: opts.RefreshTokenTTL, IsGenerateRefresh: true}
	m.SetAuthorizeCodeTokenCfg(tokenCfg)
	m.SetPasswordTokenCfg(tokenCfg)
	// Rotation: every refresh issues a new refresh token and removes the
	// old one (and the old access token).
	m.SetRefreshTokenCfg(&manage.RefreshingConfig{
		AccessTokenExp:     opts.AccessTokenTTL,
		RefreshTokenExp:    opts.RefreshTokenTTL,
		IsGenerateRefresh:  true,
		IsResetRefreshTime: true,
		IsRemoveAccess:     true,
		IsRemoveRefreshing: true,
	})
	m.MapAccessGenerate(generates.NewAccessGenerate())
	m.SetValidateURIHandler(validateLoopbackURI)
	tokenStore, err := store.NewMemoryTokenStore()
	if err != nil {
		return nil, fmt.Errorf("authserver: token store: %w", err)
	}
	m.MapTokenStorage(tokenStore)
	clients := store.NewClientStore()
	if err := clients.Set(opts.ClientID, &models.Client{ID: opts.ClientID, Domain: opts.RedirectURI, Public: true}); err != nil {
		return nil, fmt.Errorf("authserver: client store: %w", err)
	}
	m.MapClientStorage(clients)

	cfg := server.NewConfig()
	cfg.AllowedResponseTypes = []oauth2.ResponseType{oauth2.Code}
	cfg.AllowedGrantTypes = []oauth2.GrantType{oauth2.AuthorizationCode, oauth2.Refreshing, oauth2.PasswordCredentials}
	cfg.AllowedCodeChallengeMethods = []oauth2.CodeChallengeMethod{oauth2.CodeChallengeS256}
	cfg.ForcePKCE = true

	s := &Server{opts: opts, manager: m, oauth: server.NewServer(cfg, m), sessions: newSessions()}
	s.oauth.SetClientInfoHandler(clientInfo)
	s.oauth.SetUserAuthorizationHandler(s.authorizeUser)
	s.oauth.SetPasswordAuthorizationHandler(func(_ context.Context, _, username, password string) (string, error) {
		if s.validUser(username, password) {
			return username, nil
		}
		return "", oautherrors.ErrInvalidGrant
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("authserver: %w", err)
	}
	s.URL = "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("/authorize", s.handleAuthorize)
	mux.HandleFunc("/token", s.handleToken)
	mux.HandleFunc("/login", s.handleLogin)
	mux.HandleFunc("/consent", s.handleConsent)
	mux.HandleFunc("/userinfo", s.handleUserinfo)
	s.http = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.http.Serve(ln) }() // returns http.ErrServerClosed on Close
	return s, nil
}

func withDefaults(o Options) Options {
	if o.ClientID == "" {
		o.ClientID = "cli"
	}
	if o.RedirectURI == "" {
		o.RedirectURI = "http://127.0.0.1/callback"
	}
	if o.Username == "" {
		o.Username, o.Password = "alice", "wonderland"
	}
	if o.AccessTokenTTL == 0 {
		o.AccessTokenTTL = time.Hour
	}
	if o.RefreshTokenTTL == 0 {
		o.RefreshTokenTTL = 24 * time.Hour
	}
	return o
}

// Close stops the server and closes its connections.
func (s *Server) Close() error { return s.http.Close() }

// AuthURL and TokenURL are the endpoints for an oauth2.Endpoint.
func (s *Server) AuthURL() string  { return s.URL + "/authorize" }
func (s *Server) TokenURL() string { return s.URL + "/token" }

// TokenRequests returns the token requests seen so far, in order.
func (s *Server) TokenRequests() []TokenRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.tokens)
}

// AuthorizeRequests returns the authorization requests seen so far.
func (s *Server) AuthorizeRequests() []AuthorizeRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.authorize)
}

// RefreshTokenValid reports whether a refresh token is one the server
// would accept now: after a rotation the old one is not.
func (s *Server) RefreshTokenValid(ctx context.Context, refresh string) bool {
	_, err := s.manager.LoadRefreshToken(ctx, refresh)
	return err == nil
}

func (s *Server) validUser(username, password string) bool {
	u := subtle.ConstantTimeCompare([]byte(username), []byte(s.opts.Username))
	p := subtle.ConstantTimeCompare([]byte(password), []byte(s.opts.Password))
	return u&p == 1
}

func (s *Server) handleAuthorize(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet {
		ar := AuthorizeRequest{ClientID: r.FormValue("client_id"), RedirectURI: r.FormValue("redirect_uri")}
		if r.FormValue("code_challenge") != "" {
			ar.CodeChallengeMethod = r.FormValue("code_challenge_method")
		}
		s.mu.Lock()
		s.authorize = append(s.authorize, ar)
		s.mu.Unlock()
	}
	// Errors that cannot go back to a validated redirect URI (a missing
	// code_challenge, an unknown client) are shown to the user instead.
	if err := s.oauth.HandleAuthorizeRequest(w, r); err != nil {
		http.Error(w, "authorization request refused: "+err.Error(), http.StatusBadRequest)
	}
}

func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	clientID, _, _ := clientInfo(r)
	rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
	if err := s.oauth.HandleTokenRequest(rec, r); err != nil {
		http.Error(rec, err.Error(), http.StatusInternalServerError)
	}
	s.mu.Lock()
	s.tokens = append(s.tokens, TokenRequest{
		GrantType:    r.PostForm.Get("grant_type"),
		ClientID:     clientID,
		CodeVerifier: r.PostForm.Get("code_verifier") != "",
		Status:       rec.status,
	})
	s.mu.Unlock()
}

func (s *Server) handleUserinfo(w http.ResponseWriter, r *http.Request) {
	ti, err := s.oauth.ValidationBearerToken(r)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		http.Error(w, "invalid token", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"sub": ti.GetUserID()})
}

// clientInfo reads the client's credentials from HTTP Basic authentication
// or, for a public client, from the client_id form field.
func clientInfo(r *http.Request) (id, secret string, err error) {
	if id, secret, ok := r.BasicAuth(); ok {
		return id, secret, nil
	}
	if id := r.FormValue("client_id"); id != "" {
		return id, "", nil
	}
	return "", "", oautherrors.ErrInvalidClient
}

// validateLoopbackURI accepts a redirect URI that equals the registered
// one, except that for a loopback IP literal any port matches, as RFC 8252
// §7.3 asks of servers for native apps.
func validateLoopbackURI(registered, redirect string) error {
	reg, err := url.Parse(registered)
	if err != nil {
		return err
	}
	got, err := url.Parse(redirect)
	if err != nil {
		return oautherrors.ErrInvalidRedirectURI
	}
	loopback := false
	if ip := net.ParseIP(reg.Hostname()); ip != nil && ip.IsLoopback() {
		loopback = true
	}
	if got.Scheme != reg.Scheme || got.Hostname() != reg.Hostname() || got.Path != reg.Path ||
		got.Fragment != "" || (!loopback && got.Port() != reg.Port()) {
		return oautherrors.ErrInvalidRedirectURI
	}
	return nil
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}
