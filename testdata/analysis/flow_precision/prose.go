package flow_precision

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
)

// usage is the CLI's help text.
const usage = `Usage: reportctl login [-grant authorization_code|device]

The password grant (grant_type=password) is no longer supported by the
identity provider; "password" logins fail with unsupported_grant_type.
` // silent: help text

var grantFlag = flag.String("grant", "authorization_code", `OAuth grant to use; "password" was removed in v3`) // silent: flag help text

// errPasswordGrant is returned when an old configuration asks for it.
var errPasswordGrant = errors.New(`grant_type "password" is not supported any more: run "reportctl login" to sign in in the browser`) // silent: an error message

// checkGrant refuses an old configuration with a clear message.
func checkGrant(log *slog.Logger, grant string) error {
	if grant == "password" { // silent: the client refusing its own old configuration
		log.Warn("configuration asks for the removed password grant", "grant_type", "password", "hint", "see https://api.getgo.com/oauth/v2 migration notes") // silent: a log line
		return fmt.Errorf("grant %q: %w", grant, errPasswordGrant)
	}
	return nil
}

// Usage prints the help text.
func Usage() string { return usage + "\ndefault grant: " + *grantFlag }
