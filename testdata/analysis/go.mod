module example.com/analysis

go 1.26.0

require (
	github.com/Azure/azure-sdk-for-go/sdk/azidentity v1.15.0
	github.com/Azure/go-autorest/autorest/adal v0.9.24
	github.com/AzureAD/microsoft-authentication-library-for-go v1.10.1
	github.com/Nerzal/gocloak/v13 v13.9.0
	github.com/Nerzal/gocloak/v14 v14.0.0
	github.com/go-oauth2/oauth2/v4 v4.5.4
	github.com/openshift/osin v1.0.1
	github.com/ory/fosite v0.49.0
	golang.org/x/oauth2 v0.37.0
)

require (
	github.com/Azure/azure-sdk-for-go/sdk/azcore v1.23.3 // indirect
	github.com/Azure/azure-sdk-for-go/sdk/internal v1.13.0 // indirect
	github.com/Azure/go-autorest v14.2.0+incompatible // indirect
	github.com/Azure/go-autorest/autorest/date v0.3.0 // indirect
	github.com/Azure/go-autorest/logger v0.2.1 // indirect
	github.com/Azure/go-autorest/tracing v0.6.0 // indirect
	github.com/golang-jwt/jwt/v4 v4.5.0 // indirect
	github.com/golang-jwt/jwt/v5 v5.3.1 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/kylelemons/godebug v1.1.0 // indirect
	github.com/pborman/uuid v1.2.1 // indirect
	github.com/pkg/browser v0.0.0-20240102092130-5ac0b6a4141c // indirect
	golang.org/x/crypto v0.55.0 // indirect
	golang.org/x/net v0.58.0 // indirect
	golang.org/x/sync v0.22.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/text v0.41.0 // indirect
)

// gocloak is not served by the module proxy, and fosite's real module pulls
// in some 250 packages; both are replaced by stubs that declare the same
// package paths, types and signatures as the real releases.
replace (
	github.com/Nerzal/gocloak/v13 => ./stubs/gocloak13
	github.com/Nerzal/gocloak/v14 => ./stubs/gocloak14
	github.com/ory/fosite => ./stubs/fosite
)

// The SDK of the fact tests is a module of its own, as vendor SDKs are.
require example.com/sdk v0.0.0

replace example.com/sdk => ./sdkmod
