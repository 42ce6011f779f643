package passwordgrant

import "strings"

// A Rule is one entry of the rule catalogue, the single source of truth for
// what a rule is called, says and weighs. Doc, the SARIF rules array, the
// allow directive's accepted IDs and the README's rule table all come from
// here (TestCatalogue checks the README against it). Its ID is stable:
// users cite it in suppressions and CI reports read it from
// Diagnostic.Category and SARIF.
type Rule struct {
	ID    string // "PG001"
	Name  string // short kebab-case name, e.g. "oauth2-password-credentials-token"
	Title string // one line: what the rule finds
	Help  string // why it matters and what to do instead

	// Before is code the rule reports and After the same code after the
	// rule's first fix (-fix). The README shows both, verbatim.
	Before, After string

	// Advice is the marker text of a finding that has no safe rewrite:
	// what to do instead, completing "TODO(passwordgrant): PGnnn ...".
	Advice string

	Level string   // SARIF level and editor severity: LevelError, LevelWarning or LevelNote
	Tags  []string // SARIF tags

	// Directive marks the rules about //passwordgrant: directives
	// themselves (PG9xx): an allow directive cannot name them.
	Directive bool
}

// Levels of a rule: how loudly a finding fails a gate. They are SARIF's
// level names; editors map them to diagnostic severities.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelNote    = "note"
)

// DocsBase is where the rule documentation lives; each rule has an anchor.
const DocsBase = "https://github.com/oauthlint/passwordgrant/blob/main/README.md"

// URL is the address of the rule's documentation.
func (r Rule) URL() string { return DocsBase + "#" + strings.ToLower(r.ID) }

// Rule IDs. They never change meaning; retired IDs are not reused.
const (
	PG001 = "PG001" // (*oauth2.Config).PasswordCredentialsToken
	PG002 = "PG002" // grant_type=password built as parameters
	PG003 = "PG003" // grant_type=password in request text
	PG004 = "PG004" // another library's password-grant API
	PG005 = "PG005" // server accepts the password grant
	PG006 = "PG006" // hard-coded refresh token
	PG007 = "PG007" // GoTo's retired OAuth host
	PG008 = "PG008" // calls an SDK function that uses the password grant
	PG901 = "PG901" // malformed allow directive
	PG902 = "PG902" // unused allow directive
)

const whyPasswordGrant = "The password grant hands the user's password to the client, " +
	"cannot do MFA or delegated accounts, and lets the user neither see nor refuse scopes. " +
	"RFC 9700 (OAuth 2.0 Security BCP) §2.4 says it MUST NOT be used, OAuth 2.1 removes it, " +
	"and providers are retiring it. Use the authorization code flow with PKCE once, " +
	"then refresh tokens: conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), " +
	"conf.Exchange(ctx, code, oauth2.VerifierOption(verifier)), conf.TokenSource(ctx, tok). " +
	"A refresh may return a new refresh token that replaces the old one: store it. " +
	"Refresh tokens expire; then a human signs in again."

// Tags of the rules, shared: Rules copies them out.
var (
	securityTags = []string{"security", "oauth2"}
	hygieneTags  = []string{"maintainability"}
)

// Advice shared by rules and their markers.
const (
	paramsAdvice  = "send grant_type=authorization_code with code, redirect_uri and code_verifier (PKCE) instead of username and password"
	libraryAdvice = "use the provider's authorization code flow with PKCE and refresh tokens"
	serverAdvice  = "answer unsupported_grant_type instead of serving the password grant"
	oauth2Advice  = "replace the password grant with the authorization code flow with PKCE and refresh tokens"
	refreshAdvice = "load the refresh token from your token store and save the replacement the token source returns"
	sdkAdvice     = "use the SDK's authorization code (PKCE) or device sign-in, or golang.org/x/oauth2 with AuthCodeURL and Exchange, and keep access with refresh tokens"
)

