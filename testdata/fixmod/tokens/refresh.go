package tokens

import (
	"context"
	"net/http"
	"net/url"

	"golang.org/x/oauth2"
)

// Refresh keeps a service going on a pinned refresh token.
func Refresh(ctx context.Context) oauth2.TokenSource {
	return conf.TokenSource(ctx, &oauth2.Token{RefreshToken: "1//0pinned-refresh-token"})
}

// Relogin signs in again with the password grant.
func Relogin(ctx context.Context, user, pass string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, user, pass)
}

// Setters builds the form with Set.
func Setters(user, pass string) url.Values {
	v := url.Values{}
	v.Set("grant_type", "password")
	v.Set("username", user)
	v.Set("password", pass)
	return v
}

// Serve is a token endpoint that still accepts the password grant.
func Serve(w http.ResponseWriter, r *http.Request) {
	switch r.FormValue("grant_type") {
	case "authorization_code":
		w.WriteHeader(http.StatusOK)
	case "password":
		w.WriteHeader(http.StatusOK)
	}
}
