module example.com/consumers/portal

go 1.26.0

require (
	github.com/cloudfoundry-community/go-cfclient v0.0.0-20220930021109-9c4e6c59ccf1
	github.com/mattn/go-mastodon v0.0.13
	golang.org/x/oauth2 v0.37.0
)

require (
	github.com/Masterminds/semver v1.4.2 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	github.com/pkg/errors v0.8.1 // indirect
	github.com/tomnomnom/linkheader v0.0.0-20250811210735-e5fe3b51442e // indirect
	golang.org/x/net v0.0.0-20220425223048-2871e0cb64e4 // indirect
	gopkg.in/yaml.v2 v2.4.0 // indirect
)
