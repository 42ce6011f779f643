// Package flow_iface is a Microsoft Graph client that hides MSAL behind
// its own interface, so that tests can swap it. The call through the
// interface is still MSAL's password grant: the method's parameter and
// option types say so.
package flow_iface

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// tokenAcquirer is the part of MSAL's public.Client the client uses.
type tokenAcquirer interface {
	AcquireTokenByUsernamePassword(ctx context.Context, scopes []string, username, password string, opts ...public.AcquireByUsernamePasswordOption) (public.AuthResult, error)
	AcquireTokenSilent(ctx context.Context, scopes []string, opts ...public.AcquireSilentOption) (public.AuthResult, error)
}

// GraphClient calls Microsoft Graph as a user.
type GraphClient struct {
	auth   tokenAcquirer
	scopes []string
}

// NewGraphClient builds the client on MSAL's public client.
func NewGraphClient(tenantID, clientID string) (*GraphClient, error) {
	pca, err := public.New(clientID, public.WithAuthority("https://login.microsoftonline.com/"+tenantID))
	if err != nil {
		return nil, fmt.Errorf("msal public client: %w", err)
	}
	return &GraphClient{auth: pca, scopes: []string{"https://graph.microsoft.com/.default"}}, nil
}

// Token returns a Graph token for the service account.
func (g *GraphClient) Token(ctx context.Context) (string, error) {
	user, pass := os.Getenv("GRAPH_USER"), os.Getenv("GRAPH_PASSWORD")
	if user == "" || pass == "" {
		return "", errors.New("GRAPH_USER and GRAPH_PASSWORD must be set")
	}
	// Through the package's own interface, implemented by public.Client.
	res, err := g.auth.AcquireTokenByUsernamePassword(ctx, g.scopes, user, pass) // want "PG004"
	if err != nil {
		return "", fmt.Errorf("acquire token for %s: %w", user, err)
	}
	return res.AccessToken, nil
}

// CachedToken uses only the silent flow through the same interface.
func (g *GraphClient) CachedToken(ctx context.Context) (string, error) {
	res, err := g.auth.AcquireTokenSilent(ctx, g.scopes) // silent: the silent flow is what the migration moves to
	if err != nil {
		return "", fmt.Errorf("acquire token silently: %w", err)
	}
	return res.AccessToken, nil
}

// ldapAuthenticator is the on-premises directory. Its method has the same
// name as MSAL's but none of MSAL's types: the name alone says nothing.
type ldapAuthenticator interface {
	AcquireTokenByUsernamePassword(ctx context.Context, username, password string) (string, error)
}

// DirectoryToken binds to LDAP.
func DirectoryToken(ctx context.Context, dir ldapAuthenticator, user, pass string) (string, error) {
	tok, err := dir.AcquireTokenByUsernamePassword(ctx, user, pass) // silent: not MSAL (no MSAL types in the signature)
	if err != nil {
		return "", fmt.Errorf("ldap bind: %w", err)
	}
	return tok, nil
}
