package passwordgrant

// The code that PG001's fixes add to a package, once, in place of the
// password grant: Go source with {name} placeholders. {context}, {oauth2},
// {json} and so on stand for the names by which the file refers to the
// helper's imports (the last element of each import path); {authCodeToken}
// and the other helper names stand for the names the helpers get, which
// differ only when the package already uses them for something else.
//
// Each helper works as generated: it builds, passes go vet, and does what
// its doc comment says, which the end-to-end test in cmd/passwordgrant
// checks against a real authorization server.

// helperSignIn is the first fix: the authorization code flow with PKCE on
// a loopback redirect, with the token stored and refreshed.
var helperSignIn = helper{
	names: []string{"authCodeToken", "authCodeSignIn", "authCodeTokenFile", "authCodeSaveToken"},
	imports: []string{"context", "crypto/sha256", "encoding/json", "errors", "fmt", "net",
		"net/http", "net/url", "os", "path/filepath", "time", oauth2Path},
	results: "*{oauth2}.Token, error",
	src: `
// {authCodeToken} signs the user in with the OAuth 2.0 authorization code
// flow with PKCE, which replaces the password grant: the user signs in at the
// provider, in a browser, and this program never sees the password. It keeps
// access with refresh tokens: the token is stored in the user's cache
// directory, and later calls refresh it instead of asking again.
//
// What the migration changes:
//   - A person must sign in at least once: the program prints a URL to open
//     in a browser and waits up to five minutes for the provider's redirect
//     to http://127.0.0.1:PORT/oauth2/callback (RFC 8252 §7.3; the path is
//     the config's RedirectURL's, if it has one). The provider must allow
//     that redirect URI, on any port, for this client; the config's
//     Endpoint.AuthURL must be set.
//   - Refresh tokens rotate: a refresh may return a new refresh token and
//     invalidate the old one. Every new token is stored; if several machines
//     or processes share one stored token, give them the new one (or let
//     each sign in).
//   - Refresh tokens expire or are revoked; then the user signs in again.
func {authCodeToken}(ctx {context}.Context, conf *{oauth2}.Config) (*{oauth2}.Token, error) {
	file := {authCodeTokenFile}(conf)
	var stored, tok *{oauth2}.Token
	if b, err := {os}.ReadFile(file); err == nil && {json}.Unmarshal(b, &stored) == nil && stored != nil && (stored.Valid() || stored.RefreshToken != "") {
		// The token source refreshes an expired access token. When the
		// provider refuses the refresh token, the user signs in again.
		var refused *{oauth2}.RetrieveError
		tok, err = conf.TokenSource(ctx, stored).Token()
		if err != nil && !{errors}.As(err, &refused) {
			return nil, {fmt}.Errorf("refreshing the OAuth 2.0 token stored in %s: %w", file, err)
		}
	}
	if tok == nil {
		var err error
		if tok, err = {authCodeSignIn}(ctx, conf); err != nil {
			return nil, err
		}
	}
	if stored == nil || tok.AccessToken != stored.AccessToken || tok.RefreshToken != stored.RefreshToken {
		if err := {authCodeSaveToken}(file, tok); err != nil {
			{fmt}.Fprintf({os}.Stderr, "warning: %v; the next run asks to sign in again\n", err)
		}
	}
	return tok, nil
}

// {authCodeSignIn} runs the authorization code flow with PKCE for a program
// on the user's machine: it prints the provider's sign-in URL, receives the
// redirect on a loopback port and exchanges the code.
func {authCodeSignIn}(ctx {context}.Context, conf *{oauth2}.Config) (*{oauth2}.Token, error) {
	ctx, cancel := {context}.WithTimeout(ctx, 5*{time}.Minute)
	defer cancel()
	ln, err := {net}.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, {fmt}.Errorf("sign-in: listening for the redirect: %w", err)
	}
	callback := "/oauth2/callback"
	if u, err := {url}.Parse(conf.RedirectURL); err == nil && u.Path != "" {
		callback = u.Path // the path registered with the provider
	}
	// A copy of the config, with the loopback redirect URI on this port.
	lc := &{oauth2}.Config{
		ClientID:     conf.ClientID,
		ClientSecret: conf.ClientSecret,
		Endpoint:     conf.Endpoint,
		Scopes:       conf.Scopes,
		RedirectURL:  "http://" + ln.Addr().String() + callback,
	}
	verifier := {oauth2}.GenerateVerifier()
	state := {oauth2}.GenerateVerifier() // random, like the verifier

	type result struct {
		code string
		err  error
	}
	results := make(chan result, 1)
	srv := &{http}.Server{
		ReadHeaderTimeout: 10 * {time}.Second,
		Handler: {http}.HandlerFunc(func(w {http}.ResponseWriter, r *{http}.Request) {
			q := r.URL.Query()
			if r.URL.Path != callback || q.Get("state") != state {
				// Not the answer to this sign-in: a stale page, or another program.
				{http}.Error(w, "Unknown sign-in request.", {http}.StatusBadRequest)
				return
			}
			res := result{code: q.Get("code")}
			switch {
			case q.Get("error") != "":
				res.err = {fmt}.Errorf("sign-in refused by the provider: %s %s", q.Get("error"), q.Get("error_description"))
			case res.code == "":
				res.err = {errors}.New("sign-in: the provider's redirect has no code")
			}
			if res.err != nil {
				{http}.Error(w, "Sign-in failed. You can close this window.", {http}.StatusForbidden)
			} else {
				{fmt}.Fprintln(w, "Signed in. You can close this window.")
			}
			_ = {http}.NewResponseController(w).Flush() // before the server closes
			select {
			case results <- res:
			default: // a second redirect: the first one counts
			}
		}),
	}
	go func() { _ = srv.Serve(ln) }() // ends when srv closes
	defer srv.Close()

	{fmt}.Fprintf({os}.Stderr, "To sign in, open this URL in your browser:\n\n\t%s\n\n", lc.AuthCodeURL(state, {oauth2}.S256ChallengeOption(verifier)))
	select {
	case <-ctx.Done():
		return nil, {fmt}.Errorf("sign-in: no redirect from the browser: %w", ctx.Err())
	case res := <-results:
		if res.err != nil {
			return nil, res.err
		}
		tok, err := lc.Exchange(ctx, res.code, {oauth2}.VerifierOption(verifier))
		if err != nil {
			return nil, {fmt}.Errorf("sign-in: exchanging the authorization code: %w", err)
		}
		return tok, nil
	}
}

// {authCodeTokenFile} returns the file that stores the token of the config's
// client, provider and scopes in the user's cache directory, or "" when the
// user has none.
func {authCodeTokenFile}(conf *{oauth2}.Config) string {
	dir, err := {os}.UserCacheDir()
	if err != nil {
		return ""
	}
	key := {sha256}.Sum256([]byte({fmt}.Sprintf("%q %q %q", conf.ClientID, conf.Endpoint.TokenURL, conf.Scopes)))
	return {filepath}.Join(dir, "oauth2-tokens", {fmt}.Sprintf("%x.json", key[:8]))
}

// {authCodeSaveToken} stores tok in file, readable by the user only. It
// replaces the file in one step, so that no reader sees half a token.
func {authCodeSaveToken}(file string, tok *{oauth2}.Token) error {
	if file == "" {
		return {errors}.New("no cache directory to store the OAuth 2.0 token in")
	}
	b, err := {json}.Marshal(tok)
	if err != nil {
		return err
	}
	dir := {filepath}.Dir(file)
	if err := {os}.MkdirAll(dir, 0o700); err != nil {
		return {fmt}.Errorf("storing the OAuth 2.0 token: %w", err)
	}
	tmp, err := {os}.CreateTemp(dir, ".token-*")
	if err != nil {
		return {fmt}.Errorf("storing the OAuth 2.0 token: %w", err)
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = {os}.Rename(tmp.Name(), file)
	}
	if err != nil {
		_ = {os}.Remove(tmp.Name())
		return {fmt}.Errorf("storing the OAuth 2.0 token: %w", err)
	}
	return nil
}
`,
}

