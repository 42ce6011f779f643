// Package flow_structs is a client that encodes its token requests from
// structs with form tags, built as literals without field keys.
package flow_structs

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
)

// ropcRequest is the provider's password-grant request; the first field is
// the grant, by its tag (its name says nothing).
type ropcRequest struct {
	Kind     string `form:"grant_type"`
	Username string `form:"username"`
	Password string `form:"password"`
}

// clientRequest is the provider's client_credentials request.
type clientRequest struct {
	Kind  string `form:"grant_type"`
	Scope string `form:"scope"`
}

// field describes one input of the settings page.
type field struct {
	Name   string
	Label  string
	Secret bool
}

// settingsFields are the inputs of the account settings page: the first
// field of field is a form input name, not a grant.
var settingsFields = []field{
	{"email", "E-mail address", false},
	{"password", "New password", true}, // silent: an input name in a keyless literal whose first field is not the grant
}

// Provider posts to the token endpoint.
type Provider struct {
	TokenURL string
	HTTP     *http.Client
}

// Login signs the user in.
func (p *Provider) Login(ctx context.Context, u, pw string) (*http.Response, error) {
	// A keyless literal: the first field is tagged form:"grant_type".
	return p.post(ctx, ropcRequest{"password", u, pw}) // want "PG002"
}

// ServiceLogin signs the service in.
func (p *Provider) ServiceLogin(ctx context.Context) (*http.Response, error) {
	return p.post(ctx, clientRequest{"client_credentials", "reports"}) // silent: client_credentials
}

// LegacyLogin is the pointer form with a grant constant.
func (p *Provider) LegacyLogin(ctx context.Context, u, pw string) (*http.Response, error) {
	const grant = "password"
	req := &ropcRequest{grant, u, pw} // want "PG002"
	return p.post(ctx, *req)
}

func (p *Provider) post(ctx context.Context, v any) (*http.Response, error) {
	form, err := encodeForm(v)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.TokenURL, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return p.HTTP.Do(req)
}

// encodeForm encodes the string fields of a struct by their form tags.
func encodeForm(v any) (url.Values, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("encodeForm: %T is not a struct", v)
	}
	form := url.Values{}
	for i := range rv.NumField() {
		if tag := rv.Type().Field(i).Tag.Get("form"); tag != "" {
			form.Set(tag, rv.Field(i).String())
		}
	}
	return form, nil
}

// Fields is served to the settings page.
func Fields() []field { return settingsFields }
