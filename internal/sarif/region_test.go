package sarif

import "testing"

func TestNewRegion(t *testing.T) {
	tests := []struct {
		name                string
		content             string
		start, end          int
		sl, sc, el, ec, len int
	}{
		{"first byte", "abc", 0, 1, 1, 1, 1, 2, 1},
		{"empty at end", "abc", 3, 3, 1, 4, 1, 4, 0},
		{"second line", "ab\ncd\n", 3, 5, 2, 1, 2, 3, 2},
		{"spans lines", "ab\ncd\nef", 1, 7, 1, 2, 3, 2, 6},
		// "é" is two bytes but one UTF-16 unit.
		{"two-byte rune before", "é\"x\"", 2, 5, 1, 2, 1, 5, 3},
		// "😀" is four bytes and a surrogate pair: two units.
		{"astral rune before", "😀x", 4, 5, 1, 3, 1, 4, 1},
		{"invalid byte before", "\xffx", 1, 2, 1, 2, 1, 3, 1},
		{"after line break", "a\n", 2, 2, 2, 1, 2, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewRegion([]byte(tt.content), tt.start, tt.end)
			if err != nil {
				t.Fatal(err)
			}
			got := [4]int{r.StartLine, r.StartColumn, r.EndLine, r.EndColumn}
			want := [4]int{tt.sl, tt.sc, tt.el, tt.ec}
			if got != want {
				t.Errorf("lines/columns = %v, want %v", got, want)
			}
			if *r.ByteOffset != tt.start || *r.ByteLength != tt.len {
				t.Errorf("bytes = %d+%d, want %d+%d", *r.ByteOffset, *r.ByteLength, tt.start, tt.len)
			}
		})
	}
}

func TestNewRegionOutOfRange(t *testing.T) {
	for _, r := range [][2]int{{-1, 0}, {2, 1}, {0, 4}} {
		if _, err := NewRegion([]byte("abc"), r[0], r[1]); err == nil {
			t.Errorf("NewRegion(%v) succeeded, want error", r)
		}
	}
}
