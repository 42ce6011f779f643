package others

import (
	"context"
	"os"

	"golang.org/x/oauth2"
)

var tokenFile = os.Getenv("TOKEN_FILE")

// A parameter named os shadows the import here: the fix must import the
// package under another name rather than call a method of the parameter.
func shadowed(ctx context.Context, conf *oauth2.Config, os []string) oauth2.TokenSource {
	_ = os
	tok := &oauth2.Token{RefreshToken: "1//pinned-too"} // want `PG006`
	return conf.TokenSource(ctx, tok)
}
