package pg004

import (
	"context"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"github.com/Azure/go-autorest/autorest/adal"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential"
	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	gocloak13 "github.com/Nerzal/gocloak/v13"
	"github.com/Nerzal/gocloak/v14"
)

func msal(ctx context.Context, pca public.Client, cca confidential.Client, user, pass string) {
	pca.AcquireTokenByUsernamePassword(ctx, []string{"user.read"}, user, pass) // want `PG004: call to MSAL public.Client.AcquireTokenByUsernamePassword is MSAL's password grant \(ROPC\); use the client's AcquireTokenInteractive`
	cca.AcquireTokenByUsernamePassword(ctx, []string{"user.read"}, user, pass) // want `PG004: call to MSAL confidential.Client.AcquireTokenByUsernamePassword`
	pca.AcquireTokenInteractive(ctx, []string{"user.read"})
}

func azure(user, pass string) {
	cred, err := azidentity.NewUsernamePasswordCredential("tenant", "client", user, pass, nil) // want `PG004: call to azidentity.NewUsernamePasswordCredential is the password grant \(ROPC\)`
	_, _ = cred, err
	var oc adal.OAuthConfig
	adal.NewServicePrincipalTokenFromUsernamePassword(oc, "client", user, pass, "resource") // want `PG004: call to adal.NewServicePrincipalTokenFromUsernamePassword`
	_, _ = azidentity.NewDeviceCodeCredential(nil)
}

func keycloak(ctx context.Context, user, pass string) {
	c13 := gocloak13.NewClient("https://kc")
	c13.Login(ctx, "cli", "secret", "realm", user, pass)           // want `PG004: call to gocloak.GoCloak.Login logs in to Keycloak with the password grant`
	c13.LoginOtp(ctx, "cli", "secret", "realm", user, pass, "123") // want `PG004: call to gocloak.GoCloak.LoginOtp`
	c14 := gocloak.NewClient("https://kc")
	c14.LoginAdmin(ctx, user, pass, "master") // want `PG004: call to gocloak.GoCloak.LoginAdmin`
	login := c14.Login                        // want `PG004: reference to gocloak.GoCloak.Login`
	_ = login
	c14.LoginClient(ctx, "cli", "secret", "realm")
}
