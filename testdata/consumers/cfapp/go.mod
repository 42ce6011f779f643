module example.com/consumers/cfapp

go 1.26.0

require github.com/cloudfoundry-community/go-cfclient v0.0.0-20220930021109-9c4e6c59ccf1

require (
	github.com/Masterminds/semver v1.4.2 // indirect
	github.com/golang/protobuf v1.5.2 // indirect
	github.com/pkg/errors v0.8.1 // indirect
	golang.org/x/net v0.0.0-20220425223048-2871e0cb64e4 // indirect
	golang.org/x/oauth2 v0.0.0-20190130055435-99b60b757ec1 // indirect
	google.golang.org/appengine v1.4.0 // indirect
	google.golang.org/protobuf v1.28.0 // indirect
	gopkg.in/yaml.v2 v2.4.0 // indirect
)
