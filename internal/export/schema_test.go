package export

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestCSLJSONSchema validates the CSL-JSON exports against the published
// CSL-JSON schema, vendored in testdata (see testdata/README.md). The
// schema forbids properties it does not define, so a misspelt variable
// fails here, not silently in a reference manager.
func TestCSLJSONSchema(t *testing.T) {
	f, err := os.Open("testdata/csl-data.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	const url = "https://resource.citationstyles.org/schema/v1.0/input/json/csl-data.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range exports(t) {
		if !strings.HasSuffix(name, ".json") {
			continue
		}
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := schema.Validate(v); err != nil {
			t.Errorf("%s is not CSL-JSON: %v", name, err)
		}
	}
	// The schema is strict enough to catch a wrong export.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`[{"id": "x", "type": "news article", "authors": []}]`))
	if schema.Validate(bad) == nil {
		t.Error("the schema accepts an item with an unknown type and property")
	}
}
