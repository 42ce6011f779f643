// Package tokens logs in to an OAuth 2.0 provider, the old way.
package tokens

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"strings"

	"golang.org/x/oauth2"
)

// The key before the retired host is on purpose: LSP columns count UTF-16
// units, and 🔑 is two of them and four bytes.
var keyLabel, tokenURL = "🔑", "https://api.getgo.com/oauth/v2/token"

var conf = &oauth2.Config{
	ClientID: "cli" + keyLabel,
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://authentication.logmeininc.com/oauth/authorize",
		TokenURL: tokenURL,
	},
}

// Login signs a user in with the password grant.
func Login(ctx context.Context) (*oauth2.Token, error) {
	user := os.Getenv("APP_USER")
	pass := os.Getenv("APP_PASSWORD")
	tok, err := conf.PasswordCredentialsToken(ctx, user, pass)
	if err != nil {
		return nil, err
	}
	return tok, nil
}

// Form posts the grant by hand.
func Form(user, pass string) (*http.Response, error) {
	return http.PostForm(conf.Endpoint.TokenURL, url.Values{
		"grant_type": {"password"},
		"username":   {user},
		"password":   {pass},
		"client_id":  {conf.ClientID},
	})
}

// Raw posts the grant as text.
func Raw(user, pass string) (*http.Response, error) {
	body := "grant_type=password&username=" + url.QueryEscape(user) + "&password=" + url.QueryEscape(pass)
	return http.Post(conf.Endpoint.TokenURL, "application/x-www-form-urlencoded", strings.NewReader(body))
}
