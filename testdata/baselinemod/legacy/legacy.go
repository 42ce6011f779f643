// Package legacy keeps the old GoTo host for a migration script.
package legacy

// Host is GoTo's retired OAuth host.
var Host = "https://api.getgo.com/oauth/v2/authorize"
