package flow_libs

import (
	"context"
	"fmt"

	"github.com/ory/fosite"
	"github.com/ory/fosite/compose"
	fositeoauth2 "github.com/ory/fosite/handler/oauth2"
)

// NewFositeProvider composes the provider of the customer portal.
func NewFositeProvider(cfg fosite.Configurator, store, strategy interface{}) fosite.OAuth2Provider {
	return compose.Compose(cfg, store, strategy,
		compose.OAuth2AuthorizeExplicitFactory,
		compose.OAuth2ResourceOwnerPasswordCredentialsFactory, // want "PG005"
	)
}

// tokenHandlers lists the token endpoint handlers of the support portal,
// which composes them by hand instead of through compose.Compose:
// constructing fosite's password handler is what enables the grant.
func tokenHandlers(ldap Verifier) []interface{} {
	return []interface{}{
		&ldapPasswordHandler{ldap: ldap},
		&fositeoauth2.ResourceOwnerPasswordCredentialsGrantHandler{}, // want "PG005"
	}
}

// DescribeHandlers names the handlers for the admin page.
func DescribeHandlers(ldap Verifier) []string {
	var names []string
	for _, h := range tokenHandlers(ldap) {
		names = append(names, describeHandler(h))
	}
	return names
}

// describeHandler names a handler for the admin page: a type assertion is
// a mention of the type, not a configuration (no finding).
func describeHandler(h interface{}) string {
	if _, ok := h.(*fositeoauth2.ResourceOwnerPasswordCredentialsGrantHandler); ok { // silent: a type assertion mentions the type, it does not enable the grant
		return "resource owner password credentials"
	}
	return fmt.Sprintf("%T", h)
}

// Verifier checks a user's password.
type Verifier interface {
	Verify(ctx context.Context, username, password string) error
}

// ldapPasswordHandler is a custom fosite token endpoint handler that
// serves the password grant against LDAP.
type ldapPasswordHandler struct {
	ldap Verifier
}

var _ fosite.TokenEndpointHandler = (*ldapPasswordHandler)(nil)

// CanHandleTokenEndpointRequest accepts the password grant.
func (h *ldapPasswordHandler) CanHandleTokenEndpointRequest(ctx context.Context, requester fosite.AccessRequester) bool {
	return requester.GetGrantTypes().ExactOne("password") // want "PG005"
}

// HandleTokenEndpointRequest checks the client and the user's password.
func (h *ldapPasswordHandler) HandleTokenEndpointRequest(ctx context.Context, requester fosite.AccessRequester) error {
	if !h.CanHandleTokenEndpointRequest(ctx, requester) {
		return fosite.ErrUnknownRequest
	}
	if !requester.GetClient().GetGrantTypes().Has("password") { // want "PG005"
		return fosite.ErrUnauthorizedClient.WithHint("The client is not allowed to use the password grant.")
	}
	form := requester.GetRequestForm()
	if err := h.ldap.Verify(ctx, form.Get("username"), form.Get("password")); err != nil {
		return fosite.ErrInvalidGrant.WithHint("Unable to authenticate the provided username and password credentials.")
	}
	for _, scope := range requester.GetRequestedScopes() {
		requester.GrantScope(scope)
	}
	return nil
}

// CanSkipClientAuth requires client authentication.
func (h *ldapPasswordHandler) CanSkipClientAuth(ctx context.Context, requester fosite.AccessRequester) bool {
	return false
}

// PopulateTokenEndpointResponse issues the token.
func (h *ldapPasswordHandler) PopulateTokenEndpointResponse(ctx context.Context, requester fosite.AccessRequester, responder fosite.AccessResponder) error {
	if !requester.GetGrantTypes().HasOneOf("password") { // want "PG005"
		return fosite.ErrUnknownRequest
	}
	responder.SetTokenType("bearer")
	return nil
}

// passwordGrantBlocker is registered first in the provider's handler list:
// it turns every password-grant request away.
type passwordGrantBlocker struct{}

func (passwordGrantBlocker) CanHandleTokenEndpointRequest(ctx context.Context, requester fosite.AccessRequester) bool {
	return requester.GetGrantTypes().Has("password") // silent: the handler exists to refuse the grant (HandleTokenEndpointRequest answers unsupported_grant_type)
}

func (passwordGrantBlocker) HandleTokenEndpointRequest(ctx context.Context, requester fosite.AccessRequester) error {
	if requester.GetGrantTypes().ExactOne("password") { // silent: the branch answers ErrUnsupportedGrantType
		return fosite.ErrUnsupportedGrantType.WithHint("The password grant was retired; use the authorization code flow with PKCE.")
	}
	return fosite.ErrUnknownRequest
}

func (passwordGrantBlocker) CanSkipClientAuth(ctx context.Context, requester fosite.AccessRequester) bool {
	return false
}

func (passwordGrantBlocker) PopulateTokenEndpointResponse(ctx context.Context, requester fosite.AccessRequester, responder fosite.AccessResponder) error {
	return fosite.ErrUnknownRequest
}

var _ fosite.TokenEndpointHandler = passwordGrantBlocker{}
