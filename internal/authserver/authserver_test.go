package authserver

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

//passwordgrant:allow-file PG001 the unfixed client of the end-to-end test logs in with the password grant; this test checks the server still serves it

func start(t *testing.T) *Server {
	t.Helper()
	s, err := Start(Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func config(s *Server, redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:    "cli",
		Endpoint:    oauth2.Endpoint{AuthURL: s.AuthURL(), TokenURL: s.TokenURL()},
		RedirectURL: redirect,
		Scopes:      []string{"profile"},
	}
}

// catcher is the client's loopback redirect endpoint: it hands the query
// of the first redirect to the test.
func catcher(t *testing.T) (redirect string, got <-chan url.Values) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan url.Values, 1)
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case ch <- r.URL.Query():
		default:
		}
		w.Write([]byte("done"))
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/callback", ch
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// signIn runs the authorization code flow with PKCE as a native app does
// and returns the token.
func signIn(t *testing.T, s *Server) *oauth2.Token {
	t.Helper()
	redirect, got := catcher(t)
	conf := config(s, redirect)
	verifier := oauth2.GenerateVerifier()
	authURL := conf.AuthCodeURL("st4te", oauth2.S256ChallengeOption(verifier))
	land, err := s.Browser(true).SignIn(ctx(t), authURL)
	if err != nil {
		t.Fatal(err)
	}
	if land.Status != http.StatusOK || land.Body != "done" || land.Path != "/callback" {
		t.Fatalf("sign-in landed at %+v, want the client's redirect URI", land)
	}
	q := <-got
	if q.Get("state") != "st4te" || q.Get("code") == "" {
		t.Fatalf("redirect query has state %q and code %q", q.Get("state"), q.Get("code"))
	}
	tok, err := conf.Exchange(ctx(t), q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func userinfo(t *testing.T, s *Server, tok *oauth2.Token) (string, int) {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx(t), http.MethodGet, s.URL+"/userinfo", nil)
	tok.SetAuthHeader(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v struct{ Sub string }
	json.NewDecoder(resp.Body).Decode(&v)
	return v.Sub, resp.StatusCode
}

func grants(s *Server) []string {
	var g []string
	for _, r := range s.TokenRequests() {
		g = append(g, r.GrantType)
	}
	return g
}

func TestAuthCodeWithPKCE(t *testing.T) {
	s := start(t)
	tok := signIn(t, s)
	if sub, status := userinfo(t, s, tok); sub != "alice" || status != http.StatusOK {
		t.Errorf("userinfo = %q, %d; want alice, 200", sub, status)
	}
	reqs := s.TokenRequests()
	if len(reqs) != 1 || reqs[0].GrantType != "authorization_code" || !reqs[0].CodeVerifier || reqs[0].Status != http.StatusOK || reqs[0].ClientID != "cli" {
		t.Errorf("token requests = %+v, want one authorization_code with a code_verifier, answered 200", reqs)
	}
	ar := s.AuthorizeRequests()
	if len(ar) == 0 || ar[0].CodeChallengeMethod != "S256" {
		t.Errorf("authorize requests = %+v, want S256", ar)
	}
	if tok.RefreshToken == "" {
		t.Error("no refresh token")
	}
}

func TestPKCERequired(t *testing.T) {
	s := start(t)
	redirect, _ := catcher(t)
	conf := config(s, redirect)
	for name, opts := range map[string][]oauth2.AuthCodeOption{
		"none":  nil,
		"plain": {oauth2.SetAuthURLParam("code_challenge", oauth2.GenerateVerifier()), oauth2.SetAuthURLParam("code_challenge_method", "plain")},
	} {
		t.Run(name, func(t *testing.T) {
			land, err := s.Browser(true).SignIn(ctx(t), conf.AuthCodeURL("x", opts...))
			if err != nil {
				t.Fatal(err)
			}
			if land.Status != http.StatusBadRequest || !strings.Contains(land.Body, "refused") {
				t.Errorf("got %+v, want the server to refuse the request", land)
			}
		})
	}
}

func TestRefreshRotates(t *testing.T) {
	s := start(t)
	old := signIn(t, s)
	expired := *old
	expired.Expiry = time.Now().Add(-time.Hour)
	tok, err := config(s, "").TokenSource(ctx(t), &expired).Token()
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || tok.RefreshToken == old.RefreshToken || tok.AccessToken == old.AccessToken {
		t.Fatal("a refresh did not issue new tokens")
	}
	if s.RefreshTokenValid(ctx(t), old.RefreshToken) || !s.RefreshTokenValid(ctx(t), tok.RefreshToken) {
		t.Error("after a refresh, want the old refresh token invalid and the new one valid")
	}
	if _, status := userinfo(t, s, old); status != http.StatusUnauthorized {
		t.Errorf("old access token: status %d, want 401", status)
	}
	if sub, _ := userinfo(t, s, tok); sub != "alice" {
		t.Errorf("new access token: user %q", sub)
	}
	if _, err := config(s, "").TokenSource(ctx(t), &expired).Token(); err == nil {
		t.Error("the old refresh token still works")
	}
	// The failed refresh is sent twice: golang.org/x/oauth2 retries with
	// the client ID in the body when HTTP Basic authentication fails.
	if g := strings.Join(grants(s), " "); !strings.HasPrefix(g, "authorization_code refresh_token refresh_token") || strings.Contains(g, "password") {
		t.Errorf("grants = %s", g)
	}
}

func TestPasswordGrant(t *testing.T) {
	s := start(t)
	conf := config(s, "")
	tok, err := conf.PasswordCredentialsToken(ctx(t), "alice", "wonderland")
	if err != nil {
		t.Fatal(err)
	}
	if sub, _ := userinfo(t, s, tok); sub != "alice" {
		t.Errorf("userinfo = %q", sub)
	}
	if _, err := conf.PasswordCredentialsToken(ctx(t), "alice", "wrong"); err == nil {
		t.Error("a wrong password got a token")
	}
	if g := strings.Join(grants(s), " "); !strings.HasPrefix(g, "password") || strings.Contains(g, "authorization_code") {
		t.Errorf("grants = %s", g)
	}
}

func TestConsentDenied(t *testing.T) {
	s := start(t)
	redirect, got := catcher(t)
	conf := config(s, redirect)
	land, err := s.Browser(false).SignIn(ctx(t), conf.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())))
	if err != nil {
		t.Fatal(err)
	}
	q := <-got
	if land.Path != "/callback" || q.Get("error") != "access_denied" || q.Get("state") != "st" || q.Get("code") != "" {
		t.Errorf("landed at %+v with %v, want error=access_denied and the state", land, q)
	}
}

