// Command mastodonapp posts a status with github.com/mattn/go-mastodon, the
// ways its users sign in.
package main

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/mattn/go-mastodon"
)

func main() {
	ctx := context.Background()
	c := mastodon.NewClient(&mastodon.Config{
		Server:       "https://mastodon.example",
		ClientID:     os.Getenv("MASTODON_CLIENT_ID"),
		ClientSecret: os.Getenv("MASTODON_CLIENT_SECRET"),
	})
	var err error
	switch os.Getenv("MASTODON_FLOW") {
	case "code":
		// The authorization code the user brought back: no password grant.
		err = c.AuthenticateToken(ctx, os.Getenv("MASTODON_CODE"), "urn:ietf:wg:oauth:2.0:oob")
	case "app":
		// Client credentials: no password grant.
		err = c.GetAppAccessToken(ctx, "urn:ietf:wg:oauth:2.0:oob")
	default:
		// The user's own password: the SDK posts grant_type=password.
		err = c.Authenticate(ctx, os.Getenv("MASTODON_USER"), os.Getenv("MASTODON_PASSWORD"))
	}
	if err != nil {
		log.Fatal(err)
	}
	st, err := c.PostStatus(ctx, &mastodon.Toot{Status: "hello"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(st.URL)
}