// helperStoredToken is the alternative for background services: a token
// source over a token file that stores every token a refresh returns.
var helperStoredToken = helper{
	names:   []string{"storedTokenSource", "storedTokenFile"},
	imports: []string{"context", "encoding/json", "errors", "fmt", "os", "path/filepath", "sync", oauth2Path},
	results: "{oauth2}.TokenSource",
	src: `
// {storedTokenSource} returns the token source of a background service, which
// has no person at hand to sign in. It reads the token of one sign-in with
// the authorization code flow (an oauth2.Token as JSON) from the file named
// by the environment variable OAUTH2_TOKEN_FILE, refreshes it when it
// expires, and stores every new token back in the file.
//
// What the migration changes:
//   - A person must sign in once, elsewhere, and put the token in the file.
//   - Refresh tokens rotate: a refresh may return a new refresh token and
//     invalidate the old one, which is why every new token is stored. Only
//     one process may use the file; if copies of it are shared, give each the
//     new token after a refresh (or let each instance sign in once).
//   - Refresh tokens expire or are revoked; then a person signs in again and
//     replaces the file.
func {storedTokenSource}(ctx {context}.Context, conf *{oauth2}.Config) {oauth2}.TokenSource {
	return &{storedTokenFile}{ctx: ctx, conf: conf, file: {os}.Getenv("OAUTH2_TOKEN_FILE")}
}

// {storedTokenFile} is the token source of {storedTokenSource}.
type {storedTokenFile} struct {
	ctx  {context}.Context
	conf *{oauth2}.Config
	file string

	mu    {sync}.Mutex
	src   {oauth2}.TokenSource // nil until the file is read
	saved *{oauth2}.Token      // the token in the file
}

// Token returns a valid token, refreshed and stored when it had expired.
func (s *{storedTokenFile}) Token() (*{oauth2}.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.src == nil {
		if s.file == "" {
			return nil, {errors}.New("OAUTH2_TOKEN_FILE is not set: it names the file with the OAuth 2.0 token of one sign-in")
		}
		b, err := {os}.ReadFile(s.file)
		if err != nil {
			return nil, {fmt}.Errorf("reading the OAuth 2.0 token: %w", err)
		}
		var saved {oauth2}.Token
		if err := {json}.Unmarshal(b, &saved); err != nil {
			return nil, {fmt}.Errorf("reading the OAuth 2.0 token in %s: %w", s.file, err)
		}
		s.saved = &saved
		s.src = s.conf.TokenSource(s.ctx, s.saved)
	}
	tok, err := s.src.Token()
	if err != nil {
		return nil, {fmt}.Errorf("refreshing the OAuth 2.0 token in %s (when the refresh token has expired, a person must sign in again): %w", s.file, err)
	}
	if tok.AccessToken == s.saved.AccessToken && tok.RefreshToken == s.saved.RefreshToken {
		return tok, nil
	}
	// A new token, maybe with a new refresh token that replaces the stored
	// one: store it before using it, in one step.
	b, err := {json}.Marshal(tok)
	if err != nil {
		return nil, err
	}
	tmp, err := {os}.CreateTemp({filepath}.Dir(s.file), ".token-*")
	if err != nil {
		return nil, {fmt}.Errorf("storing the refreshed OAuth 2.0 token: %w", err)
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = {os}.Rename(tmp.Name(), s.file)
	}
	if err != nil {
		_ = {os}.Remove(tmp.Name())
		return nil, {fmt}.Errorf("storing the refreshed OAuth 2.0 token: %w", err)
	}
	s.saved = tok
	return tok, nil
}
`,
}

// helperDevice is the alternative for programs without a browser.
var helperDevice = helper{
	names:   []string{"deviceToken"},
	imports: []string{"context", "fmt", "os", oauth2Path},
	results: "*{oauth2}.Token, error",
	src: `
// {deviceToken} signs the user in with the device authorization grant
// (RFC 8628), for programs without a browser: the user enters a code on
// another device. The config's Endpoint.DeviceAuthURL must be set. Keep the
// token and refresh it with conf.TokenSource(ctx, tok), storing every new
// refresh token it returns.
func {deviceToken}(ctx {context}.Context, conf *{oauth2}.Config) (*{oauth2}.Token, error) {
	da, err := conf.DeviceAuth(ctx)
	if err != nil {
		return nil, err
	}
	// TODO(passwordgrant): show this to the user the way your program talks to them.
	{fmt}.Fprintf({os}.Stderr, "To sign in, visit %s and enter the code %s\n", da.VerificationURI, da.UserCode)
	return conf.DeviceAccessToken(ctx, da)
}
`,
}
