package pg002

import (
	"log/slog"
	"net/url"
	"os"
)

// Credential describes a stored secret; its Type is not a grant type.
type Credential struct {
	Type     string `json:"type"`
	Password string `json:"password"`
}

func negatives(v url.Values, logger *slog.Logger) {
	v.Set("grant_type", "authorization_code")
	v.Set("grant_type", "client_credentials")
	v.Set("grant_type", "refresh_token")
	v.Set("grant_type", "http://auth0.com/oauth/grant-type/passwordless/otp")
	v.Set("type", "password")
	v.Set("password", os.Getenv("PASSWORD"))
	_ = url.Values{"credential_type": {"password"}}
	_ = Credential{Type: "password"}
	_ = map[string]string{"auth_method": "password"}
	logger.Info("token request", "grant_type", "password")
	_ = ClientConfig{GrantTypes: []string{"authorization_code", "refresh_token"}}
}
