package pg007

import (
	"log"
	"strings"

	"golang.org/x/oauth2"
)

var endpoint = oauth2.Endpoint{
	AuthURL:  "https://api.getgo.com/oauth/v2/authorize", // want `PG007: GoTo retired api.getgo.com/oauth/v2; use https://authentication.logmeininc.com/oauth`
	TokenURL: "https://api.getgo.com/oauth/v2/token",     // want `PG007`
}

const legacyBase = "https://api.getgo.com/oauth/v2" // want `PG007`

func other() {
	log.Println("moved off https://api.getgo.com/oauth/v2/token") // prose: no finding
	_ = "https://api.getgo.com/G2M/rest/meetings"                 // not the OAuth endpoint
	_ = "https://authentication.logmeininc.com/oauth/token"
}

// Code that migrates stored legacy URLs, or recognises them, looks at the
// retired host without using it: no finding, and no fix that would turn the
// migration off.
func migrate(stored string) string {
	if strings.HasPrefix(stored, "https://api.getgo.com/oauth/v2/") {
		return strings.Replace(stored, "https://api.getgo.com/oauth/v2", "https://authentication.logmeininc.com/oauth", 1)
	}
	if stored == "https://api.getgo.com/oauth/v2/token" {
		return moved["https://api.getgo.com/oauth/v2/token"]
	}
	return stored
}

var moved = map[string]string{
	"https://api.getgo.com/oauth/v2/token":     "https://authentication.logmeininc.com/oauth/token",
	"https://api.getgo.com/oauth/v2/authorize": "https://authentication.logmeininc.com/oauth/authorize",
}

// Help text that names the host is prose.
const help = "GoTo replaced api.getgo.com/oauth/v2 with authentication.logmeininc.com/oauth"
