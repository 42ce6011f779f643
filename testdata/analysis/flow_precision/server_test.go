package flow_precision

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// tokenForm builds a token request form for any grant.
func tokenForm(grant, user, pass string) url.Values {
	form := url.Values{"grant_type": {grant}}
	form.Set("username", user)
	form.Set("password", pass)
	return form
}

// TestGatewayRefusesPasswordGrant is the server's regression test: it
// sends the password grant to assert unsupported_grant_type. None of it is
// a use.
func TestGatewayRefusesPasswordGrant(t *testing.T) {
	idp := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("identity provider reached with grant_type=%s", r.PostFormValue("grant_type"))
	})
	srv := httptest.NewServer(Gateway(idp))
	defer srv.Close()

	grantType := "password"
	for _, tc := range []struct {
		name string
		form url.Values
	}{
		{"variable", url.Values{"grant_type": {grantType}, "username": {"alice"}, "password": {"wrong"}}}, // silent: a refusal test
		{"helper", tokenForm("password", "alice", "wrong")},                                               // silent: a refusal test
		{"upper case", tokenForm("PASSWORD", "alice", "wrong")},                                           // silent: a refusal test
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := http.Post(srv.URL+"/oauth2/token", "application/x-www-form-urlencoded", strings.NewReader(tc.form.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("status %d, want 400 unsupported_grant_type", resp.StatusCode)
			}
		})
	}
}
