package pg002

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// A server's regression test sends the password grant to assert that it is
// refused: the server's protection, not a use.
func TestPasswordGrantRefused(t *testing.T) {
	resp, err := http.PostForm("http://127.0.0.1:0/token", url.Values{
		"grant_type": {"password"},
		"username":   {"alice"},
		"password":   {"secret"},
	})
	if err != nil {
		t.Skip(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), "unsupported_grant_type") {
		t.Errorf("password grant accepted: %s", body)
	}
}

// A test that logs in with the password grant is a use.
func TestLogin(t *testing.T) {
	_, err := http.PostForm("http://127.0.0.1:0/token", url.Values{
		"grant_type": {"password"}, // want `PG002`
		"username":   {"alice"},
		"password":   {"secret"},
	})
	if err != nil {
		t.Skip(err)
	}
}
