package params

import (
	"net/http"
	"net/url"
	"strings"
)

func values(tokenURL, user, pass string) (*http.Response, error) {
	return http.PostForm(tokenURL, url.Values{
		"grant_type": {"password"}, // want `PG002: grant_type=password in a url.Values literal`
		"username":   {user},
		"password":   {pass},
		"scope":      {"openid"},
	})
}

func setters(tokenURL, user string) (*http.Response, error) {
	pass := strings.TrimSpace(user)
	v := url.Values{}
	v.Set("client_id", "cli")
	v.Set("grant_type", "password") // want `PG002: grant_type=password in a url.Values.Set call`
	v.Set("username", user)
	v.Set("password", pass)
	return http.PostForm(tokenURL, v)
}

func text(tokenURL, user, pass string) (*http.Response, error) {
	body := "grant_type=password&username=" + url.QueryEscape(user) + "&password=" + url.QueryEscape(pass) + "&scope=openid" // want `PG003: a form body carries`
	return http.Post(tokenURL, "application/x-www-form-urlencoded", strings.NewReader(body))
}

func query(tokenURL, user, pass string) string {
	return tokenURL + "?grant_type=password&username=" + user + "&password=" + pass // want `PG003: a URL query carries`
}

func json(user string) string {
	return `{"grant_type":"password","username":"` + user + `"}` // want `PG003: a JSON body carries`
}

// Client is a registration with a list of allowed grants.
type Client struct {
	GrantTypes []string
}

var registered = Client{GrantTypes: []string{"authorization_code", "password", "refresh_token"}} // want `PG002: grant-type list GrantTypes`
