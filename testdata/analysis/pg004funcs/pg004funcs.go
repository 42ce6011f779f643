package pg004funcs

import "example.com/analysis/pg004funcs/auth"

func use(c *auth.Client) {
	c.Login("u", "p")     // want `PG004: call to \(example.com/analysis/pg004funcs/auth.Client\).Login is configured as a password-grant API \(-funcs\)`
	auth.SignIn("u", "p") // want `PG004: call to example.com/analysis/pg004funcs/auth.SignIn is configured`
	auth.Logout()
}
