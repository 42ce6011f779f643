package fosite

import (
	"context"
	"net/url"
)

// The declarations below are a subset of github.com/ory/fosite v0.49.0
// (client.go, oauth2.go, handler.go), with the real signatures of the
// methods they keep.

// Client represents a client or an app.
type Client interface {
	GetID() string
	GetHashedSecret() []byte
	GetRedirectURIs() []string
	GetGrantTypes() Arguments
	GetResponseTypes() Arguments
	GetScopes() Arguments
	IsPublic() bool
	GetAudience() Arguments
}

// Requester is an abstract interface for handling requests in Fosite.
type Requester interface {
	GetID() string
	GetClient() (client Client)
	GetRequestedScopes() (scopes Arguments)
	GrantScope(scope string)
	GetRequestForm() url.Values
}

// AccessRequester is a token endpoint's request context.
type AccessRequester interface {
	// GetGrantTypes returns the requests grant type.
	GetGrantTypes() (types Arguments)

	Requester
}

// AccessResponder is a token endpoint's response.
type AccessResponder interface {
	SetExtra(key string, value interface{})
	SetAccessToken(token string)
	SetTokenType(tokenType string)
}

// TokenEndpointHandler is the interface every token endpoint handler
// implements.
type TokenEndpointHandler interface {
	PopulateTokenEndpointResponse(ctx context.Context, requester AccessRequester, responder AccessResponder) error
	HandleTokenEndpointRequest(ctx context.Context, requester AccessRequester) error
	CanSkipClientAuth(ctx context.Context, requester AccessRequester) bool
	CanHandleTokenEndpointRequest(ctx context.Context, requester AccessRequester) bool
}
