package passwordgrant

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/oauthlint/passwordgrant/internal/authserver"
)

// render returns a helper's source with the default names: the helper
// alone in a package that declares nothing else.
func (h helper) render() string {
	var repl []string
	for _, n := range h.names {
		repl = append(repl, "{"+n+"}", n)
	}
	for _, p := range h.imports {
		repl = append(repl, "{"+defaultName(p)+"}", defaultName(p))
	}
	return strings.NewReplacer(repl...).Replace(h.src)
}

// TestStoredTokenHelper runs the helper of the background-service fix,
// as generated, against a real authorization server that rotates refresh
// tokens: with the token of one sign-in in OAUTH2_TOKEN_FILE and its access
// token expired, the program gets a fresh token and the file then holds
// the rotated refresh token. (The first fix's helper has its end-to-end
// test in cmd/passwordgrant.)
func TestStoredTokenHelper(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	srv, err := authserver.Start(authserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	mod := t.TempDir()
	imports := slices.Clone(helperStoredToken.imports)
	imports = append(imports, "time")
	var src strings.Builder
	src.WriteString("package main\n\nimport (\n")
	for _, p := range imports {
		src.WriteString("\t" + strconv.Quote(p) + "\n")
	}
	src.WriteString(`)

func main() {
	conf := &oauth2.Config{ClientID: "cli", Endpoint: oauth2.Endpoint{TokenURL: os.Args[1]}}
	tok, err := storedTokenSource(context.Background(), conf).Token()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("valid:", tok.Expiry.After(time.Now()))
}
`)
	src.WriteString(helperStoredToken.render())
	sum, err := os.ReadFile(filepath.Join("..", "testdata", "loginmod", "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"go.mod":  "module example.com/stored\n\ngo 1.26.0\n\nrequire golang.org/x/oauth2 v0.37.0\n",
		"go.sum":  string(sum),
		"main.go": src.String(),
	} {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	bin := filepath.Join(mod, "stored")
	for _, args := range [][]string{{"vet", "."}, {"build", "-o", bin, "."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir, cmd.Env = mod, append(os.Environ(), "GOWORK=off", "GOFLAGS=")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v: %v\n%s\n%s", args, err, out, src.String())
		}
	}
	runStored := func(file string) (string, error) {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, srv.TokenURL())
		cmd.Env = append(os.Environ(), "OAUTH2_TOKEN_FILE="+file)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	if out, err := runStored(""); err == nil || !strings.Contains(out, "OAUTH2_TOKEN_FILE is not set") {
		t.Errorf("without OAUTH2_TOKEN_FILE: %v, %q; want an error that names it", err, out)
	}

	// One sign-in, by a person (a scripted one), gives the token file.
	first := signInOnce(t, srv)
	first.Expiry = time.Now().Add(-time.Minute) // as an hour later
	file := filepath.Join(t.TempDir(), "token.json")
	b, _ := json.Marshal(first)
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := runStored(file); err != nil || out != "valid: true\n" {
		t.Fatalf("with an expired token: %v, %q; want a valid token", err, out)
	}
	b, err = os.ReadFile(file)
	var saved oauth2.Token
	if err != nil || json.Unmarshal(b, &saved) != nil {
		t.Fatalf("token file after the refresh: %v, %s", err, b)
	}
	switch {
	case saved.RefreshToken == "" || saved.RefreshToken == first.RefreshToken:
		t.Error("the file does not hold the rotated refresh token")
	case srv.RefreshTokenValid(t.Context(), first.RefreshToken) || !srv.RefreshTokenValid(t.Context(), saved.RefreshToken):
		t.Error("the server's current refresh token is not the stored one")
	}
	if out, err := runStored(file); err != nil || out != "valid: true\n" {
		t.Errorf("second run, stored token still valid: %v, %q", err, out)
	}
}

// signInOnce runs the authorization code flow with PKCE against srv, with
// its scripted user agent, and returns the token.
func signInOnce(t *testing.T, srv *authserver.Server) *oauth2.Token {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	codes := make(chan url.Values, 1)
	redirect := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case codes <- r.URL.Query():
		default:
		}
	})}
	go func() { _ = redirect.Serve(ln) }()
	defer redirect.Close()
	conf := &oauth2.Config{
		ClientID:    "cli",
		Endpoint:    oauth2.Endpoint{AuthURL: srv.AuthURL(), TokenURL: srv.TokenURL()},
		RedirectURL: "http://" + ln.Addr().String() + "/callback",
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	verifier := oauth2.GenerateVerifier()
	if _, err := srv.Browser(true).SignIn(ctx, conf.AuthCodeURL("s", oauth2.S256ChallengeOption(verifier))); err != nil {
		t.Fatal(err)
	}
	tok, err := conf.Exchange(ctx, (<-codes).Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
