// Package flow_lists is an authorization server's metadata and client
// registration code. Lists that hold "password" among other OAuth grant
// values advertise or allow the password grant, whatever the field that
// holds them is called; lists of other things that contain the word do not.
package flow_lists

import (
	"encoding/json"
	"net/http"
	"strings"
)

// ProviderMetadata is the RFC 8414 discovery document.
type ProviderMetadata struct {
	Issuer                 string   `json:"issuer"`
	AuthorizationEndpoint  string   `json:"authorization_endpoint"`
	TokenEndpoint          string   `json:"token_endpoint"`
	ResponseTypesSupported []string `json:"response_types_supported"`
	GrantTypesSupported    []string `json:"grant_types_supported"`
	CodeChallengeMethods   []string `json:"code_challenge_methods_supported"`
}

// legacyMetadata is the document of the old endpoint, still served to the
// mobile apps: its grant field is named by its tag only.
type legacyMetadata struct {
	Issuer string   `json:"issuer"`
	Grants []string `json:"grant_types_supported"`
}

// Server serves the discovery documents.
type Server struct {
	Issuer string
}

func (s *Server) metadata() ProviderMetadata {
	return ProviderMetadata{
		Issuer:                 s.Issuer,
		AuthorizationEndpoint:  s.Issuer + "/oauth2/authorize",
		TokenEndpoint:          s.Issuer + "/oauth2/token",
		ResponseTypesSupported: []string{"code"},
		// The field's name says grant types (GrantTypesSupported), but the
		// finding comes from what the list holds.
		GrantTypesSupported:  []string{"authorization_code", "refresh_token", "password"}, // want "PG002"
		CodeChallengeMethods: []string{"S256"},
	}
}

// ServeDiscovery answers /.well-known/oauth-authorization-server.
func (s *Server) ServeDiscovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, s.metadata())
}

// ServeLegacyDiscovery answers the old mobile endpoint.
func (s *Server) ServeLegacyDiscovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, legacyMetadata{
		Issuer: s.Issuer,
		Grants: []string{"authorization_code", "password"}, // want "PG002"
	})
}

// ServeOpenIDConfiguration writes the OpenID document as a map, the way
// the gateway assembles it from several services.
func (s *Server) ServeOpenIDConfiguration(w http.ResponseWriter, r *http.Request) {
	doc := map[string]any{
		"issuer":                   s.Issuer,
		"token_endpoint":           s.Issuer + "/oauth2/token",
		"response_types_supported": []string{"code", "id_token"},
		"grant_types_supported":    []string{"authorization_code", "password", "refresh_token"}, // want "PG002"
	}
	writeJSON(w, doc)
}

// supportedGrants is the list the token endpoint and the documents share:
// a plain variable whose name says nothing, judged by what it holds.
var supportedGrants = []string{
	"authorization_code",
	"client_credentials",
	"password", // want "PG002"
	"refresh_token",
}

// Grants reports the grants the server accepts.
func (s *Server) Grants() []string { return supportedGrants }

// passwordPolicyFields are the form fields of the password-change page: not
// grant values, though one of them is "password".
var passwordPolicyFields = []string{"current_password", "password", "password_confirmation"} // silent: form field names, not grants

// redactedParams are the request parameters masked in access logs. It holds
// "password" and "refresh_token" next to parameter names that are no grant
// (client_secret, access_token): a list of parameters, not of grants.
var redactedParams = []string{"password", "client_secret", "access_token", "refresh_token", "code_verifier"} // silent: parameter names to redact

// loginMethods are the ways a person signs in on the hosted login page.
var loginMethods = []string{"password", "webauthn", "totp", "sso"} // silent: login-page methods, not OAuth grants

// redact masks the values of secret parameters in a form before logging.
func redact(form map[string][]string) map[string][]string {
	out := make(map[string][]string, len(form))
	for k, v := range form {
		out[k] = v
		for _, p := range redactedParams {
			if strings.EqualFold(k, p) {
				out[k] = []string{"***"}
			}
		}
	}
	return out
}

// LoginMethods is served to the login page's script.
func LoginMethods() ([]string, []string) { return loginMethods, passwordPolicyFields }

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		http.Error(w, "encode: "+err.Error(), http.StatusInternalServerError)
	}
}
