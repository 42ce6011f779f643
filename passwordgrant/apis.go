package passwordgrant

import (
	"go/ast"
	"go/types"
	"maps"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
)

// This file is the vocabulary of APIs: how a function, method or type is
// named in the tables (apiKey), the tables' lookup, the -funcs additions,
// and the shape of a use (a call, a method value, a reference).

// An api is a function, method or type whose mere use is a finding.
type api struct {
	rule    string
	name    string // display name, e.g. "azidentity.NewUsernamePasswordCredential"
	what    string // what it does, completing "<name> ..."
	instead string // what to use instead
}

// apis is the one lookup table of known password-grant APIs, keyed by
// apiKey. Each rule's file holds its own entries. Keys leave out the pointer
// star of receivers so that a method matches whether it is declared on T
// or *T.
var apis = func() map[string]api {
	m := make(map[string]api)
	for _, part := range []map[string]api{oauth2APIs, libraryAPIs(), serverAPIs()} {
		maps.Copy(m, part)
	}
	return m
}()

// apiPackages holds the packages of the table, for the fast path.
var apiPackages = func() map[string]bool {
	m := map[string]bool{oauth2Path: true}
	for k := range apis {
		m[keyPackage(k)] = true
	}
	return m
}()

// apiNames holds the last name component of every table key, so that an
// identifier is looked up in the type information only when its name could
// be a match.
var apiNames = func() map[string]bool {
	m := make(map[string]bool)
	for k := range apis {
		m[lastName(k)] = true
	}
	return m
}()

func lastName(key string) string { return key[strings.LastIndexByte(key, '.')+1:] }

// normalizeKey drops the receiver star, the form apis is keyed by.
func normalizeKey(key string) string { return strings.Replace(key, "(*", "(", 1) }

// apiKey names obj the way the apis table does: pkg/path.Func,
// (pkg/path.T).Method or pkg/path.Type, with vendor prefixes removed.
// Objects that no table can name (locals, interface-less builtins) give "".
func apiKey(obj types.Object) string {
	switch obj := obj.(type) {
	case *types.Func:
		if recv := obj.Signature().Recv(); recv != nil {
			t := recv.Type()
			if p, ok := t.(*types.Pointer); ok {
				t = p.Elem()
			}
			named, ok := types.Unalias(t).(*types.Named)
			if !ok || named.Obj().Pkg() == nil {
				return ""
			}
			return "(" + trimVendor(named.Obj().Pkg().Path()) + "." + named.Origin().Obj().Name() + ")." + obj.Name()
		}
		if obj.Pkg() == nil {
			return ""
		}
		return trimVendor(obj.Pkg().Path()) + "." + obj.Name()
	case *types.TypeName:
		if obj.Pkg() == nil || obj.Parent() != obj.Pkg().Scope() {
			return ""
		}
		return trimVendor(obj.Pkg().Path()) + "." + obj.Name()
	}
	return ""
}

// keyPackage is the package path of a table key or -funcs name.
func keyPackage(key string) string {
	key = strings.TrimPrefix(strings.TrimPrefix(key, "("), "*")
	if i := strings.IndexByte(key, ')'); i >= 0 {
		key = key[:i]
	}
	return key[:max(strings.LastIndexByte(key, '.'), 0)]
}

// A funcsTable holds the -funcs names as table keys, with their last names
// and packages for the fast filters.
type funcsTable struct {
	keys, names, pkgs map[string]bool
}

func newFuncsTable(funcs []string) funcsTable {
	if len(funcs) == 0 {
		return funcsTable{} // nil maps: lookups cost no hashing
	}
	t := funcsTable{keys: make(map[string]bool), names: make(map[string]bool), pkgs: make(map[string]bool)}
	for _, f := range funcs {
		t.keys[normalizeKey(f)] = true
		t.names[lastName(f)] = true
		t.pkgs[keyPackage(f)] = true
	}
	return t
}

// funcsAPI is the table entry of a function named by -funcs.
func funcsAPI(key string) api {
	return api{PG004, key, "is configured as a password-grant API (-funcs)", libraryAdvice}
}

// An apiUse is one use of a table API: the identifier's cursor, the
// expression that names the API (the identifier or its selector), the call
// when the API is called, and how it is used, for messages.
type apiUse struct {
	cur    inspector.Cursor
	node   ast.Expr
	call   *ast.CallExpr
	how    string // "call to", "reference to" (a method value), "use of" (a type)
	anchor ast.Node
}

func apiUseAt(info *types.Info, cur inspector.Cursor, id *ast.Ident) apiUse {
	sel := selectorOrSelf(cur)
	u := apiUse{cur: sel, node: sel.Node().(ast.Expr), how: "use of", anchor: anchor(sel)}
	if call := callOf(sel); call != nil {
		u.how, u.call = "call to", call
		return u
	}
	if _, isFunc := info.Uses[id].(*types.Func); isFunc {
		u.how = "reference to"
	}
	return u
}

// message is the finding's message for a use of a.
func (u apiUse) message(a api) string {
	return u.how + " " + a.name + " " + a.what + "; " + a.instead
}

// callOf returns the call that calls the expression at cur, or nil.
func callOf(cur inspector.Cursor) *ast.CallExpr {
	child, p := up(cur)
	if call, ok := p.Node().(*ast.CallExpr); ok && call.Fun == child.Node() {
		return call
	}
	return nil
}
