// Package compose is a stub of github.com/ory/fosite/compose v0.49.0.
package compose

import "github.com/ory/fosite"

// Factory builds a handler.
type Factory func(config fosite.Configurator, storage interface{}, strategy interface{}) interface{}

// Compose builds a provider from factories.
func Compose(config fosite.Configurator, storage interface{}, strategy interface{}, factories ...Factory) fosite.OAuth2Provider {
	return nil
}

// OAuth2ResourceOwnerPasswordCredentialsFactory creates the password grant handler.
func OAuth2ResourceOwnerPasswordCredentialsFactory(config fosite.Configurator, storage interface{}, strategy interface{}) interface{} {
	return nil
}

// OAuth2AuthorizeExplicitFactory creates the authorization code grant handler.
func OAuth2AuthorizeExplicitFactory(config fosite.Configurator, storage interface{}, strategy interface{}) interface{} {
	return nil
}
