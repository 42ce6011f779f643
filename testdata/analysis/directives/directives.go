package directives

import (
	"context"
	"net/url"
	"os"

	"golang.org/x/oauth2"
)

func allowed(ctx context.Context, conf *oauth2.Config) url.Values {
	//passwordgrant:allow PG001 svc-backup is a system user; no person signs in
	conf.PasswordCredentialsToken(ctx, "svc-backup", os.Getenv("SVC_PASSWORD"))

	conf.PasswordCredentialsToken(ctx, "svc", os.Getenv("P")) //passwordgrant:allow the partner API has no authorization code grant

	//passwordgrant:allow PG002,PG003 system user svc-sync, see ticket OPS-12
	v := url.Values{
		"client_id":  {"cli"},
		"grant_type": {"password"},
	}
	return v
}

func notAllowed(ctx context.Context, conf *oauth2.Config) {
	//passwordgrant:allow PG003 names another rule
	conf.PasswordCredentialsToken(ctx, "a", "b")

	//passwordgrant:allow
	conf.PasswordCredentialsToken(ctx, "c", "d")

	//passwordgrant:allow PG001 TODO(passwordgrant): say why this must stay
	conf.PasswordCredentialsToken(ctx, "e", "f")

	//passwordgrant:allow PG123 a reason for an unknown rule
	//passwordgrant:deny a misspelt directive
	//passwordgrant:allow PG001 nothing below to allow
	_ = ctx
}