func TestWrongPasswordStaysOnLogin(t *testing.T) {
	s := start(t)
	redirect, _ := catcher(t)
	b := s.Browser(true)
	b.Password = "wrong"
	if land, err := b.SignIn(ctx(t), config(s, redirect).AuthCodeURL("x", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))); err == nil {
		t.Errorf("signed in with a wrong password: %+v", land)
	}
}

func TestValidateLoopbackURI(t *testing.T) {
	const reg = "http://127.0.0.1/callback"
	for _, tc := range []struct {
		uri string
		ok  bool
	}{
		{"http://127.0.0.1/callback", true},
		{"http://127.0.0.1:49152/callback", true},
		{"http://127.0.0.1:49152/other", false},
		{"https://127.0.0.1:49152/callback", false},
		{"http://localhost:49152/callback", false},
		{"http://127.0.0.1.evil.example/callback", false},
		{"http://127.0.0.1:1/callback#f", false},
	} {
		if err := validateLoopbackURI(reg, tc.uri); (err == nil) != tc.ok {
			t.Errorf("validateLoopbackURI(%q) = %v, want ok %v", tc.uri, err, tc.ok)
		}
	}
	if err := validateLoopbackURI("https://app.example/cb", "https://app.example:8443/cb"); err == nil {
		t.Error("a non-loopback redirect URI matched on another port")
	}
}
