package pg002

import (
	"mime/multipart"
	"net/url"
)

const (
	keyGrantType  = "grant_type"
	grantPassword = "password"
	auth0Realm    = "http://auth0.com/oauth/grant-type/password-realm"
)

type grant string

func values(user, pass string) url.Values {
	return url.Values{
		"grant_type": {"password"}, // want `PG002: grant_type=password in a url.Values literal sends the user's password to the token endpoint; request grant_type=authorization_code`
		"username":   {user},
		"password":   {pass},
	}
}

func setters(v url.Values, w *multipart.Writer) {
	v.Set("grant_type", "password")                // want `PG002: grant_type=password in a url.Values.Set call`
	v.Add(keyGrantType, grantPassword)             // want `PG002: grant_type=password in a url.Values.Add call`
	v.Set("grant_type", string(grant("password"))) // want `PG002`
	v.Set("grant_"+"type", "pass"+"word")          // want `PG002`
	v.Set("grant_type", ("pass" + "word"))         // want `PG002`
	v.Set("grant_type", auth0Realm)                // want `PG002`
	v["grant_type"] = []string{"password"}         // want `PG002: grant_type=password in an index assignment`
	w.WriteField("grant_type", "password")         // want `PG002: grant_type=password in a multipart.Writer.WriteField call`
}

func maps() (map[string]string, map[string]any) {
	m := map[string]string{"grant_type": "password"} // want `PG002: grant_type=password in a map literal`
	m["grant_type"] = grantPassword                  // want `PG002: grant_type=password in an index assignment`
	a := map[string]any{"grant_type": "password"}    // want `PG002: grant_type=password in a map literal`
	return m, a
}

type tokenRequest struct {
	Grant    string  `json:"grant_type"`
	Kind     *string `url:"grant_type,omitempty"`
	Username string  `json:"username"`
}

type loginForm struct {
	GrantType string
	tokenRequest
}

func StringP(s string) *string { return &s }

func fields() {
	_ = tokenRequest{Grant: "password", Username: "u"} // want `PG002: grant_type=password in field Grant`
	_ = &tokenRequest{Kind: StringP("password")}       // want `PG002: grant_type=password in field Kind`
	_ = loginForm{GrantType: "password"}               // want `PG002: grant_type=password in field GrantType`
	var f loginForm
	f.GrantType = "password" // want `PG002: grant_type=password in field GrantType`
	f.Grant = grantPassword  // want `PG002: grant_type=password in field Grant`
}

// ClientConfig is a server's client registration.
type ClientConfig struct {
	ID         string
	GrantTypes []string
}

func lists(c *ClientConfig) {
	_ = ClientConfig{ID: "x", GrantTypes: []string{"authorization_code", "password"}} // want `PG002: grant-type list GrantTypes enables the password grant`
	c.GrantTypes = []string{"password"}                                               // want `PG002: grant-type list GrantTypes enables the password grant`
}
