// Package auth is an in-house client whose Login is the password grant.
package auth

// Client talks to the identity provider.
type Client struct{}

// Login signs in with a user's password.
func (c *Client) Login(user, pass string) error { return nil }

// SignIn signs in with a user's password.
func SignIn(user, pass string) error { return nil }

// Logout is not a finding.
func Logout() {}
