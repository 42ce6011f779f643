package passwordgrant

import "testing"

//passwordgrant:allow-file PG003 inputs of the text judge's table tests: request text it must recognise

func TestGrantInText(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"grant_type=password&username=", "a form body"},
		{"username=u&grant_type=password", "a form body"},
		{"grant_type=password", "a form body"},
		{"https://idp/token?client_id=c&grant_type=password", "a URL query"},
		{"grant_type=password-realm", ""},
		{"grant_type=http%3A%2F%2Fauth0.com%2Foauth%2Fgrant-type%2Fpassword-realm", "a form body"},
		{"grant_type=http://auth0.com/oauth/grant-type/passwordless/otp", ""},
		{`{"grant_type":"password","username":"u"}`, "a JSON body"},
		{`{ "grant_type" : "password" }`, "a JSON body"},
		{`{"grant_type":"pass\u0077ord"}`, "a JSON body"},
		{`{"grant_type":"refresh_token","x":"password"}`, ""},
		{"grant_type=password is not allowed", ""},
		{"server refused grant_type=password", ""},
		{`the "grant_type" must not be "password"`, ""},
		{"grant_type=authorization_code&code=x", ""},
		{"password=grant_type", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := grantInText(tt.text); got != tt.want {
			t.Errorf("grantInText(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestIsPasswordGrant(t *testing.T) {
	for s, want := range map[string]bool{
		"password": true,
		"Password": true,
		"http://auth0.com/oauth/grant-type/password-realm":   true,
		"urn:example:grant-type/password":                    true,
		"passwordless":                                       false,
		"http://auth0.com/oauth/grant-type/passwordless/otp": false,
		"client_credentials":                                 false,
		"refresh_token":                                      false,
		"authorization_code":                                 false,
		"":                                                   false,
	} {
		if got := isPasswordGrant(s); got != want {
			t.Errorf("isPasswordGrant(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRoleOf(t *testing.T) {
	tests := []struct {
		name, tag string
		want      fieldRole
	}{
		{"GrantType", "", fieldGrantType},
		{"Grant", `json:"grant_type"`, fieldGrantType},
		{"Kind", `url:"grant_type,omitempty"`, fieldGrantType},
		{"G", `form:"grant_type" json:"-"`, fieldGrantType},
		{"GrantTypes", "", fieldGrantTypes},
		{"AllowedGrantTypes", "", fieldGrantTypes},
		{"Types", `json:"grant_types"`, fieldGrantTypes},
		{"Type", `json:"type"`, fieldOther},
		{"Password", `json:"password"`, fieldOther},
	}
	for _, tt := range tests {
		if got := roleOf(tt.name, tt.tag); got != tt.want {
			t.Errorf("roleOf(%q, %q) = %v, want %v", tt.name, tt.tag, got, tt.want)
		}
	}
}

// FuzzGrantInText checks that any text is judged without a panic, and that
// text without the grant_type key is never a finding.
func FuzzGrantInText(f *testing.F) {
	for _, s := range []string{
		"grant_type=password&username=u", `{"grant_type":"password"}`, "x?grant_type=password#f",
		"grant_type=%zz", `{"grant_type": "`, "&&==??", "grant_type=http%3A%2F%2Fa%2Fgrant-type%2Fpassword",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		kind := grantInText(s)
		if kind != "" && !containsFold(s, "grant") {
			t.Errorf("grantInText(%q) = %q without a grant key", s, kind)
		}
	})
}

func TestNameWords(t *testing.T) {
	tests := []struct {
		name            string
		password, grant bool
	}{
		{"PasswordCredentialsToken", true, false},
		{"GrantTypePassword", true, true},
		{"grantType", false, true},
		{"PASSWORD_GRANT", true, true},
		{"passwor", false, false},
		{"pgx", false, false},
		{"", false, false},
		{"Paßword", false, false},
	}
	for _, tt := range tests {
		if p, g := nameWords(tt.name); p != tt.password || g != tt.grant {
			t.Errorf("nameWords(%q) = %v, %v; want %v, %v", tt.name, p, g, tt.password, tt.grant)
		}
	}
}
