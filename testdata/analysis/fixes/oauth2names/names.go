// Package oauth2names already uses names of PG001's helpers.
package oauth2names

import (
	"context"

	"golang.org/x/oauth2"
)

// authCodeToken is the package's own, with another signature: the fix must
// not call it, and names its helper authCodeToken2.
func authCodeToken(user string) string { return user }

// deviceToken has the helper's signature: the device fix calls it and adds
// nothing.
func deviceToken(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
	return conf.DeviceAccessToken(ctx, nil)
}

// storedTokenFile is a type of the package's: the stored-token fix numbers
// its helpers (storedTokenSource2, storedTokenFile2).
type storedTokenFile struct{}

func login(ctx context.Context, conf *oauth2.Config, user, pass string) (*oauth2.Token, error) {
	_ = authCodeToken(user)
	return conf.PasswordCredentialsToken(ctx, user, pass) // want `PG001: call to`
}
