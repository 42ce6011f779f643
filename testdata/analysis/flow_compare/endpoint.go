// Package flow_compare is a hand-written token endpoint that compares the
// request's grant_type with the password grant in every form Go allows.
package flow_compare

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// grantPassword is the server's name for the password grant.
const grantPassword = "password"

// legacyGrant is a package-level variable holding the password grant.
var legacyGrant = "password"

// Authenticator checks a user's password.
type Authenticator interface {
	Check(username, password string) (string, error)
}

// Endpoint is the token endpoint.
type Endpoint struct {
	auth Authenticator
	// supported is the set of grants the endpoint accepts, filled at
	// start-up from the feature flags.
	supported map[string]bool
}

// New builds the endpoint with the grants the deployment enables.
func New(auth Authenticator, legacyClients bool) *Endpoint {
	e := &Endpoint{auth: auth, supported: map[string]bool{"authorization_code": true, "refresh_token": true}}
	if legacyClients {
		// A map entry that turns the password grant on.
		e.supported[grantPassword] = true // want "PG005"
	}
	return e
}

// Token serves POST /token. The grant is compared with got/want names in
// an if with an init statement; the endpoint serves it when they are equal.
func (e *Endpoint) Token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	if !e.supported[r.Form.Get("grant_type")] {
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	if got, want := r.Form.Get("grant_type"), "password"; got != want { // want "PG005"
		e.otherGrants(w, r)
		return
	}
	userID, err := e.auth.Check(r.Form.Get("username"), r.Form.Get("password"))
	if err != nil {
		oauthError(w, http.StatusUnauthorized, "invalid_grant")
		return
	}
	writeToken(w, userID)
}

// otherGrants serves the rest; real clients send the grant in upper case,
// so the switch normalises it first.
func (e *Endpoint) otherGrants(w http.ResponseWriter, r *http.Request) {
	switch strings.ToLower(strings.TrimSpace(r.Form.Get("grant_type"))) {
	case "authorization_code":
		writeToken(w, "code-user")
	case legacyGrant: // want "PG005"
		userID, err := e.auth.Check(r.Form.Get("username"), r.Form.Get("password"))
		if err != nil {
			oauthError(w, http.StatusUnauthorized, "invalid_grant")
			return
		}
		writeToken(w, userID)
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
	}
}

// MobileToken is the mobile app's endpoint: the app sends "PASSWORD".
func (e *Endpoint) MobileToken(w http.ResponseWriter, r *http.Request) {
	switch r.PostFormValue("grant_type") {
	case "PASSWORD": // want "PG005"
		userID, err := e.auth.Check(r.PostFormValue("username"), r.PostFormValue("password"))
		if err != nil {
			oauthError(w, http.StatusUnauthorized, "invalid_grant")
			return
		}
		writeToken(w, userID)
	case "refresh_token":
		writeToken(w, "refreshed")
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
	}
}

// tokenRequest is the JSON body some clients post instead of a form.
type tokenRequest struct {
	Grant    string `json:"grant_type"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// JSONToken decodes a JSON token request; the grant goes through two local
// variables before it is compared.
func (e *Endpoint) JSONToken(w http.ResponseWriter, r *http.Request) {
	var req tokenRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	grant := strings.ToLower(req.Grant)
	kind := grant
	if kind == grantPassword { // want "PG005"
		userID, err := e.auth.Check(req.Username, req.Password)
		if err != nil {
			oauthError(w, http.StatusUnauthorized, "invalid_grant")
			return
		}
		writeToken(w, userID)
		return
	}
	oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
}

// isGrant is a helper that compares the request's grant with its
// parameter; it serves whatever grant its caller names.
func isGrant(r *http.Request, grant string) bool {
	return strings.EqualFold(r.PostFormValue("grant_type"), grant) // silent: a parameter, the caller decides
}

// PartnerToken serves the partner API through the helper.
func (e *Endpoint) PartnerToken(w http.ResponseWriter, r *http.Request) {
	switch {
	case isGrant(r, "client_credentials"): // silent: the helper is called with client_credentials
		writeToken(w, "partner-service")
	case isGrant(r, "password"): // want "PG005: .*isGrant"
		userID, err := e.auth.Check(r.PostFormValue("username"), r.PostFormValue("password"))
		if err != nil {
			oauthError(w, http.StatusUnauthorized, "invalid_grant")
			return
		}
		writeToken(w, userID)
	default:
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
	}
}

// StrictToken refuses the password grant in every form: no finding.
func (e *Endpoint) StrictToken(w http.ResponseWriter, r *http.Request) {
	if got := r.PostFormValue("grant_type"); strings.EqualFold(got, grantPassword) { // silent: the branch answers unsupported_grant_type
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	switch r.PostFormValue("grant_type") {
	case "PASSWORD", "password": // silent: the case refuses it
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type")
		return
	}
	e.Token(w, r)
}

func writeToken(w http.ResponseWriter, userID string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = fmt.Fprintf(w, `{"access_token":%q,"token_type":"Bearer","expires_in":3600}`, "at-"+userID)
}

func oauthError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code})
}
