package passwordgrant

import (
	"go/types"
	"strconv"
	"strings"
)

// An api is a function, method or type whose mere use is a finding.
type api struct {
	rule    string
	name    string // display name, e.g. "azidentity.NewUsernamePasswordCredential"
	what    string // what it does, completing "<name> ..."
	instead string // what to use instead
}

const (
	msalInstead = "use the client's AcquireTokenInteractive (public) or AcquireTokenByAuthCode with PKCE, then AcquireTokenSilent, which refreshes from the cache"
	cloakLogin  = "logs in to Keycloak with the password grant"
	cloakInst   = "use the authorization code flow with PKCE against Keycloak (golang.org/x/oauth2 with the realm's endpoints) and refresh tokens (gocloak RefreshToken)"
)

// apis is the one table of known password-grant APIs, keyed by apiKey. Keys
// leave out the pointer star of receivers so that a method matches whether
// it is declared on T or *T.
var apis = func() map[string]api {
	m := map[string]api{
		"(golang.org/x/oauth2.Config).PasswordCredentialsToken": {PG001, "(*oauth2.Config).PasswordCredentialsToken",
			"uses the OAuth 2.0 password grant",
			"use the authorization code flow with PKCE (AuthCodeURL with oauth2.S256ChallengeOption, Exchange with oauth2.VerifierOption) and keep access with refresh tokens (Config.TokenSource)"},

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

		"github.com/ory/fosite/compose.OAuth2ResourceOwnerPasswordCredentialsFactory": {PG005, "compose.OAuth2ResourceOwnerPasswordCredentialsFactory",
			"makes a fosite token endpoint accept the password grant",
			"remove it from compose.Compose and offer compose.OAuth2AuthorizeExplicitFactory with compose.OAuth2PKCEFactory and compose.OAuth2RefreshTokenGrantFactory"},
		"github.com/ory/fosite/handler/oauth2.ResourceOwnerPasswordCredentialsGrantHandler": {PG005, "oauth2.ResourceOwnerPasswordCredentialsGrantHandler",
			"is fosite's password grant handler",
			"remove it and serve the authorization code grant with PKCE and refresh tokens"},
	}
	for _, p := range []string{"github.com/go-oauth2/oauth2/v4", "gopkg.in/oauth2.v3"} {
		m["("+p+"/server.Server).SetPasswordAuthorizationHandler"] = api{PG005, "(*server.Server).SetPasswordAuthorizationHandler",
			"makes a go-oauth2 token endpoint accept the password grant",
			"drop the handler, remove oauth2.PasswordCredentials from Config.AllowedGrantTypes, and serve the authorization code grant with PKCE (Config.ForcePKCE) and refresh tokens"}
		m["("+p+"/manage.Manager).SetPasswordTokenCfg"] = api{PG005, "(*manage.Manager).SetPasswordTokenCfg",
			"configures tokens for the password grant of a go-oauth2 server",
			"remove it and configure the authorization code grant (SetAuthorizeCodeTokenCfg) and refresh tokens instead"}
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
}()

// apiPackages holds the packages of the table, for the fast path.
var apiPackages = func() map[string]bool {
	m := map[string]bool{oauth2Path: true}
	for k := range apis {
		m[keyPackage(k)] = true
	}
	return m
}()

// apiNames holds the last name component of every table key, so that an
// identifier is looked up in the type information only when its name could
// be a match.
var apiNames = func() map[string]bool {
	m := make(map[string]bool)
	for k := range apis {
		m[lastName(k)] = true
	}
	return m
}()

func lastName(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }

// normalizeKey drops the receiver star, the form apis is keyed by.
func normalizeKey(key string) string { return strings.Replace(key, "(*", "(", 1) }

// apiKey names obj the way the apis table does: pkg/path.Func,
// (pkg/path.T).Method or pkg/path.Type, with vendor prefixes removed.
// Objects that no table can name (locals, interface-less builtins) give "".
func apiKey(obj types.Object) string {
	switch obj := obj.(type) {
	case *types.Func:
		if recv := obj.Signature().Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			named, ok := types.Unalias(t).(*types.Named)
			if !ok || named.Obj().Pkg() == nil {
				return ""
			}
			return "(" + trimVendor(named.Obj().Pkg().Path()) + "." + named.Origin().Obj().Name() + ")." + obj.Name()
		}
		if obj.Pkg() == nil {
			return ""
		}
		return trimVendor(obj.Pkg().Path()) + "." + obj.Name()
	case *types.TypeName:
		if obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
			return ""
		}
		return trimVendor(obj.Pkg().Path()) + "." + obj.Name()
	}
	return ""
}

// keyPackage is the package path of a table key or -funcs name.
func keyPackage(key string) string {
	key = strings.TrimPrefix(strings.TrimPrefix(key, "("), "*")
	if i := strings.IndexByte(key, ')'); i >= 0 {
		key = key[:i]
	}
	return key[:max(strings.LastIndexByte(key, '.'), 0)]
}
