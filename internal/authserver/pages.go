package authserver

import (
	"crypto/rand"
	"crypto/subtle"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"sync"

	oautherrors "github.com/go-oauth2/oauth2/v4/errors"
)

// The sign-in is two pages, as at most providers: the user logs in, then
// consents to the client's request. A session cookie carries the user
// between them and back to the authorization endpoint; each form carries
// the session's CSRF token.

const sessionCookie = "authserver_session"

type session struct {
	user    string
	csrf    string
	consent map[string]bool // client ID -> allowed; absent: not asked yet
}

type sessions struct {
	mu   sync.Mutex
	byID map[string]*session
}

func newSessions() *sessions { return &sessions{byID: make(map[string]*session)} }

// get returns the request's session, starting one (and setting its cookie)
// when it has none.
func (ss *sessions) get(w http.ResponseWriter, r *http.Request) *session {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if c, err := r.Cookie(sessionCookie); err == nil {
		if s, ok := ss.byID[c.Value]; ok {
			return s
		}
	}
	id := rand.Text()
	s := &session{csrf: rand.Text(), consent: make(map[string]bool)}
	ss.byID[id] = s
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode})
	return s
}

// update runs f on a session under the lock.
func (ss *sessions) update(s *session, f func(*session)) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	f(s)
}

// authorizeUser is the server's UserAuthorizationHandler: it returns the
// signed-in user once they have consented, and otherwise sends them to the
// login or consent page, which come back here.
func (s *Server) authorizeUser(w http.ResponseWriter, r *http.Request) (string, error) {
	sess := s.sessions.get(w, r)
	next := "/authorize?" + r.URL.RawQuery
	client := r.FormValue("client_id")
	var user string
	var allowed, asked bool
	s.sessions.update(sess, func(sess *session) {
		user = sess.user
		allowed, asked = sess.consent[client]
		if asked && !allowed {
			delete(sess.consent, client) // ask again next time
		}
	})
	switch {
	case user == "":
		http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusFound)
		return "", nil
	case !asked:
		http.Redirect(w, r, "/consent?next="+url.QueryEscape(next), http.StatusFound)
		return "", nil
	case !allowed:
		return "", oautherrors.ErrAccessDenied // back to the client with error=access_denied
	}
	return user, nil
}

var pages = template.Must(template.New("").Parse(`
{{define "login"}}<!doctype html>
<title>Sign in</title>
{{if .Failed}}<p>Wrong username or password.</p>{{end}}
<form method="post" action="/login">
<input type="hidden" name="next" value="{{.Next}}">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<label>Username <input name="username"></label>
<label>Password <input name="password" type="password"></label>
<button type="submit">Sign in</button>
</form>
{{end}}
{{define "consent"}}<!doctype html>
<title>Allow access</title>
<p>{{.Client}} asks for access to your account{{with .Scope}} ({{.}}){{end}}.</p>
<form method="post" action="/consent">
<input type="hidden" name="next" value="{{.Next}}">
<input type="hidden" name="csrf" value="{{.CSRF}}">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>
{{end}}
`))

type pageData struct {
	Next, CSRF    string
	Failed        bool
	Client, Scope string
}

func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.get(w, r)
	next := r.FormValue("next")
	if !strings.HasPrefix(next, "/authorize?") { // no open redirect
		http.Error(w, "bad next", http.StatusBadRequest)
		return
	}
	data := pageData{Next: next, CSRF: sess.csrf}
	if r.Method == http.MethodPost {
		if !validCSRF(sess, r) {
			http.Error(w, "bad CSRF token", http.StatusForbidden)
			return
		}
		if user := r.PostFormValue("username"); s.validUser(user, r.PostFormValue("password")) {
			s.sessions.update(sess, func(sess *session) { sess.user = user })
			http.Redirect(w, r, next, http.StatusSeeOther)
			return
		}
		data.Failed = true
		render(w, http.StatusUnauthorized, "login", data)
		return
	}
	render(w, http.StatusOK, "login", data)
}

func (s *Server) handleConsent(w http.ResponseWriter, r *http.Request) {
	sess := s.sessions.get(w, r)
	next := r.FormValue("next")
	u, err := url.Parse(next)
	if err != nil || !strings.HasPrefix(next, "/authorize?") {
		http.Error(w, "bad next", http.StatusBadRequest)
		return
	}
	client := u.Query().Get("client_id")
	if r.Method == http.MethodPost {
		if !validCSRF(sess, r) {
			http.Error(w, "bad CSRF token", http.StatusForbidden)
			return
		}
		allow := r.PostFormValue("decision") == "allow"
		s.sessions.update(sess, func(sess *session) { sess.consent[client] = allow })
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	render(w, http.StatusOK, "consent", pageData{Next: next, CSRF: sess.csrf, Client: client, Scope: u.Query().Get("scope")})
}

func validCSRF(sess *session, r *http.Request) bool {
	return subtle.ConstantTimeCompare([]byte(r.PostFormValue("csrf")), []byte(sess.csrf)) == 1
}

func render(w http.ResponseWriter, status int, name string, data pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = pages.ExecuteTemplate(w, name, data)
}
