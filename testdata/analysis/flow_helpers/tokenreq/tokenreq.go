// Package tokenreq builds token endpoint requests for every grant the
// company's services use. It serves several grants and sends whichever one
// its caller passes: the helper itself is not a use of the password grant;
// the caller that passes "password" is.
package tokenreq

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Form returns the form of a token request for grant. Username and
// password are sent only when given.
func Form(grant, username, password string) url.Values {
	form := url.Values{"grant_type": {grant}} // silent: the helper sends whatever grant its caller passes
	if username != "" {
		form.Set("username", username)
		form.Set("password", password)
	}
	return form
}

// Requester posts token requests to one token endpoint.
type Requester struct {
	TokenURL string
	ClientID string
	Secret   string
	HTTP     *http.Client
}

// Do posts a token request for grant with the extra parameters.
func (r *Requester) Do(ctx context.Context, grant string, extra url.Values) (*http.Response, error) {
	form := url.Values{}
	form.Set("grant_type", grant) // silent: a parameter, the caller decides
	for k, vs := range extra {
		for _, v := range vs {
			form.Add(k, v)
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, r.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("tokenreq: build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(r.ClientID, r.Secret)
	resp, err := r.HTTP.Do(req)
	if err != nil {
		return nil, fmt.Errorf("tokenreq: post %s: %w", r.TokenURL, err)
	}
	return resp, nil
}
