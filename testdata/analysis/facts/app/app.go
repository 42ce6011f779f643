// Package app calls the SDK the ways applications do.
package app

import (
	"context"

	"example.com/analysis/facts/wrap"
	"example.com/sdk"
)

func calls(ctx context.Context, c *sdk.Client, user, pass string) {
	_, _ = c.Login(ctx, user, pass)                               // want "PG008: call to sdk.\\(\\*Client\\).Login"
	login := c.Login                                              // want "PG008: reference to sdk.\\(\\*Client\\).Login"
	_, _ = login(ctx, user, pass)                                 // the method value was reported where it was taken
	_, _ = c.Machine(ctx)                                         // client credentials: no finding
	_, _ = c.Token(ctx, "password", user, pass)                   // want "PG008: passes the password grant to Token"
	_, _ = c.Token(ctx, "client_credentials", "", "")             // the wrapper with another grant: no finding
	src := &sdk.PasswordSource{Client: c, User: user, Pass: pass} // want "PG008: construction of sdk.PasswordSource"
	var ts interface{ Token() (*sdk.Token, error) } = src
	_, _ = ts.Token()                      // want "PG008: call to sdk.\\(\\*PasswordSource\\).Token"
	_, _ = wrap.SignIn(ctx, c, user, pass) // the module's own wrapper: reported once, inside it

	// An interface call whose dynamic type is known counts as a call.
	var auth authenticator = c
	_, _ = auth.Login(ctx, user, pass) // want "PG008: call to sdk.\\(\\*Client\\).Login"
	var other authenticator
	_, _ = other.Login(ctx, user, pass) // dynamic type unknown: no finding
}

// authenticator is the application's own view of the SDK client.
type authenticator interface {
	Login(ctx context.Context, user, pass string) (*sdk.Token, error)
}
