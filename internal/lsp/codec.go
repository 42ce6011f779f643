package lsp

import (
	"bytes"
	"encoding/json"

	"go.lsp.dev/jsonrpc2"
)

// codec encodes params and results with encoding/json rather than
// jsonrpc2's default json/v2 codec: v2 refuses strings that are not
// valid UTF-8, and a finding's message may quote source text that is not,
// which must not cost the whole diagnostics notification. encoding/json
// writes U+FFFD instead.
type codec struct{}

var _ jsonrpc2.Codec = codec{}

func (codec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case jsonrpc2.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	case json.RawMessage:
		if m == nil {
			return []byte("null"), nil
		}
		return m, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // as the Codec contract asks
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

func (codec) Unmarshal(data []byte, v any) error {
	switch m := v.(type) {
	case *jsonrpc2.RawMessage:
		*m = append((*m)[:0], data...)
		return nil
	case *json.RawMessage:
		*m = append((*m)[:0], data...)
		return nil
	}
	return json.Unmarshal(data, v)
}
