// Package corpus holds TestRealWorldCorpus, which runs the analyzer over
// pinned versions of real modules fetched through the module proxy and
// checks its findings at file:line. It has no non-test code.
package corpus
