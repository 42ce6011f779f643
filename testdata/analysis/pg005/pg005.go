package pg005

import (
	"net/http"

	"github.com/go-oauth2/oauth2/v4"
	"github.com/go-oauth2/oauth2/v4/manage"
	"github.com/go-oauth2/oauth2/v4/server"
	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	fositeoauth2 "github.com/ory/fosite/handler/oauth2"
)

type tokenRequest struct {
	GrantType string `form:"grant_type"`
}

func token(w http.ResponseWriter, r *http.Request) {
	switch r.FormValue("grant_type") {
	case "authorization_code":
	case "password": // want `PG005: token endpoint serves grant_type=password, so clients collect user passwords; answer unsupported_grant_type`
		serve(w, r.FormValue("username"), r.FormValue("password"))
	}
}

func token2(w http.ResponseWriter, r *http.Request) {
	gt := r.PostFormValue("grant_type")
	if gt == "password" { // want `PG005: token endpoint serves grant_type=password`
		serve(w, r.PostFormValue("username"), r.PostFormValue("password"))
	}
	if r.Form.Get("grant_type") != "password" { // want `PG005`
		http.Error(w, "unsupported_grant_type", http.StatusBadRequest)
		return
	}
	serve(w, "", "")
}

func token3(req tokenRequest, grantType string) {
	if req.GrantType == "password" { // want `PG005`
		serve(nil, "", "")
	}
	switch {
	case grantType == "password": // want `PG005`
		serve(nil, "", "")
	}
	switch oauth2.GrantType(grantType) {
	case oauth2.PasswordCredentials: // want `PG005`
		serve(nil, "", "")
	}
}

// rejecting turns the password grant away: no finding.
func rejecting(w http.ResponseWriter, r *http.Request) {
	switch r.FormValue("grant_type") {
	case "password":
		http.Error(w, `{"error":"unsupported_grant_type"}`, http.StatusBadRequest)
		return
	}
	if r.FormValue("grant_type") == "password" {
		writeError(w, errUnsupportedGrantType)
		return
	}
	// A field named like a password is not a grant type.
	if r.FormValue("auth_method") == "password" {
		serve(w, "", "")
	}
}

type apiError string

const errUnsupportedGrantType apiError = "unsupported_grant_type"

func writeError(w http.ResponseWriter, e apiError) {}

func serve(w http.ResponseWriter, user, pass string) {}

func libraries(srv *server.Server, m *manage.Manager, cfg fosite.Configurator) {
	srv.SetPasswordAuthorizationHandler(nil)              // want `PG005: call to \(\*server.Server\).SetPasswordAuthorizationHandler makes a go-oauth2 token endpoint accept the password grant`
	m.SetPasswordTokenCfg(manage.DefaultPasswordTokenCfg) // want `PG005: call to \(\*manage.Manager\).SetPasswordTokenCfg`
	_ = compose.Compose(cfg, nil, nil,
		compose.OAuth2AuthorizeExplicitFactory,
		compose.OAuth2ResourceOwnerPasswordCredentialsFactory, // want `PG005: reference to compose.OAuth2ResourceOwnerPasswordCredentialsFactory makes a fosite token endpoint accept the password grant`
	)
	_ = &fositeoauth2.ResourceOwnerPasswordCredentialsGrantHandler{}                                                // want `PG005: use of oauth2.ResourceOwnerPasswordCredentialsGrantHandler is fosite's password grant handler`
	_ = &server.Config{AllowedGrantTypes: []oauth2.GrantType{oauth2.AuthorizationCode, oauth2.PasswordCredentials}} // want `PG002: grant-type list AllowedGrantTypes enables the password grant`
}

// docker's token server: the password branch serves the grant; the
// rejection sits on one error path only.
func nestedReject(w http.ResponseWriter, r *http.Request, ok bool) {
	switch r.PostFormValue("grant_type") {
	case "password": // want `PG005`
		if !ok {
			http.Error(w, "password grant type not supported", http.StatusBadRequest)
			return
		}
		serve(w, r.PostFormValue("username"), r.PostFormValue("password"))
	default:
		http.Error(w, "unsupported_grant_type", http.StatusBadRequest)
	}
}
