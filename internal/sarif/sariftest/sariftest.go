// Package sariftest checks SARIF logs against the SARIF 2.1.0 JSON schema
// that the repository ships in testdata/sarif (see the README there for its
// origin). Tests of every package that writes SARIF use it.
package sariftest

import (
	"bytes"
	"fmt"
	"os"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaFile is the schema's path relative to the module root.
const SchemaFile = "testdata/sarif/sarif-2.1.0-rtm.5.json"

var (
	mu       sync.Mutex
	compiled = map[string]*jsonschema.Schema{}
)

// Validate reports whether log, a SARIF log in JSON, conforms to the schema
// at schemaPath, with format assertions (uri, date-time) turned on.
func Validate(schemaPath string, log []byte) error {
	sch, err := load(schemaPath)
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(log))
	if err != nil {
		return fmt.Errorf("sariftest: log is not JSON: %w", err)
	}
	if err := sch.Validate(inst); err != nil {
		return fmt.Errorf("sariftest: log does not conform to %s: %w", schemaPath, err)
	}
	return nil
}

func load(schemaPath string) (*jsonschema.Schema, error) {
	mu.Lock()
	defer mu.Unlock()
	if sch, ok := compiled[schemaPath]; ok {
		return sch, nil
	}
	f, err := os.Open(schemaPath)
	if err != nil {
		return nil, fmt.Errorf("sariftest: %w", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, fmt.Errorf("sariftest: parsing schema %s: %w", schemaPath, err)
	}
	// The schema names itself by its SchemaStore URL; registering the
	// document under that name keeps the compiler off the network.
	const url = "https://json.schemastore.org/sarif-2.1.0-rtm.5.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("sariftest: adding schema %s: %w", schemaPath, err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("sariftest: compiling schema %s: %w", schemaPath, err)
	}
	compiled[schemaPath] = sch
	return sch, nil
}
