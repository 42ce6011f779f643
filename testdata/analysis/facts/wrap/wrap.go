// Package wrap is the application's own wrapper around the SDK, in the
// application's module.
package wrap

import (
	"context"

	"example.com/sdk"
)

// SignIn is where the application chooses the SDK's password grant:
// reported here, once.
func SignIn(ctx context.Context, c *sdk.Client, user, pass string) (*sdk.Token, error) { // want SignIn:"grant PG002 at form.go:11 via sdk.\\(\\*Client\\).Login"
	return c.Login(ctx, user, pass) // want "PG008: call to sdk.\\(\\*Client\\).Login, which performs the password grant with the caller's credentials \\(form.go:11\\)"
}