// catalogue is the rule table, in ID order. Rules hands out copies.
var catalogue = []Rule{
	{
		ID:     PG001,
		Name:   "oauth2-password-credentials-token",
		Title:  "golang.org/x/oauth2 Config.PasswordCredentialsToken uses the password grant",
		Help:   whyPasswordGrant,
		Before: "tok, err := conf.PasswordCredentialsToken(ctx, user, pass)",
		After:  "tok, err := authCodeToken(ctx, conf)",
		Advice: oauth2Advice,
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:     PG002,
		Name:   "password-grant-parameters",
		Title:  "grant_type=password built as request parameters",
		Help:   "Request parameters with grant_type=password (url.Values, maps, struct fields tagged grant_type, grant-type lists) send the user's password to the token endpoint. " + whyPasswordGrant,
		Before: `"grant_type": {"password"},`,
		After:  "// TODO(passwordgrant): PG002 " + paramsAdvice,
		Advice: paramsAdvice,
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:     PG003,
		Name:   "password-grant-text",
		Title:  "grant_type=password in a form body, URL query or JSON text",
		Help:   "A request body or query written as text that carries grant_type=password is the password grant. " + whyPasswordGrant,
		Before: `body := "grant_type=password&username=" + url.QueryEscape(user) + "&password=" + url.QueryEscape(pass) + "&scope=openid"`,
		After:  "// TODO(passwordgrant): PG003 " + paramsAdvice,
		Advice: paramsAdvice,
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:     PG004,
		Name:   "library-password-grant",
		Title:  "another library's password-grant API (MSAL, azidentity, gocloak, adal, ...)",
		Help:   "Username/password APIs of OAuth client libraries are the password grant under another name. Use the library's interactive, authorization code or device code flow. " + whyPasswordGrant,
		Before: "cred, err := azidentity.NewUsernamePasswordCredential(tenant, client, user, pass, nil)",
		After:  "// TODO(passwordgrant): PG004 use azidentity.NewInteractiveBrowserCredential or azidentity.NewDeviceCodeCredential, and a managed identity or workload identity for services",
		Advice: libraryAdvice,
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:     PG005,
		Name:   "server-accepts-password-grant",
		Title:  "a token endpoint accepts the password grant",
		Help:   "A token endpoint that serves grant_type=password invites clients to collect user passwords. Reject it with unsupported_grant_type and offer the authorization code grant with PKCE and refresh tokens.",
		Before: `case "password":`,
		After:  "// TODO(passwordgrant): PG005 " + serverAdvice,
		Advice: serverAdvice,
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:     PG006,
		Name:   "hard-coded-refresh-token",
		Title:  "a refresh token is hard-coded",
		Help:   "Refresh tokens rotate: an exchange may return a new refresh token and invalidate the old one, so a pinned token breaks on the next rotation, and it leaks a credential into source control. Load it from storage and store the replacement the token source returns.",
		Before: `return conf.TokenSource(ctx, &oauth2.Token{RefreshToken: "1//0pinned-refresh-token"})`,
		After:  "// TODO(passwordgrant): PG006 " + refreshAdvice,
		Advice: refreshAdvice,
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:     PG007,
		Name:   "goto-legacy-oauth-host",
		Title:  "GoTo's retired OAuth host api.getgo.com/oauth/v2",
		Help:   "GoTo replaced api.getgo.com/oauth/v2 with authentication.logmeininc.com/oauth (same paths after the prefix), and new GoTo clients cannot use the password grant at all.",
		Before: `TokenURL: "https://api.getgo.com/oauth/v2/token",`,
		After:  `TokenURL: "https://authentication.logmeininc.com/oauth/token",`,
		Advice: "use https://authentication.logmeininc.com/oauth (same path after the prefix)",
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:     PG008,
		Name:   "sdk-password-grant",
		Title:  "a call to another module's function that performs the password grant (with -deps)",
		Help:   "An SDK function that posts grant_type=password with the credentials you pass it is the password grant at your call site, whatever it is called (Login, Authenticate, NewClient(WithPassword(...))). Found through facts that follow the grant across packages; on with -deps. " + whyPasswordGrant,
		Before: "tok, err := client.Authenticate(ctx, user, pass)",
		After:  "// TODO(passwordgrant): PG008 " + sdkAdvice,
		Advice: sdkAdvice,
		Level:  LevelError,
		Tags:   securityTags,
	},
	{
		ID:        PG901,
		Name:      "malformed-allow-directive",
		Title:     "a //passwordgrant:allow directive without a reason or with an unknown rule ID",
		Help:      "Every exception must say why, e.g. //passwordgrant:allow PG001 system user svc-backup, no human behind it. A directive without a reason suppresses nothing.",
		Before:    "//passwordgrant:allow PG001",
		After:     "//passwordgrant:allow PG001 svc-backup is a system user; the provider has no migration for it yet",
		Level:     LevelWarning,
		Tags:      hygieneTags,
		Directive: true,
	},
	{
		ID:        PG902,
		Name:      "unused-allow-directive",
		Title:     "a //passwordgrant:allow directive that suppresses nothing",
		Help:      "An exception that no longer matches a finding hides nothing but misleads readers; remove it. Turn this report off with -report-unused=false.",
		Before:    "//passwordgrant:allow PG001 legacy system user (the call below was migrated)",
		Level:     LevelNote,
		Tags:      hygieneTags,
		Directive: true,
	},
}

// Rules returns the catalogue in ID order. It returns fresh copies so that
// callers cannot change the analyzer's view of it.
func Rules() []Rule {
	rules := make([]Rule, len(catalogue))
	for i, r := range catalogue {
		r.Tags = append([]string(nil), r.Tags...)
		rules[i] = r
	}
	return rules
}

// RuleByID looks a rule up in the catalogue.
func RuleByID(id string) (Rule, bool) {
	for _, r := range catalogue {
		if r.ID == id {
			r.Tags = append([]string(nil), r.Tags...)
			return r, true
		}
	}
	return Rule{}, false
}
