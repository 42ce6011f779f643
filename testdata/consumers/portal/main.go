// Command portal is a realistic small application for the cost table of
// -deps (README): a web portal that signs users in to several providers
// through their SDKs and golang.org/x/oauth2, with a hundred and more
// dependency packages.
package main

import (
	"context"
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"

	cfclient "github.com/cloudfoundry-community/go-cfclient"
	"github.com/mattn/go-mastodon"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

type portal struct {
	idp      *oauth2.Config
	services *clientcredentials.Config
}

// login signs a user in at the identity provider with the password grant.
func (p *portal) login(w http.ResponseWriter, r *http.Request) {
	tok, err := p.idp.PasswordCredentialsToken(r.Context(), r.PostFormValue("username"), r.PostFormValue("password"))
	if err != nil {
		http.Error(w, "sign-in failed", http.StatusUnauthorized)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"expires": tok.Expiry})
}

// toot posts for the user through the Mastodon SDK, signing in with the
// user's password inside the SDK.
func (p *portal) toot(w http.ResponseWriter, r *http.Request) {
	c := mastodon.NewClient(&mastodon.Config{Server: os.Getenv("MASTODON_SERVER")})
	if err := c.Authenticate(r.Context(), r.PostFormValue("username"), r.PostFormValue("password")); err != nil {
		http.Error(w, "mastodon sign-in failed", http.StatusUnauthorized)
		return
	}
	if _, err := c.PostStatus(r.Context(), &mastodon.Toot{Status: r.PostFormValue("status")}); err != nil {
		http.Error(w, "post failed", http.StatusBadGateway)
	}
}

// apps lists Cloud Foundry apps through the SDK, which signs in with the
// password grant when its config holds a username.
func (p *portal) apps(w http.ResponseWriter, r *http.Request) {
	c, err := cfclient.NewClient(&cfclient.Config{ApiAddress: os.Getenv("CF_API"), Username: os.Getenv("CF_USER"), Password: os.Getenv("CF_PASSWORD")})
	if err != nil {
		http.Error(w, "cf sign-in failed", http.StatusBadGateway)
		return
	}
	apps, err := c.ListApps()
	if err != nil {
		http.Error(w, "cf list failed", http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(apps)
}

// report calls the reporting service as the portal itself: no password.
func (p *portal) report(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 5*time.Second)
	defer cancel()
	resp, err := p.services.Client(ctx).Get(os.Getenv("REPORTS_URL"))
	if err != nil {
		http.Error(w, "reports unavailable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

func main() {
	p := &portal{
		idp:      &oauth2.Config{ClientID: "portal", Endpoint: oauth2.Endpoint{TokenURL: os.Getenv("IDP_TOKEN_URL")}},
		services: &clientcredentials.Config{ClientID: "portal", ClientSecret: os.Getenv("PORTAL_SECRET"), TokenURL: os.Getenv("IDP_TOKEN_URL")},
	}
	http.HandleFunc("POST /login", p.login)
	http.HandleFunc("POST /toot", p.toot)
	http.HandleFunc("GET /apps", p.apps)
	http.HandleFunc("GET /report", p.report)
	log.Fatal(http.ListenAndServe("127.0.0.1:8080", nil))
}
