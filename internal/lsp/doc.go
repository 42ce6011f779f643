// Package lsp is passwordgrant's Language Server Protocol server, run as
// `passwordgrant lsp`. It runs beside gopls and speaks only passwordgrant:
// it publishes the analyzer's findings for open Go files (code = rule ID,
// codeDescription = the rule's documentation, severity from the rule's
// level) and offers every suggested fix as a quick fix. It claims no other
// capability, so nothing it does overlaps with gopls.
//
// Each change is analyzed on the editor's buffers (go/packages overlays),
// for the package of the changed file only; dependencies come from the go
// command's export data, which its build cache keeps across edits. While
// the user types, changes are debounced and a stale run is cancelled, so
// work never queues.
package lsp
