package lsp

import (
	"testing"
)

func TestPosition(t *testing.T) {
	content := []byte("a\n🔑é\"x\"\n\nlast")
	tests := []struct {
		offset int
		want   Position
	}{
		{0, Position{0, 0}},
		{1, Position{0, 1}},  // the newline
		{2, Position{1, 0}},  // 🔑: 4 bytes, 2 units
		{6, Position{1, 2}},  // é: 2 bytes, 1 unit
		{8, Position{1, 3}},  // "
		{11, Position{1, 6}}, // end of line 1
		{12, Position{2, 0}}, // empty line
		{13, Position{3, 0}},
		{17, Position{3, 4}}, // end of content
	}
	for _, tt := range tests {
		got, err := position(content, tt.offset)
		if err != nil || got != tt.want {
			t.Errorf("position(%d) = %+v, %v; want %+v", tt.offset, got, err, tt.want)
		}
		back, err := offset(content, tt.want)
		if err != nil || back != tt.offset {
			t.Errorf("offset(%+v) = %d, %v; want %d", tt.want, back, err, tt.offset)
		}
	}
	if _, err := position(content, len(content)+1); err == nil {
		t.Error("position past the end: no error")
	}
	if _, err := offset(content, Position{Line: 9}); err == nil {
		t.Error("offset of line 9 of 4: no error")
	}
	// Past the end of a line means its end.
	if got, _ := offset(content, Position{Line: 0, Character: 99}); got != 1 {
		t.Errorf("offset past the end of line 0 = %d, want 1", got)
	}
	// An invalid byte is one unit, as the editor's U+FFFD.
	if got := utf16Len([]byte("\xffa")); got != 2 {
		t.Errorf("utf16Len of an invalid byte and a = %d, want 2", got)
	}
}

func TestURI(t *testing.T) {
	for _, path := range []string{"/tmp/a b/ü#1.go", "/x/y.go"} {
		uri := uriFromPath(path)
		back, err := pathFromURI(uri)
		if err != nil || back != path {
			t.Errorf("%s -> %s -> %s, %v", path, uri, back, err)
		}
	}
	if _, err := pathFromURI("untitled:Untitled-1"); err == nil {
		t.Error("untitled: URI accepted")
	}
}
