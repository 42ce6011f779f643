// Package gocloak is a stub of github.com/Nerzal/gocloak with the real
// release's signatures for the methods passwordgrant reports.
package gocloak

import "context"

// GoCloak is the Keycloak client.
type GoCloak struct{}

// JWT is a token response.
type JWT struct{ AccessToken, RefreshToken string }

// NewClient returns a client for the Keycloak server at basePath.
func NewClient(basePath string) *GoCloak { return &GoCloak{} }

// Login performs a login with user credentials and a client.
func (g *GoCloak) Login(ctx context.Context, clientID, clientSecret, realm, username, password string) (*JWT, error) {
	return nil, nil
}

// LoginAdmin performs a login with the admin client.
func (g *GoCloak) LoginAdmin(ctx context.Context, username, password, realm string) (*JWT, error) {
	return nil, nil
}

// LoginOtp performs a login with user credentials and an OTP.
func (g *GoCloak) LoginOtp(ctx context.Context, clientID, clientSecret, realm, username, password, totp string) (*JWT, error) {
	return nil, nil
}

// LoginClient performs a login with client credentials (not the password grant).
func (g *GoCloak) LoginClient(ctx context.Context, clientID, clientSecret, realm string, scopes ...string) (*JWT, error) {
	return nil, nil
}
