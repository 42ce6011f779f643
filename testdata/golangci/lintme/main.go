// Command lintme is linted by the golangci-lint end-to-end test
// (golangci/e2e_test.go). A "want:RULE" marker on a line means golangci-lint
// reports RULE there with every configuration; "want[CONFIG]:RULE" only with
// that configuration of the test.
package main

import (
	"context"
	"fmt"

	"github.com/mattn/go-mastodon"
	"golang.org/x/oauth2"

	"example.com/lintme/auth"
)

var conf = &oauth2.Config{
	ClientID: "lintme",
	Endpoint: oauth2.Endpoint{
		TokenURL: "https://api.getgo.com/oauth/v2/token", // want:PG007 (its first fix is what --fix applies)
	},
}

func login(ctx context.Context, user, pass string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, user, pass) // want:PG001
}

func loginSuppressed(ctx context.Context, user, pass string) (*oauth2.Token, error) {
	return conf.PasswordCredentialsToken(ctx, user, pass) //nolint:passwordgrant // the e2e test checks that nolint works
}

func legacyLogin(user, pass string) error {
	return auth.Login(user, pass) // want[settings]:PG004 (named by the funcs setting)
}

func toot(ctx context.Context, user, pass string) error {
	c := mastodon.NewClient(&mastodon.Config{Server: "https://mastodon.example"})
	return c.Authenticate(ctx, user, pass) // want[deps]:PG008 (an SDK that posts grant_type=password inside)
}

func greet(name string) {
	//passwordgrant:allow PG001 nothing here uses the password grant, so this is unused (want[defaults]:PG902 want[deps]:PG902)
	fmt.Println("hello", name)
}

func main() {
	ctx := context.Background()
	_, _ = login(ctx, "u", "p")
	_, _ = loginSuppressed(ctx, "u", "p")
	_ = legacyLogin("u", "p")
	_ = toot(ctx, "u", "p")
	greet("world")
}
