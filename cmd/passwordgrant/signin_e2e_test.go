package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/oauthlint/passwordgrant/internal/authserver"
)

// TestFixSignsInWithAuthCode proves PG001's first fix on a program that
// works with the password grant: after passwordgrant -fix, the program
// builds, vets, and signs in through the authorization code grant with
// PKCE against a real authorization server (github.com/go-oauth2/oauth2/v4,
// in-process on 127.0.0.1, the password grant enabled there too), with a
// scripted user agent in place of the person at the browser. A second run
// refreshes the expired token and stores the rotated refresh token; the
// server never sees the password grant again.
func TestFixSignsInWithAuthCode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds an example module twice and runs it against an authorization server")
	}
	srv, err := authserver.Start(authserver.Options{RedirectURI: "http://127.0.0.1/oauth2/callback"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	mod := t.TempDir()
	if err := os.CopyFS(mod, os.DirFS(filepath.Join("..", "..", "testdata", "loginmod"))); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir() // the user's cache directory, where the fixed program stores its token
	prog := loginProgram{srv: srv, cache: cache}

	// Before: the program works, with the password grant.
	prog.bin = loginBuild(t, mod, "before")
	if out := prog.run(t, nil); !strings.HasPrefix(out, "signed in as alice ") {
		t.Fatalf("before the fix: output %q, want signed in as alice", out)
	}
	if g := grantsSince(srv, 0); len(g) != 1 || g[0].GrantType != "password" || g[0].Status != 200 {
		t.Fatalf("before the fix: token requests %+v, want one password grant", g)
	}
	fixedAt := len(srv.TokenRequests())

	// The fix, as a user runs it; then the module builds and vets.
	if o := run(t, mod, tool, "-fix", "./..."); o.code != 0 {
		t.Fatalf("passwordgrant -fix: %v", o)
	}
	src, err := os.ReadFile(filepath.Join(mod, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(src, []byte("PasswordCredentialsToken")) || !bytes.Contains(src, []byte("return authCodeToken(ctx, conf)")) {
		t.Fatalf("-fix did not replace the password grant with authCodeToken:\n%s", src)
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		if o := run(t, mod, "go", args...); o.code != 0 {
			t.Fatalf("go %s on the fixed module: %v\n%s", strings.Join(args, " "), o, src)
		}
	}
	if o := run(t, mod, tool, "./..."); o.code != 0 {
		t.Errorf("findings left after -fix: %v", o)
	}
	prog.bin = loginBuild(t, mod, "after")

	// First run: no stored token, so the user signs in at the browser.
	start := time.Now()
	if out := prog.run(t, srv.Browser(true)); !strings.HasPrefix(out, "signed in as alice (Bearer token, refresh token: true)") {
		t.Fatalf("first run after the fix: output %q", out)
	}
	t.Logf("first run, sign-in at the browser: %v", time.Since(start).Round(time.Millisecond))
	g := grantsSince(srv, fixedAt)
	if len(g) != 1 || g[0].GrantType != "authorization_code" || !g[0].CodeVerifier || g[0].Status != 200 {
		t.Fatalf("first run: token requests %+v, want one authorization_code grant with a PKCE code_verifier", g)
	}
	if ar := srv.AuthorizeRequests(); len(ar) == 0 || ar[0].CodeChallengeMethod != "S256" || !strings.HasPrefix(ar[0].RedirectURI, "http://127.0.0.1:") {
		t.Fatalf("authorization requests %+v, want an S256 code challenge and a loopback redirect URI", ar)
	}
	first := prog.stored(t)
	if first.RefreshToken == "" || !srv.RefreshTokenValid(t.Context(), first.RefreshToken) {
		t.Fatal("first run: no valid refresh token stored")
	}

	// Second run: the stored access token has expired. The program
	// refreshes it without the browser and stores the rotated refresh token.
	prog.age(t)
	authorized := len(srv.AuthorizeRequests())
	start = time.Now()
	if out := prog.run(t, nil); !strings.HasPrefix(out, "signed in as alice ") {
		t.Fatalf("second run: output %q", out)
	}
	t.Logf("second run, refresh: %v", time.Since(start).Round(time.Millisecond))
	if g := grantsSince(srv, fixedAt+1); len(g) != 1 || g[0].GrantType != "refresh_token" || g[0].Status != 200 {
		t.Fatalf("second run: token requests %+v, want one refresh", g)
	}
	if n := len(srv.AuthorizeRequests()); n != authorized {
		t.Errorf("second run: %d new authorization requests, want none", n-authorized)
	}
	second := prog.stored(t)
	switch {
	case second.RefreshToken == first.RefreshToken:
		t.Error("second run: the stored refresh token did not change; the server rotates it")
	case srv.RefreshTokenValid(t.Context(), first.RefreshToken):
		t.Error("the server still accepts the first refresh token: no rotation to prove")
	case !srv.RefreshTokenValid(t.Context(), second.RefreshToken):
		t.Error("second run: the stored refresh token is not the server's current one")
	case second.AccessToken == first.AccessToken || !second.Expiry.After(time.Now()):
		t.Error("second run: the stored access token is not the refreshed one")
	}

	// After the fix, the server never saw the password grant.
	for _, r := range grantsSince(srv, fixedAt) {
		if r.GrantType == "password" {
			t.Errorf("the fixed program sent a password grant request: %+v", r)
		}
	}

	// A user who denies consent gets the provider's error, and no token.
	denied := loginProgram{srv: srv, cache: t.TempDir(), bin: prog.bin}
	out, stderr, err := denied.exec(t, srv.Browser(false))
	if err == nil || !strings.Contains(stderr, "access_denied") || out != "" {
		t.Errorf("consent denied: err %v, stdout %q, stderr %q; want a failure naming access_denied", err, out, stderr)
	}
	if files, _ := filepath.Glob(filepath.Join(denied.cache, "*", "*")); len(files) != 0 {
		t.Errorf("consent denied: stored %v", files)
	}
}

// A loginProgram is the example program, built, with the environment it runs in.
type loginProgram struct {
	srv   *authserver.Server
	cache string // its user cache directory
	bin   string
}

func loginBuild(t *testing.T, mod, name string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), name)
	if o := run(t, mod, "go", "build", "-o", bin, "."); o.code != 0 {
		t.Fatalf("building the example: %v", o)
	}
	return bin
}

// run runs the program and returns its output; it fails the test if the
// program fails or shows a token.
func (l loginProgram) run(t *testing.T, browser *authserver.Browser) string {
	t.Helper()
	out, stderr, err := l.exec(t, browser)
	if err != nil {
		t.Fatalf("%s: %v\nstdout:\n%s\nstderr:\n%s", filepath.Base(l.bin), err, out, stderr)
	}
	if tok := l.storedOrNil(); tok != nil && strings.Contains(out+stderr, tok.RefreshToken) {
		t.Fatalf("the program printed the refresh token")
	}
	return out
}

// exec runs the program. When it prints the authorization URL, browser
// signs in there; without a browser, a program that asks for a sign-in is
// stopped at once.
func (l loginProgram) exec(t *testing.T, browser *authserver.Browser) (stdout, stderr string, err error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, l.bin)
	cmd.Env = append(os.Environ(),
		"LOGIN_ISSUER="+l.srv.URL, "LOGIN_USER=alice", "LOGIN_PASSWORD=wonderland",
		// os.UserCacheDir on Linux, macOS and Windows.
		"XDG_CACHE_HOME="+l.cache, "HOME="+l.cache, "LocalAppData="+l.cache)
	var out bytes.Buffer
	cmd.Stdout = &out
	pipe, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var errOut strings.Builder
	var wg sync.WaitGroup
	var signInErr error
	sc := bufio.NewScanner(pipe)
	for sc.Scan() {
		line := sc.Text()
		errOut.WriteString(line + "\n")
		authURL := strings.TrimSpace(line)
		if !strings.HasPrefix(authURL, l.srv.AuthURL()+"?") {
			continue
		}
		if browser == nil {
			errOut.WriteString("(test: stopped the program, which asked for a sign-in)\n")
			cancel()
			continue
		}
		wg.Go(func() {
			// A redirect that does not carry the request's state (a forged
			// or stale one) must not sign in.
			if err := forgeRedirect(ctx, authURL); err != nil {
				signInErr = err
				return
			}
			if land, err := browser.SignIn(ctx, authURL); err != nil {
				signInErr = err
			} else if land.Status != 200 {
				t.Logf("the program answered the redirect with %d: %s", land.Status, land.Body)
			}
		})
	}
	err = cmd.Wait()
	wg.Wait()
	if err == nil && signInErr != nil {
		err = signInErr
	}
	return out.String(), errOut.String(), err
}

