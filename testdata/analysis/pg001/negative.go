package pg001

import (
	"context"

	"golang.org/x/oauth2"
)

// Tokener is a user interface with a lookalike method name.
type Tokener interface {
	PasswordCredentialsToken(ctx context.Context, user, pass string) (*oauth2.Token, error)
}

type fake struct{}

func (fake) PasswordCredentialsToken(ctx context.Context, user, pass string) (*oauth2.Token, error) {
	return nil, nil
}

// Mentions of conf.PasswordCredentialsToken(ctx, user, pass) in comments
// are not findings.
func lookalikes(ctx context.Context, t Tokener, conf *oauth2.Config) {
	var f fake
	f.PasswordCredentialsToken(ctx, "svc", "secret")
	t.PasswordCredentialsToken(ctx, "svc", "secret")
	_ = "conf.PasswordCredentialsToken is deprecated here"
	_ = conf.AuthCodeURL("state", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
}
