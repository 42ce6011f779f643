package others

import (
	"context"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
	"golang.org/x/oauth2"
)

var goTo = oauth2.Endpoint{
	AuthURL:  "https://api.getgo.com/oauth/v2/authorize", // want `PG007`
	TokenURL: "https://api.getgo.com/oauth/v2/token",     // want `PG007`
}

func refresh(ctx context.Context, conf *oauth2.Config) oauth2.TokenSource {
	tok := &oauth2.Token{RefreshToken: "1//pinned"} // want `PG006`
	return conf.TokenSource(ctx, tok)
}

func azure(user, pass string) (*azidentity.UsernamePasswordCredential, error) {
	return azidentity.NewUsernamePasswordCredential("tenant", "client", user, pass, nil) // want `PG004`
}

func endpoint(w http.ResponseWriter, r *http.Request) {
	switch r.FormValue("grant_type") {
	case "password": // want `PG005`
		w.WriteHeader(http.StatusOK)
	}
}
