package flow_precision

import (
	"database/sql"
	"fmt"
	"net/url"
	"strings"
)

// goToLegacyBase and goToBase are the old and new GoTo OAuth hosts.
const (
	goToLegacyBase = "https://api.getgo.com"
	goToBase       = "https://authentication.logmeininc.com"
)

// migrateStoredURL rewrites a webhook or token URL saved by customers
// before GoTo moved its OAuth endpoints. The legacy prefix is built the
// same ways a client builds it, but only to recognise old data.
func migrateStoredURL(stored string) (string, bool) {
	legacyPrefix := fmt.Sprintf("%s/oauth/v2/", goToLegacyBase) // silent: used only to recognise stored legacy URLs
	if rest, ok := strings.CutPrefix(stored, legacyPrefix); ok {
		return goToBase + "/oauth/" + rest, true
	}
	legacyToken, err := url.JoinPath(goToLegacyBase, "oauth/v2/token") // silent: compared, never requested
	if err == nil && strings.EqualFold(stored, legacyToken) {
		return goToBase + "/oauth/token", true
	}
	return stored, false
}

// MigrateIntegrations rewrites every stored URL in one transaction.
func MigrateIntegrations(db *sql.DB) (int, error) {
	rows, err := db.Query(`SELECT id, token_url FROM integrations WHERE token_url LIKE '%api.getgo.com/oauth/v2%'`) // silent: a query selecting legacy rows
	if err != nil {
		return 0, fmt.Errorf("select legacy integrations: %w", err)
	}
	defer rows.Close()
	type update struct {
		id  int64
		url string
	}
	var updates []update
	for rows.Next() {
		var u update
		var stored string
		if err := rows.Scan(&u.id, &stored); err != nil {
			return 0, fmt.Errorf("scan integration: %w", err)
		}
		if migrated, ok := migrateStoredURL(stored); ok {
			u.url = migrated
			updates = append(updates, u)
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read integrations: %w", err)
	}
	for _, u := range updates {
		if _, err := db.Exec(`UPDATE integrations SET token_url = $1 WHERE id = $2`, u.url, u.id); err != nil {
			return 0, fmt.Errorf("update integration %d: %w", u.id, err)
		}
	}
	return len(updates), nil
}
