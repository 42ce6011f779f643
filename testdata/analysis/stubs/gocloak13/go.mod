module github.com/Nerzal/gocloak/v13

go 1.26.0
