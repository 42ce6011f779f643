package sarif

import (
	"fmt"
	"unicode/utf8"
)

// ColumnKind is the unit of Region columns in logs this package writes.
// SARIF has no byte columns; UTF-16 code units are its default and what
// GitHub code scanning expects.
const ColumnKind = "utf16CodeUnits"

// NewRegion returns the region of content between byte offsets start and
// end (end exclusive, as token.Pos ranges are). Lines are 1-based and split
// at '\n' only, as go/token does; columns are 1-based UTF-16 code units.
func NewRegion(content []byte, start, end int) (Region, error) {
	if start < 0 || end < start || end > len(content) {
		return Region{}, fmt.Errorf("region [%d,%d) outside file of %d bytes", start, end, len(content))
	}
	sl, sc := lineColumn(content, start)
	el, ec := lineColumn(content, end)
	length := end - start
	return Region{
		StartLine: sl, StartColumn: sc,
		EndLine: el, EndColumn: ec,
		ByteOffset: &start, ByteLength: &length,
	}, nil
}

func lineColumn(content []byte, offset int) (line, column int) {
	line, lineStart := 1, 0
	for i, b := range content[:offset] {
		if b == '\n' {
			line, lineStart = line+1, i+1
		}
	}
	column = 1
	for rest := content[lineStart:offset]; len(rest) > 0; {
		r, size := utf8.DecodeRune(rest)
		rest = rest[size:]
		// Invalid bytes decode as one RuneError each, one unit wide.
		if r >= 0x10000 {
			column += 2 // a surrogate pair
		} else {
			column++
		}
	}
	return line, column
}
