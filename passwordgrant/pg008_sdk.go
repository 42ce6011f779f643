package passwordgrant

import (
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// PG008: a call of another module's function, a method value of it, or the
// construction of its type, that performs the password grant: an SDK's
// Login. Found through facts (facts.go), with -deps; reported at the
// application's call site, naming the SDK function and where inside it the
// grant is sent. The first fix is a marker: the SDK's other sign-in is a
// choice for a person.

// sdkUse reports a use of another module's function or type that performs
// the password grant: the application's call site is where it chooses the
// grant, as govulncheck reports a dependency's behaviour where it is
// called.
func (c *checker) sdkUse(u apiUse, name, what string, obj types.Object, chain []string) {
	r, _ := RuleByID(PG008)
	f := &finding{rule: PG008, cur: u.cur, node: u.node, anchor: u.anchor,
		msg: u.how + " " + name + ", which " + what + "; " + r.Advice}
	f.related = append(f.related, analysis.RelatedInformation{Pos: obj.Pos(), End: obj.Pos(),
		Message: name + " " + what})
	for _, step := range chain {
		f.related = append(f.related, analysis.RelatedInformation{Pos: obj.Pos(), End: obj.Pos(), Message: "via " + step})
	}
	f.fixes = func(fx *fixer) []analysis.SuggestedFix { return fx.todo(f, r.Advice) }
	c.add(f)
}
