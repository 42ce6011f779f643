// Package passwordgrant defines an analyzer that reports uses of the OAuth 2.0
// resource owner password credentials grant ("password grant", "direct
// login", ROPC) and helps move them to the authorization code flow with PKCE
// and refresh tokens.
package passwordgrant

// Doc is the analyzer's documentation, shown by the command's -help.
const Doc = `report uses of the OAuth 2.0 password grant

The password grant sends a user's name and password to the token endpoint
(grant_type=password). It cannot do MFA or delegated accounts, users cannot
see or refuse scopes, and the client handles the password. RFC 9700 §2.4
says it MUST NOT be used, and OAuth 2.1 removes it. This analyzer finds it:

    tok, err := conf.PasswordCredentialsToken(ctx, user, pass) // PG001

and suggests the authorization code flow with PKCE, after which refresh
tokens keep access going without the password:

    verifier := oauth2.GenerateVerifier()
    url := conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))
    // the user signs in once at url; the redirect brings back code
    tok, err := conf.Exchange(ctx, code, oauth2.VerifierOption(verifier))
    ts := conf.TokenSource(ctx, tok) // store tok; a refresh may replace it

Rules: PG001 (*oauth2.Config).PasswordCredentialsToken; PG002 grant_type=password
built as parameters; PG003 grant_type=password in request text; PG004 other
libraries' password-grant APIs; PG005 a token endpoint that accepts the
password grant; PG006 a hard-coded refresh token; PG007 GoTo's retired host
api.getgo.com/oauth/v2; PG008 (with -deps) a call of another module's
function that performs the password grant, found through facts.

A finding that must stay (a system user that is no person, an API without
the authorization code grant) is allowed with a stated reason:

    //passwordgrant:allow PG001 svc-backup is a system user; provider has no migration yet
`
