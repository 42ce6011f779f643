// Package fosite is a stub of github.com/ory/fosite v0.49.0 with the
// declarations passwordgrant's tests use.
package fosite

// Configurator is the fosite configuration.
type Configurator interface{}

// OAuth2Provider is a composed provider.
type OAuth2Provider interface{}
