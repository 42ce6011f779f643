package authserver

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// A Browser is a scripted user agent for the server's sign-in pages. It
// does what a person does in a browser: opens the authorization URL, logs
// in, answers the consent page and follows the redirect back to the
// client. It only ever talks to 127.0.0.1.
type Browser struct {
	Username, Password string
	Allow              bool // the answer on the consent page

	client *http.Client
}

// Browser returns a user agent with a fresh cookie jar that signs in as
// the server's user and allows or denies the client's request.
func (s *Server) Browser(allow bool) *Browser {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &Browser{
		Username: s.opts.Username,
		Password: s.opts.Password,
		Allow:    allow,
		client: &http.Client{
			Jar:     jar,
			Timeout: 30 * time.Second,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 10 {
					return errors.New("too many redirects")
				}
				return loopbackOnly(req.URL)
			},
		},
	}
}

// A Landing is where the sign-in ended: the client's redirect URI, with
// the status and text of its answer. The code in its query is left out.
type Landing struct {
	Host, Path string
	Status     int
	Body       string
}

var (
	formAction  = regexp.MustCompile(`<form method="post" action="([^"]+)">`)
	hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)
)

// SignIn follows authURL through the login and consent pages to the
// client's redirect URI and returns what the client answered there.
func (b *Browser) SignIn(ctx context.Context, authURL string) (Landing, error) {
	u, err := url.Parse(authURL)
	if err != nil {
		return Landing{}, fmt.Errorf("authorization URL: %w", err)
	}
	if err := loopbackOnly(u); err != nil {
		return Landing{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, authURL, nil)
	if err != nil {
		return Landing{}, err
	}
	for range 4 { // login, consent, and back to the client
		resp, err := b.client.Do(req)
		if err != nil {
			return Landing{}, err
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		if err != nil {
			return Landing{}, err
		}
		at := resp.Request.URL
		var form url.Values
		switch at.Path {
		case "/login":
			form = url.Values{"username": {b.Username}, "password": {b.Password}}
		case "/consent":
			form = url.Values{"decision": {"deny"}}
			if b.Allow {
				form.Set("decision", "allow")
			}
		default:
			return Landing{Host: at.Host, Path: at.Path, Status: resp.StatusCode, Body: string(body)}, nil
		}
		if resp.StatusCode != http.StatusOK {
			return Landing{}, fmt.Errorf("%s answered %s: %s", at.Path, resp.Status, body)
		}
		action := formAction.FindSubmatch(body)
		if action == nil {
			return Landing{}, fmt.Errorf("%s has no form", at.Path)
		}
		for _, m := range hiddenInput.FindAllSubmatch(body, -1) {
			form.Set(html.UnescapeString(string(m[1])), html.UnescapeString(string(m[2])))
		}
		target, err := at.Parse(html.UnescapeString(string(action[1])))
		if err != nil {
			return Landing{}, err
		}
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, target.String(), strings.NewReader(form.Encode()))
		if err != nil {
			return Landing{}, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return Landing{}, errors.New("sign-in did not reach the client's redirect URI")
}

// loopbackOnly keeps the user agent on 127.0.0.1, where the test's
// servers are.
func loopbackOnly(u *url.URL) error {
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() || u.Scheme != "http" {
		return fmt.Errorf("the user agent only visits http://127.0.0.1, not %s://%s", u.Scheme, u.Host)
	}
	return nil
}
