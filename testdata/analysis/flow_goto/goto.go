// Package flow_goto is a GoTo (GoToMeeting / GoToWebinar) integration that
// builds its OAuth URLs from a base URL. GoTo retired the host's
// /oauth/v2 endpoints; the URLs built here are requests to them.
package flow_goto

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// legacyBase is the API host of the old integration.
const legacyBase = "https://api.getgo.com"

// apiBase is assigned once and never changed.
var apiBase = "https://api.getgo.com"

// newBase is the host that replaced it.
const newBase = "https://authentication.logmeininc.com"

// Integration posts to GoTo's token endpoint.
type Integration struct {
	ClientID string
	Secret   string
	HTTP     *http.Client
	// BaseURL comes from the customer's settings; nothing is known of it.
	BaseURL string
}

// tokenURL is built with fmt.Sprintf from the constant base.
func (in *Integration) tokenURL() string {
	return fmt.Sprintf("%s/oauth/v2/token", legacyBase) // want "PG007"
}

// authorizeURL is built with url.JoinPath from a local assigned once.
func (in *Integration) authorizeURL(state string) (string, error) {
	base := "https://api.getgo.com"
	u, err := url.JoinPath(base, "oauth/v2/authorize") // want "PG007"
	if err != nil {
		return "", fmt.Errorf("authorize URL: %w", err)
	}
	return u + "?response_type=code&client_id=" + url.QueryEscape(in.ClientID) + "&state=" + url.QueryEscape(state), nil
}

// revokeURL concatenates the package variable and the path.
func (in *Integration) revokeURL() string {
	return apiBase + "/oauth/v2/revoke" // want "PG007"
}

// legacyTokenURL concatenates the constant: one constant expression.
func (in *Integration) legacyTokenURL() string {
	return legacyBase + "/oauth/v2/token" // want "PG007"
}

// Exchange trades an authorization code for a token.
func (in *Integration) Exchange(ctx context.Context, code string) (*http.Response, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, in.tokenURL(), strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("goto token request: %w", err)
	}
	req.SetBasicAuth(in.ClientID, in.Secret)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return in.HTTP.Do(req)
}

// customerTokenURL uses the customer's configured base: nothing known.
func (in *Integration) customerTokenURL() string {
	return fmt.Sprintf("%s/oauth/v2/token", in.BaseURL) // silent: the base is not known to be GoTo's retired host
}

// currentTokenURL is built from the new host.
func (in *Integration) currentTokenURL() (string, error) {
	return url.JoinPath(newBase, "oauth/token") // silent: the new host
}

// apiURL builds a REST URL on the API host: not an OAuth endpoint.
func (in *Integration) apiURL(path string) string {
	return fmt.Sprintf("%s/G2M/rest/v2/%s", apiBase, path) // silent: the REST API, not the retired /oauth/v2 endpoints
}

// URLs lists the endpoints for the diagnostics page.
func (in *Integration) URLs() []string {
	a, _ := in.authorizeURL("diag")
	c, _ := in.currentTokenURL()
	return []string{in.tokenURL(), a, in.revokeURL(), in.legacyTokenURL(), in.customerTokenURL(), c, in.apiURL("meetings")}
}
