package lsp

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/oauthlint/passwordgrant/passwordgrant"
)

// Main is `passwordgrant lsp [flags]`: the language server on stdin and
// stdout, logging to stderr. It returns the exit code.
func Main(args []string, stdin io.ReadCloser, stdout io.WriteCloser, stderr io.Writer) int {
	fs := flag.NewFlagSet("passwordgrant lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	// The analyzer's own flags (-funcs, -report-unused, ...), as the
	// command takes them.
	a, err := passwordgrant.New(passwordgrant.DefaultConfig())
	if err != nil {
		fmt.Fprintf(stderr, "passwordgrant lsp: %v\n", err)
		return 2
	}
	a.Flags.VisitAll(func(f *flag.Flag) { fs.Var(f.Value, f.Name, f.Usage) })
	debounce := fs.Duration("debounce", DefaultDebounce, "while the user types, wait this long after the last change before analyzing")
	fs.Bool("stdio", true, "speak LSP on stdin and stdout (the only transport; accepted because clients pass it)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: passwordgrant lsp [flags]\n\nA Language Server Protocol server, on stdin and stdout, that reports\npasswordgrant's findings and offers their fixes. Run it beside gopls.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "passwordgrant lsp: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return 2
	}
	return Serve(context.Background(), stdio{stdin, stdout}, Options{
		Analyzer: a,
		Debounce: *debounce,
		Log:      stderr,
		Version:  version(),
	})
}

// stdio is the server's end of the pipe to the editor.
type stdio struct {
	in  io.ReadCloser
	out io.WriteCloser
}

func (s stdio) Read(p []byte) (int, error)  { return s.in.Read(p) }
func (s stdio) Write(p []byte) (int, error) { return s.out.Write(p) }
func (s stdio) Close() error                { return errors.Join(s.in.Close(), s.out.Close()) }

// version is the module version the binary was built from, if recorded.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return ""
}
