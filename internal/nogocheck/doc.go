// Package nogocheck holds a test that runs passwordgrant the way Bazel's
// rules_go nogo does, to keep the analyzer within what nogo gives an
// analyzer. It has no code of its own.
package nogocheck
