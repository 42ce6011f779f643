package oauth2fix

import (
	"context"
	"os"

	"golang.org/x/oauth2"
)

// Session embeds the config, so PasswordCredentialsToken is promoted.
type Session struct {
	oauth2.Config
}

func login(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
	user := os.Getenv("APP_USER")
	pass := os.Getenv("APP_PASSWORD")
	tok, err := conf.PasswordCredentialsToken(ctx, user, pass) // want `PG001: call to`
	return tok, err
}

func embedded(ctx context.Context, s *Session, user, pass string) (*oauth2.Token, error) {
	return s.PasswordCredentialsToken(ctx, user, pass) // want `PG001: call to`
}
