// Package grants names the OAuth 2.0 grant types the company's services
// use. Declaring a constant is not a use: nothing here is reported.
package grants

const (
	AuthorizationCode = "authorization_code"
	ClientCredentials = "client_credentials"
	RefreshToken      = "refresh_token"
	// Password is the resource owner password credentials grant, kept for
	// the services that have not migrated yet.
	Password = "password"
)
