package flow_dispatch

import (
	"html/template"
	"net/http"
)

// loginHandler renders one step of the hosted login page.
type loginHandler func(w http.ResponseWriter, r *http.Request)

// LoginPage is the hosted sign-in page of the authorization code flow. Its
// steps are keyed by the sign-in method the person picked, not by an OAuth
// grant: the "password" entry below is a page that asks for a password in
// the browser, which is what the authorization code flow does.
type LoginPage struct {
	tmpl  *template.Template
	steps map[string]loginHandler
}

// NewLoginPage wires the sign-in steps.
func NewLoginPage(tmpl *template.Template) *LoginPage {
	p := &LoginPage{tmpl: tmpl}
	p.steps = map[string]loginHandler{
		"password": p.passwordStep, // silent: dispatched on the "method" field of the login form, not on grant_type
		"webauthn": p.webauthnStep,
		"totp":     p.totpStep,
	}
	return p
}

// ServeHTTP picks the step from the login form.
func (p *LoginPage) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	step, ok := p.steps[r.FormValue("method")]
	if !ok {
		http.Error(w, "unknown sign-in method", http.StatusBadRequest)
		return
	}
	step(w, r)
}

func (p *LoginPage) passwordStep(w http.ResponseWriter, r *http.Request) {
	_ = p.tmpl.ExecuteTemplate(w, "password.html", nil)
}

func (p *LoginPage) webauthnStep(w http.ResponseWriter, r *http.Request) {
	_ = p.tmpl.ExecuteTemplate(w, "webauthn.html", nil)
}

func (p *LoginPage) totpStep(w http.ResponseWriter, r *http.Request) {
	_ = p.tmpl.ExecuteTemplate(w, "totp.html", nil)
}
