package flow_precision

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/go-oauth2/oauth2/v4"
	"github.com/go-oauth2/oauth2/v4/manage"
)

// tokenPolicy picks token lifetimes per grant, like go-oauth2's own
// manage.Manager.grantConfig: a lookup, not the endpoint's acceptance,
// which is decided elsewhere (Config.AllowedGrantTypes).
type tokenPolicy struct {
	code, password, client *manage.Config
}

func (p *tokenPolicy) grantConfig(gt oauth2.GrantType) *manage.Config {
	switch gt {
	case oauth2.AuthorizationCode:
		return p.code
	case oauth2.PasswordCredentials: // silent: a lifetime lookup keyed by grant, not a token endpoint
		return p.password
	case oauth2.ClientCredentials:
		return p.client
	}
	return &manage.Config{}
}

// blockedGrants are refused by the gateway in front of every token endpoint.
var blockedGrants = map[string]bool{
	"password": true, // silent: a blocklist, read only to refuse
	"implicit": true,
}

// passwordGrantFilter is middleware that refuses password-grant requests
// before they reach the identity provider.
func passwordGrantFilter(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/token") {
			if err := r.ParseForm(); err != nil {
				http.Error(w, "malformed form", http.StatusBadRequest)
				return
			}
			grant := strings.ToLower(r.PostForm.Get("grant_type"))
			if blockedGrants[grant] || grant == "password" { // silent: middleware refusing the grant
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_ = json.NewEncoder(w).Encode(map[string]string{
					"error":             "unsupported_grant_type",
					"error_description": "the password grant is disabled; use the authorization code flow with PKCE",
				})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// Gateway wraps the identity provider.
func Gateway(idp http.Handler) http.Handler { return passwordGrantFilter(idp) }
