// Package sarif writes analysis results as a SARIF 2.1.0 log, the format
// that code-scanning services (GitHub code scanning among them) ingest.
//
// It holds the part of the SARIF object model that a static analyzer needs
// (one run, its tool and rules, results with locations and fixes) and knows
// nothing of go/analysis: the command maps diagnostics onto it.
package sarif
