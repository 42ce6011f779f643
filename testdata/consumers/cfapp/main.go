// Command cfapp lists Cloud Foundry apps with
// github.com/cloudfoundry-community/go-cfclient, signing in as its users do.
package main

import (
	"fmt"
	"log"
	"os"

	cfclient "github.com/cloudfoundry-community/go-cfclient"
)

func main() {
	// The SDK's constructor signs in with the password grant when the
	// config holds a username and password.
	c, err := cfclient.NewClient(&cfclient.Config{
		ApiAddress: "https://api.cf.example",
		Username:   os.Getenv("CF_USER"),
		Password:   os.Getenv("CF_PASSWORD"),
	})
	if err != nil {
		log.Fatal(err)
	}
	apps, err := c.ListApps()
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range apps {
		fmt.Println(a.Name)
	}
}
