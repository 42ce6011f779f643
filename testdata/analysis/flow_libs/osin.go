package flow_libs

import (
	"net/http"

	"github.com/openshift/osin"
)

// OsinServer is the legacy OAuth server of the billing portal, on osin.
type OsinServer struct {
	server *osin.Server
	dir    interface {
		CheckPassword(username, password string) bool
	}
}

// NewOsinServer enables the grants the portal's clients use.
func NewOsinServer(storage osin.Storage, dir interface{ CheckPassword(string, string) bool }) *OsinServer {
	cfg := osin.NewServerConfig()
	cfg.AllowedAuthorizeTypes = osin.AllowedAuthorizeType{osin.CODE}
	cfg.AllowedAccessTypes = osin.AllowedAccessType{osin.AUTHORIZATION_CODE, osin.REFRESH_TOKEN, osin.PASSWORD} // want "PG002"
	cfg.RequirePKCEForPublicClients = true
	return &OsinServer{server: osin.NewServer(cfg, storage), dir: dir}
}

// HandleToken serves the token endpoint: osin parses the request, and the
// application authorizes it by its type.
func (s *OsinServer) HandleToken(w http.ResponseWriter, r *http.Request) {
	resp := s.server.NewResponse()
	defer resp.Close()
	if ar := s.server.HandleAccessRequest(resp, r); ar != nil {
		switch ar.Type {
		case osin.AUTHORIZATION_CODE, osin.REFRESH_TOKEN:
			ar.Authorized = true
		case osin.PASSWORD: // want "PG005"
			ar.Authorized = s.dir.CheckPassword(ar.Username, ar.Password)
		case osin.CLIENT_CREDENTIALS:
			ar.Authorized = ar.Client != nil
		}
		s.server.FinishAccessRequest(resp, r, ar)
	}
	_ = osin.OutputJSON(resp, w, r)
}

// HandleStrictToken is the new endpoint: it turns the password grant away.
func (s *OsinServer) HandleStrictToken(w http.ResponseWriter, r *http.Request) {
	resp := s.server.NewResponse()
	defer resp.Close()
	if ar := s.server.HandleAccessRequest(resp, r); ar != nil {
		switch ar.Type {
		case osin.PASSWORD: // silent: the case answers unsupported_grant_type
			resp.SetError(osin.E_UNSUPPORTED_GRANT_TYPE, "use the authorization code flow")
		default:
			ar.Authorized = true
			s.server.FinishAccessRequest(resp, r, ar)
		}
	}
	_ = osin.OutputJSON(resp, w, r)
}

// NewOsinCodeOnlyServer allows only the code flow: no finding.
func NewOsinCodeOnlyServer(storage osin.Storage) *osin.Server {
	cfg := osin.NewServerConfig()
	cfg.AllowedAccessTypes = osin.AllowedAccessType{osin.AUTHORIZATION_CODE, osin.REFRESH_TOKEN} // silent: no password grant
	return osin.NewServer(cfg, storage)
}
