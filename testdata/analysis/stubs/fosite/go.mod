module github.com/ory/fosite

go 1.26.0
