// Package flow_libs configures authorization servers built on libraries:
// go-oauth2 v4, osin and fosite. A library serves the password grant when
// it is switched on: a handler assigned, an allow-list that names it, a
// custom handler that accepts it.
package flow_libs

import (
	"context"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/go-oauth2/oauth2/v4"
	oauth2errors "github.com/go-oauth2/oauth2/v4/errors"
	"github.com/go-oauth2/oauth2/v4/manage"
	"github.com/go-oauth2/oauth2/v4/server"
)

// Directory checks employee credentials.
type Directory interface {
	Verify(ctx context.Context, username, password string) (userID string, err error)
}

// AuthServer is the intranet's OAuth server on go-oauth2.
type AuthServer struct {
	dir Directory
	srv *server.Server
}

// NewAuthServer builds the server. With NewDefaultServer the password
// grant is in the allowed list already; assigning the handler is the one
// line that makes the endpoint accept it.
func NewAuthServer(dir Directory, manager *manage.Manager) *AuthServer {
	a := &AuthServer{dir: dir}
	srv := server.NewDefaultServer(manager)
	srv.SetAllowGetAccessRequest(false)
	srv.SetClientInfoHandler(server.ClientFormHandler)
	srv.PasswordAuthorizationHandler = a.checkPassword // want "PG005"
	srv.SetInternalErrorHandler(func(err error) *oauth2errors.Response {
		log.Printf("oauth2 internal error: %v", err)
		return nil
	})
	a.srv = srv
	return a
}

func (a *AuthServer) checkPassword(ctx context.Context, clientID, username, password string) (string, error) {
	userID, err := a.dir.Verify(ctx, username, password)
	if err != nil {
		return "", oauth2errors.ErrAccessDenied
	}
	return userID, nil
}

// NewPartnerServer serves the partner API: its allow-list names the
// password grant.
func NewPartnerServer(manager *manage.Manager, verify server.PasswordAuthorizationHandler) *server.Server {
	srv := server.NewServer(server.NewConfig(), manager)
	srv.SetAllowedGrantType(oauth2.AuthorizationCode, oauth2.PasswordCredentials, oauth2.Refreshing) // want "PG005"
	srv.SetPasswordAuthorizationHandler(verify)                                                      // want "PG005"
	return srv
}

// NewManager configures token lifetimes; the password grant's tokens are
// configured only because the grant is served.
func NewManager() *manage.Manager {
	manager := manage.NewDefaultManager()
	manager.SetAuthorizeCodeTokenCfg(manage.DefaultAuthorizeCodeTokenCfg)
	manager.SetPasswordTokenCfg(&manage.Config{AccessTokenExp: 2 * time.Hour, RefreshTokenExp: 24 * time.Hour, IsGenerateRefresh: true}) // want "PG005"
	return manager
}

// NewKioskServer builds its Config by hand.
func NewKioskServer(manager *manage.Manager) *server.Server {
	cfg := server.NewConfig()
	cfg.AllowedGrantTypes = []oauth2.GrantType{oauth2.PasswordCredentials, oauth2.Refreshing} // want "PG002"
	cfg.ForcePKCE = false
	return server.NewServer(cfg, manager)
}

// NewModernServer serves only the authorization code grant with PKCE: no
// finding.
func NewModernServer(manager *manage.Manager) *server.Server {
	cfg := &server.Config{
		TokenType:                   "Bearer",
		AllowedResponseTypes:        []oauth2.ResponseType{oauth2.Code},
		AllowedGrantTypes:           []oauth2.GrantType{oauth2.AuthorizationCode, oauth2.Refreshing}, // silent: no password grant
		AllowedCodeChallengeMethods: []oauth2.CodeChallengeMethod{oauth2.CodeChallengeS256},
		ForcePKCE:                   true,
	}
	srv := server.NewServer(cfg, manager)
	srv.SetAllowedGrantType(oauth2.AuthorizationCode, oauth2.Refreshing) // silent: no password grant
	return srv
}

// NewLockedServer keeps NewDefaultServer but replaces the password handler
// with one that refuses every request.
func NewLockedServer(manager *manage.Manager) *server.Server {
	srv := server.NewDefaultServer(manager)
	srv.PasswordAuthorizationHandler = func(ctx context.Context, clientID, username, password string) (string, error) { // silent: the handler refuses the grant
		return "", oauth2errors.ErrUnsupportedGrantType
	}
	return srv
}

// HandleToken is the token endpoint.
func (a *AuthServer) HandleToken(w http.ResponseWriter, r *http.Request) {
	if err := a.srv.HandleTokenRequest(w, r); err != nil {
		if errors.Is(err, oauth2errors.ErrAccessDenied) {
			http.Error(w, "access denied", http.StatusForbidden)
			return
		}
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}
