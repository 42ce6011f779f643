// Package oauth2shadow imports context as ctx, which every helper's
// parameter ctx would shadow: no helper is added, and the first fix is a
// marker.
package oauth2shadow

import (
	ctx "context"

	"golang.org/x/oauth2"
)

func login(c ctx.Context, conf *oauth2.Config, user, pass string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(c, user, pass) // want `PG001: call to`
}
