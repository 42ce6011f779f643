package pg006

import (
	"testing"

	"golang.org/x/oauth2"
)

// Tests pin fake refresh tokens for fake servers: no finding.
func TestFake(t *testing.T) {
	_ = &oauth2.Token{RefreshToken: "fake-refresh"}
}
