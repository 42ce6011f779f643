package tokens

import (
	"context"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
)

// Desktop signs in through MSAL with the user's password.
func Desktop(ctx context.Context, client public.Client, user, pass string) (string, error) {
	res, err := client.AcquireTokenByUsernamePassword(ctx, []string{"User.Read"}, user, pass)
	if err != nil {
		return "", err
	}
	return res.AccessToken, nil
}
