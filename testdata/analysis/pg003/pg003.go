package pg003

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"strings"
)

const passwordGrant = "password"

func bodies(user, pass, tokenURL string) {
	body := "grant_type=password&username=" + url.QueryEscape(user) + "&password=" + url.QueryEscape(pass) // want `PG003: a form body carries grant_type=password, sending the user's password to the token endpoint; send grant_type=authorization_code`
	http.Post(tokenURL, "application/x-www-form-urlencoded", strings.NewReader(body))

	form := fmt.Sprintf("grant_type=password&username=%s&password=%s", user, pass) // want `PG003: a form body carries`
	_ = form
	form2 := fmt.Sprintf("grant_type=%s&username=%s", passwordGrant, user) // want `PG003: a form body carries`
	_ = form2

	_ = tokenURL + "?client_id=cli&grant_type=password" // want `PG003: a URL query carries`
	_ = "grant_type=" + passwordGrant + "&scope=openid" // want `PG003: a form body carries`

	js := `{"grant_type": "password", "username": "` + user + `"}` // want `PG003: a JSON body carries`
	http.Post(tokenURL, "application/json", bytes.NewBufferString(js))
	_ = "grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpassword-realm&realm=db" // want `PG003: a form body carries`
}

// Prose about the grant is not the grant: grant_type=password in a comment,
// an error or a log line is no finding.
func prose(err error) error {
	log.Printf("server refused grant_type=password&username=%s", "svc")
	_ = errors.New("grant_type=password is not allowed")
	_ = "use grant_type=password only for system users"
	_ = "grant_type=authorization_code&code=abc"
	_ = "grant_type=client_credentials&scope=a"
	_ = `{"grant_type": "refresh_token"}`
	_ = `the "grant_type" field must not be "password"`
	return fmt.Errorf("grant_type=password failed: %w", err)
}

// A test server's expectations are what it receives, not requests it sends.
func expectations(body string) bool {
	expected := "grant_type=password&username=u"
	var want = "grant_type=password&username=u"
	return body == "grant_type=password&username=u" || body == expected || body == want
}

// Middleware that blocks requests carrying the grant compares it with what
// arrives: no finding.
func block(w http.ResponseWriter, body string) bool {
	if strings.Contains(body, "grant_type=password") || strings.HasPrefix(body, "grant_type=password&") {
		http.Error(w, `{"error":"unsupported_grant_type"}`, http.StatusBadRequest)
		return true
	}
	return false
}
