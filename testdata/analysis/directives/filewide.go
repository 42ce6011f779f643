//passwordgrant:allow-file PG004,PG001 this file is the legacy importer for system users only

package directives

import (
	"context"

	"golang.org/x/oauth2"
)

func legacy(ctx context.Context, conf *oauth2.Config) {
	conf.PasswordCredentialsToken(ctx, "svc-import", "from-vault")
}
