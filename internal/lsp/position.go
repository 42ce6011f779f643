package lsp

import (
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The server works in byte offsets, as go/token does; LSP positions count
// UTF-16 code units within a line. Lines end at '\n' (a '\r' before it is
// part of the line's text, which is what editors count too, since '\r' is
// one unit either way and never inside a range we report).

// lineStart returns the byte offset where zero-based line begins, or -1
// when content has fewer lines.
func lineStart(content []byte, line uint32) int {
	off := 0
	for ; line > 0; line-- {
		i := strings.IndexByte(string(content[off:]), '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	return off
}

// position converts a byte offset into content to an LSP position. An
// offset inside a multi-byte character counts from that character's start.
func position(content []byte, offset int) (Position, error) {
	if offset < 0 || offset > len(content) {
		return Position{}, fmt.Errorf("offset %d outside content of %d bytes", offset, len(content))
	}
	line := uint32(strings.Count(string(content[:offset]), "\n"))
	start := strings.LastIndexByte(string(content[:offset]), '\n') + 1
	return Position{Line: line, Character: utf16Len(content[start:offset])}, nil
}

// utf16Len is the length of b in UTF-16 code units. An invalid byte is one
// unit, as it becomes U+FFFD in the editor.
func utf16Len(b []byte) uint32 {
	n := uint32(0)
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b) // an invalid byte is U+FFFD, one unit
		b = b[size:]
		n += uint32(utf16.RuneLen(r))
	}
	return n
}

// offset converts an LSP position to a byte offset into content. A
// character past the end of its line means the end of the line (the
// protocol says so); a line past the end of content is an error.
func offset(content []byte, p Position) (int, error) {
	start := lineStart(content, p.Line)
	if start < 0 {
		return 0, fmt.Errorf("line %d outside content of %d lines", p.Line, strings.Count(string(content), "\n")+1)
	}
	end := len(content)
	if i := strings.IndexByte(string(content[start:]), '\n'); i >= 0 {
		end = start + i
	}
	off, units := start, uint32(0)
	for off < end && units < p.Character {
		r, size := utf8.DecodeRune(content[off:end])
		units += uint32(utf16.RuneLen(r))
		off += size
	}
	return off, nil
}

// pathFromURI returns the file path of a file: URI.
func pathFromURI(uri string) (string, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return "", fmt.Errorf("parsing document URI %q: %w", uri, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("document URI %q is not a file: URI", uri)
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		// file:///C:/dir/file.go
		p = strings.TrimPrefix(p, "/")
	}
	return filepath.Clean(filepath.FromSlash(p)), nil
}

// uriFromPath returns the file: URI of an absolute path.
func uriFromPath(path string) string {
	p := filepath.ToSlash(path)
	if runtime.GOOS == "windows" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
