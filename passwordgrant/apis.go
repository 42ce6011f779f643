package passwordgrant

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"strings"

	"golang.org/x/tools/go/ast/edge"
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

// fieldKey names the field selected at cur the way the tables do,
// (pkg/path.T).Field, or "" where cur is not a field selection.
func fieldKey(info *types.Info, cur inspector.Cursor) string {
	sel, ok := selectorOrSelf(cur).Node().(*ast.SelectorExpr)
	if !ok {
		return ""
	}
	s := info.Selections[sel]
	if s == nil || s.Kind() != types.FieldVal {
		return ""
	}
	named, ok := types.Unalias(deref(s.Recv())).(*types.Named)
	if !ok || named.Obj().Pkg() == nil || len(s.Index()) != 1 {
		return ""
	}
	return "(" + trimVendor(named.Obj().Pkg().Path()) + "." + named.Origin().Obj().Name() + ")." + sel.Sel.Name
}

// apisByName lists the table keys by their last name, for interfaceAPI.
var apisByName = func() map[string][]string {
	m := make(map[string][]string)
	for k := range apis {
		m[lastName(k)] = append(m[lastName(k)], k)
	}
	return m
}()

// interfaceAPI returns the table API that obj, a method of an interface,
// stands for: one of the same name whose package the method's parameters
// use (an interface over MSAL's client names public.AcquireByUsernamePasswordOption).
// A call through the interface reaches the API for any value of a type
// that has it.
func interfaceAPI(obj types.Object) (api, bool) {
	fn, ok := obj.(*types.Func)
	if !ok || fn.Signature().Recv() == nil || !types.IsInterface(fn.Signature().Recv().Type()) {
		return api{}, false
	}
	for _, key := range apisByName[fn.Name()] {
		pkg := keyPackage(key)
		for v := range fn.Signature().Params().Variables() {
			if usesPackage(v.Type(), pkg) {
				a := apis[key]
				a.name += " (through interface method " + fn.Name() + ")"
				return a, true
			}
		}
	}
	return api{}, false
}

// usesPackage reports whether t is, or is made of, a named type of pkg.
func usesPackage(t types.Type, pkg string) bool {
	switch t := types.Unalias(t).(type) {
	case *types.Pointer:
		return usesPackage(t.Elem(), pkg)
	case *types.Slice:
		return usesPackage(t.Elem(), pkg)
	case *types.Named:
		return t.Obj().Pkg() != nil && trimVendor(t.Obj().Pkg().Path()) == pkg
	}
	return false
}

// constructs reports whether the type named at cur is given a value there:
// a composite literal &T{...} or new(T).
func constructs(info *types.Info, cur inspector.Cursor) bool {
	switch k, _ := cur.ParentEdge(); k {
	case edge.CompositeLit_Type:
		return true
	case edge.CallExpr_Args:
		b, ok := info.Uses[calleeIdent(cur.Parent().Node().(*ast.CallExpr))].(*types.Builtin)
		return ok && b.Name() == "new"
	}
	return false
}

// assigns reports whether the expression at cur is assigned to.
func assigns(cur inspector.Cursor) bool {
	k, _ := cur.ParentEdge()
	as, ok := cur.Parent().Node().(*ast.AssignStmt)
	return ok && k == edge.AssignStmt_Lhs && as.Tok != token.DEFINE
}
