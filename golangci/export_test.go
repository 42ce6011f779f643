package golangci

// FirstFixOnly exposes firstFixOnly to the external tests.
var FirstFixOnly = firstFixOnly
