// Package oauth2 is a stub of github.com/ory/fosite/handler/oauth2 v0.49.0.
package oauth2

// ResourceOwnerPasswordCredentialsGrantHandler handles the password grant.
type ResourceOwnerPasswordCredentialsGrantHandler struct{}
