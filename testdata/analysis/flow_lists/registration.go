package flow_lists

import (
	"context"
	"errors"
	"fmt"
)

// GrantType is the server's own enum of grant types.
type GrantType string

const (
	GrantAuthorizationCode GrantType = "authorization_code"
	GrantClientCredentials GrantType = "client_credentials"
	GrantRefreshToken      GrantType = "refresh_token"
	GrantPassword          GrantType = "password" // silent: declaring the enum is not enabling the grant
	GrantDeviceCode        GrantType = "urn:ietf:params:oauth:grant-type:device_code"
)

// ClientRegistration is a registered OAuth client (RFC 7591 fields).
type ClientRegistration struct {
	ClientID      string   `json:"client_id"`
	ClientName    string   `json:"client_name"`
	RedirectURIs  []string `json:"redirect_uris"`
	AllowedGrants []string `json:"grant_types"`
	Scope         string   `json:"scope"`
}

// firstPartyClient is the internal admin console's registration.
type firstPartyClient struct {
	ID    string
	Name  string
	Flows []GrantType // a typed list named neither GrantTypes nor grant_types
}

// Registry holds the registered clients.
type Registry struct {
	clients map[string]ClientRegistration
	console firstPartyClient
}

// SeedDefaults registers the built-in clients at first start.
func (r *Registry) SeedDefaults(ctx context.Context) error {
	if r.clients == nil {
		r.clients = make(map[string]ClientRegistration)
	}
	r.clients["cli"] = ClientRegistration{
		ClientID:      "cli",
		ClientName:    "Command-line tool",
		RedirectURIs:  []string{"http://127.0.0.1/callback"},
		AllowedGrants: []string{"authorization_code", "refresh_token", "password"}, // want "PG002"
		Scope:         "openid profile",
	}
	r.clients["exporter"] = ClientRegistration{
		ClientID:      "exporter",
		ClientName:    "Nightly exporter",
		AllowedGrants: []string{"client_credentials"}, // silent: no password grant
	}
	r.console = firstPartyClient{
		ID:    "admin-console",
		Name:  "Admin console",
		Flows: []GrantType{GrantAuthorizationCode, GrantPassword, GrantRefreshToken}, // want "PG002"
	}
	return ctx.Err()
}

// Register validates and stores a dynamic client registration.
func (r *Registry) Register(ctx context.Context, reg ClientRegistration) error {
	if reg.ClientID == "" {
		return errors.New("client_id is required")
	}
	for _, g := range reg.AllowedGrants {
		if GrantType(g) == GrantPassword { // silent: registration refuses the grant
			return fmt.Errorf("grant %q: %w", g, errPasswordGrantNotAllowed)
		}
	}
	r.clients[reg.ClientID] = reg
	return ctx.Err()
}

var errPasswordGrantNotAllowed = errors.New("the password grant is not allowed for new clients")
