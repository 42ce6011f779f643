package fosite

import "net/http"

// RFC6749Error is an OAuth 2.0 error response (github.com/ory/fosite v0.49.0 errors.go).
type RFC6749Error struct {
	ErrorField       string
	DescriptionField string
	HintField        string
	CodeField        int
}

func (e *RFC6749Error) Error() string { return e.ErrorField }

// WithHint returns a copy of e with the hint set.
func (e *RFC6749Error) WithHint(hint string) *RFC6749Error {
	err := *e
	err.HintField = hint
	return &err
}

var (
	ErrUnknownRequest = &RFC6749Error{
		ErrorField:       "request_unknown",
		DescriptionField: "The handler is not responsible for this request.",
		CodeField:        http.StatusBadRequest,
	}
	ErrUnsupportedGrantType = &RFC6749Error{
		ErrorField:       "unsupported_grant_type",
		DescriptionField: "The authorization grant type is not supported by the authorization server.",
		CodeField:        http.StatusBadRequest,
	}
	ErrUnauthorizedClient = &RFC6749Error{
		ErrorField:       "unauthorized_client",
		DescriptionField: "The client is not authorized to request a token using this method.",
		CodeField:        http.StatusBadRequest,
	}
	ErrInvalidGrant = &RFC6749Error{
		ErrorField:       "invalid_grant",
		DescriptionField: "The provided authorization grant is invalid.",
		CodeField:        http.StatusBadRequest,
	}
)
