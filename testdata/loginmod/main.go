// Command loginmod signs in to an OAuth 2.0 provider with the password
// grant, the old way, and prints whom the provider says it signed in. It is
// the example client of passwordgrant's end-to-end test of -fix
// (cmd/passwordgrant/signin_e2e_test.go), which runs it before and after
// the fix against a real authorization server.
//
//	LOGIN_USER=alice LOGIN_PASSWORD=... loginmod -issuer http://127.0.0.1:8080
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"golang.org/x/oauth2"
)

func main() {
	issuer := flag.String("issuer", os.Getenv("LOGIN_ISSUER"), "base URL of the authorization server (default $LOGIN_ISSUER)")
	flag.Parse()
	log.SetFlags(0)
	if *issuer == "" {
		log.Fatal("loginmod: no -issuer")
	}
	conf := &oauth2.Config{
		ClientID: "cli",
		Endpoint: oauth2.Endpoint{
			AuthURL:  *issuer + "/authorize",
			TokenURL: *issuer + "/token",
		},
		Scopes: []string{"profile"},
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()

	tok, err := login(ctx, conf)
	if err != nil {
		log.Fatalf("loginmod: login: %v", err)
	}
	sub, err := whoami(ctx, conf, tok, *issuer)
	if err != nil {
		log.Fatalf("loginmod: %v", err)
	}
	// Never the token itself: only that there is one, and whose it is.
	fmt.Printf("signed in as %s (%s token, refresh token: %t)\n", sub, tok.Type(), tok.RefreshToken != "")
}

// login signs the user in with the password grant.
func login(ctx context.Context, conf *oauth2.Config) (*oauth2.Token, error) {
	user := os.Getenv("LOGIN_USER")
	pass := os.Getenv("LOGIN_PASSWORD")
	return conf.PasswordCredentialsToken(ctx, user, pass)
}

// whoami asks the provider's userinfo endpoint whom the token belongs to.
func whoami(ctx context.Context, conf *oauth2.Config, tok *oauth2.Token, issuer string) (string, error) {
	resp, err := conf.Client(ctx, tok).Get(issuer + "/userinfo")
	if err != nil {
		return "", fmt.Errorf("userinfo: %w", err)
	}
	defer resp.Body.Close()
	var v struct {
		Sub string `json:"sub"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || v.Sub == "" {
		return "", fmt.Errorf("userinfo: %s: no user (%v)", resp.Status, err)
	}
	return v.Sub, nil
}
