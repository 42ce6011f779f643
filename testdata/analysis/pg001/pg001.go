package pg001

import (
	"context"

	"golang.org/x/oauth2"
	o2 "golang.org/x/oauth2"
)

// Session embeds the config, so its methods are promoted.
type Session struct {
	*oauth2.Config
	user string
}

func login(ctx context.Context, conf *oauth2.Config, user, pass string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, user, pass) // want `PG001: call to \(\*oauth2.Config\).PasswordCredentialsToken uses the OAuth 2.0 password grant; use the authorization code flow with PKCE`
}

func forms(ctx context.Context, conf oauth2.Config, s *Session, pass string) {
	tok, err := conf.PasswordCredentialsToken(ctx, s.user, pass) // want `PG001: call to`
	_, _ = tok, err
	f := conf.PasswordCredentialsToken             // want `PG001: reference to`
	g := (*oauth2.Config).PasswordCredentialsToken // want `PG001: reference to`
	_, _ = f, g
	s.PasswordCredentialsToken(ctx, s.user, pass) // want `PG001: call to`
	var aliased o2.Config
	aliased.PasswordCredentialsToken(ctx, s.user, pass) // want `PG001: call to`
}
