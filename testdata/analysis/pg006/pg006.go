package pg006

import (
	"os"

	"golang.org/x/oauth2"
)

const pinned = "1//0gLz-refresh"

func tokens() (*oauth2.Token, oauth2.Token) {
	a := &oauth2.Token{RefreshToken: "1//0gLz-not-shown"}      // want `PG006: hard-coded refresh token \(value not shown\): refresh tokens rotate`
	b := oauth2.Token{AccessToken: "at", RefreshToken: pinned} // want `PG006`
	a.RefreshToken = "rt-literal"                              // want `PG006`
	return a, b
}

func fromStorage() *oauth2.Token {
	t := &oauth2.Token{RefreshToken: os.Getenv("REFRESH_TOKEN")}
	t.RefreshToken = ""
	return t
}

// Token is a lookalike type in another package: no finding.
type Token struct{ RefreshToken string }

var _ = Token{RefreshToken: "not oauth2"}
