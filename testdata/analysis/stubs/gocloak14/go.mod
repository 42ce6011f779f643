module github.com/Nerzal/gocloak/v14

go 1.26.0
