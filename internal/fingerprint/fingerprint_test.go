package fingerprint

import (
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ a, b string }{
		// gofmt's spacing, and a list broken over lines with its trailing comma
		{`conf.PasswordCredentialsToken(ctx,user,pass)`, "conf.PasswordCredentialsToken(\n\tctx,\n\tuser,\n\tpass,\n)"},
		{`url.Values{"scope": {"openid"}}`, "url.Values{\n\t\"scope\": {\"openid\"}, // legacy\n}"},
		// comments inside the expression are not code
		{`f(/* why */ x)`, `f(x)`},
	}
	for _, tt := range tests {
		if na, nb := Normalize([]byte(tt.a)), Normalize([]byte(tt.b)); na != nb {
			t.Errorf("Normalize(%q) = %q, Normalize(%q) = %q; want them equal", tt.a, na, tt.b, nb)
		}
	}
	different := [][2]string{
		{`f(x)`, `f(y)`},
		{`"password"`, `"Password"`},
		{"`a b`", "`a  b`"}, // inside a literal, spaces are content
	}
	for _, d := range different {
		if Normalize([]byte(d[0])) == Normalize([]byte(d[1])) {
			t.Errorf("Normalize(%q) == Normalize(%q); want them different", d[0], d[1])
		}
	}
	// A directive is all comment: its text is what identifies it.
	if got := Normalize([]byte("//passwordgrant:allow   PG001  system user")); got != "//passwordgrant:allow PG001 system user" {
		t.Errorf("Normalize(directive) = %q", got)
	}
}

const src = `package p

import "example.com/oauth2"

// defaultForm is a form.
var defaultForm, other = map[string]string{"scope": "openid"}, 1

type Client[T any] struct{ conf *oauth2.Config }

func (c *Client[T]) Login(user, pass string) {
	c.conf.PasswordCredentialsToken(nil, user, pass)
	c.conf.PasswordCredentialsToken(nil, user, pass)
}

func (Client[T]) Name() string { return "x" }

func init() {}
`

func TestEnclosing(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string, nth int) token.Pos {
		off := -1
		for range nth + 1 {
			off += 1 + strings.Index(src[off+1:], s)
		}
		return fset.File(f.Pos()).Pos(off)
	}
	tests := []struct {
		pos  token.Pos
		want string
	}{
		{at(`"openid"`, 0), "var defaultForm, other"},
		{at("is a form", 0), "var defaultForm, other"}, // the doc comment belongs to it
		{at("PasswordCredentialsToken", 1), "func (*Client).Login"},
		{at(`"x"`, 0), "func (Client).Name"},
		{at("{}", 1), "func init"},
		{at("struct", 0), "type Client"},
		{at(`"example.com`, 0), `import "example.com/oauth2"`},
		{at("package", 0), "file"},
	}
	for _, tt := range tests {
		if got := Enclosing(f, tt.pos); got != tt.want {
			t.Errorf("Enclosing(%s) = %q, want %q", fset.Position(tt.pos), got, tt.want)
		}
	}
}

// fingerprints returns the fingerprints of the PasswordCredentialsToken
// calls in source, computed as the command does.
func fingerprints(t *testing.T, source string) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", source, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	tf := fset.File(f.Pos())
	var keys []Key
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "PasswordCredentialsToken" {
			keys = append(keys, Key{
				Rule: "PG001",
				File: "example.com/p/p.go",
				Decl: Enclosing(f, call.Pos()),
				Expr: Normalize([]byte(source[tf.Offset(call.Pos()):tf.Offset(call.End())])),
			})
		}
		return true
	})
	return Assign(keys)
}

func TestFingerprintsSurviveEdits(t *testing.T) {
	before := fingerprints(t, src)
	if len(before) != 2 || before[0] == before[1] {
		t.Fatalf("two identical calls in one function: fingerprints %q, want two different ones", before)
	}

	// Lines inserted above every finding, then the file laid out badly and
	// gofmt'ed again.
	edited := strings.ReplaceAll(src, "\tc.conf.PasswordCredentialsToken(nil, user, pass)\n",
		"\tprintln(\"inserted\")\n\n\tc.conf.PasswordCredentialsToken(nil,\n\t\tuser,\n\t\tpass,\n\t)\n")
	edited = strings.Replace(edited, "type Client", "const added = 1\n\ntype Client", 1)
	formatted, err := format.Source([]byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	if after := fingerprints(t, string(formatted)); !slices.Equal(after, before) {
		t.Errorf("after inserting lines and gofmt: %q, want %q", after, before)
	}

	// Moved to another function, or calling with other arguments, it is
	// another finding.
	moved := strings.Replace(src, "func init() {}", "func init() {\n\tvar c *Client[int]\n\tc.conf.PasswordCredentialsToken(nil, \"a\", \"b\")\n}", 1)
	after := fingerprints(t, moved)
	if len(after) != 3 || !slices.Equal(after[:2], before) || slices.Contains(before, after[2]) {
		t.Errorf("a third call in init: %q; want the two old fingerprints and a new one", after)
	}
}

func TestSum(t *testing.T) {
	k := Key{Rule: "PG001", File: "example.com/p/p.go", Decl: "func f", Expr: "f ( )"}
	s := k.Sum(0)
	if len(s) != 32 || strings.Trim(s, "0123456789abcdef") != "" {
		t.Errorf("Sum = %q, want 32 hex digits", s)
	}
	for _, other := range []Key{
		{Rule: "PG002", File: k.File, Decl: k.Decl, Expr: k.Expr},
		{Rule: k.Rule, File: "example.com/p/q.go", Decl: k.Decl, Expr: k.Expr},
		{Rule: k.Rule, File: k.File, Decl: "func g", Expr: k.Expr},
		{Rule: k.Rule, File: k.File, Decl: k.Decl, Expr: "g ( )"},
	} {
		if other.Sum(0) == s {
			t.Errorf("%+v has the fingerprint of %+v", other, k)
		}
	}
	if k.Sum(1) == s {
		t.Error("occurrence 1 has the fingerprint of occurrence 0")
	}
	// The parts are separated: moving text from one to the next changes it.
	if (Key{Rule: "PG00", File: "1" + k.File, Decl: k.Decl, Expr: k.Expr}).Sum(0) == s {
		t.Error("parts are not separated in the hash")
	}
}
