package pg007

import (
	"log"

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