// stored returns the token the program stored: the one file in its cache.
func (l loginProgram) stored(t *testing.T) *oauth2.Token {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(l.cache, "oauth2-tokens", "*.json"))
	if len(files) != 1 {
		t.Fatalf("stored token files: %v, want one", files)
	}
	tok := l.storedOrNil()
	if tok == nil {
		t.Fatalf("%s holds no token", files[0])
	}
	return tok
}

func (l loginProgram) storedOrNil() *oauth2.Token {
	files, _ := filepath.Glob(filepath.Join(l.cache, "oauth2-tokens", "*.json"))
	if len(files) != 1 {
		return nil
	}
	b, err := os.ReadFile(files[0])
	var tok oauth2.Token
	if err != nil || json.Unmarshal(b, &tok) != nil || tok.AccessToken == "" {
		return nil
	}
	return &tok
}

// age makes the stored access token expired, as an hour later.
func (l loginProgram) age(t *testing.T) {
	t.Helper()
	tok := l.stored(t)
	tok.Expiry = time.Now().Add(-time.Minute)
	b, err := json.Marshal(tok)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(l.cache, "oauth2-tokens", "*.json"))
	if err := os.WriteFile(files[0], b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// forgeRedirect sends the program's loopback listener a redirect with a
// code but the wrong state, which it must refuse.
func forgeRedirect(ctx context.Context, authURL string) error {
	u, err := url.Parse(authURL)
	if err != nil {
		return err
	}
	redirect := u.Query().Get("redirect_uri")
	if !strings.HasPrefix(redirect, "http://127.0.0.1:") {
		return fmt.Errorf("redirect_uri %q is not a loopback URL", redirect)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, redirect+"?code=forged&state=forged", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		return fmt.Errorf("a redirect with the wrong state got %s, want 400", resp.Status)
	}
	return nil
}

func grantsSince(srv *authserver.Server, n int) []authserver.TokenRequest {
	return srv.TokenRequests()[n:]
}
