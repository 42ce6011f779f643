package passwordgrant

import (
	"strconv"

	"golang.org/x/tools/go/analysis"
)

// PG004: other libraries' password-grant APIs (MSAL, azidentity, adal,
// gocloak) and the functions -funcs names. Found by their types.Func or
// types.TypeName, like PG001; the first fix is a marker naming the
// library's replacement, because another library's call cannot be
// rewritten in place safely.

const (
	msalInstead = "use the client's AcquireTokenInteractive (public) or AcquireTokenByAuthCode with PKCE, then AcquireTokenSilent, which refreshes from the cache"
	cloakLogin  = "logs in to Keycloak with the password grant"
	cloakInst   = "use the authorization code flow with PKCE against Keycloak (golang.org/x/oauth2 with the realm's endpoints) and refresh tokens (gocloak RefreshToken)"
)

// libraryAPIs are the table entries of PG004.
func libraryAPIs() map[string]api {
	m := map[string]api{
		"(github.com/AzureAD/microsoft-authentication-library-for-go/apps/public.Client).AcquireTokenByUsernamePassword": {PG004, "MSAL public.Client.AcquireTokenByUsernamePassword",
			"is MSAL's password grant (ROPC)", msalInstead},
		"(github.com/AzureAD/microsoft-authentication-library-for-go/apps/confidential.Client).AcquireTokenByUsernamePassword": {PG004, "MSAL confidential.Client.AcquireTokenByUsernamePassword",
			"is MSAL's password grant (ROPC)", "use AcquireTokenByAuthCode with PKCE (AuthCodeURL first), then AcquireTokenSilent, which refreshes from the cache"},
		"github.com/Azure/azure-sdk-for-go/sdk/azidentity.NewUsernamePasswordCredential": {PG004, "azidentity.NewUsernamePasswordCredential",
			"is the password grant (ROPC), which Microsoft Entra blocks for MFA accounts",
			"use azidentity.NewInteractiveBrowserCredential or azidentity.NewDeviceCodeCredential, and a managed identity or workload identity for services"},
		"github.com/Azure/go-autorest/autorest/adal.NewServicePrincipalTokenFromUsernamePassword": {PG004, "adal.NewServicePrincipalTokenFromUsernamePassword",
			"is the password grant (ROPC) in the retired go-autorest adal package",
			"move to azidentity.NewInteractiveBrowserCredential or azidentity.NewDeviceCodeCredential"},
	}
	// gocloak changed import path with every major version; v13 and v14 are
	// current, older ones are still vendored in the wild.
	for v := 8; v <= 14; v++ {
		p := "github.com/Nerzal/gocloak/v" + strconv.Itoa(v)
		m["("+p+".GoCloak).Login"] = api{PG004, "gocloak.GoCloak.Login", cloakLogin, cloakInst}
		m["("+p+".GoCloak).LoginAdmin"] = api{PG004, "gocloak.GoCloak.LoginAdmin", cloakLogin, cloakInst}
		m["("+p+".GoCloak).LoginOtp"] = api{PG004, "gocloak.GoCloak.LoginOtp", cloakLogin, cloakInst}
	}
	return m
}

// libraryUse reports a use of another library's password-grant API.
func (c *checker) libraryUse(u apiUse, a api) {
	f := &finding{rule: PG004, cur: u.cur, node: u.node, anchor: u.anchor, msg: u.message(a)}
	f.fixes = func(fx *fixer) []analysis.SuggestedFix { return fx.todo(f, a.instead) }
	c.add(f)
}
