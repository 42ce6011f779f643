package passwordgrant

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

//passwordgrant:allow-file PG007 inputs of the filter property test: the host the judges look for

// judgesAccept reports whether any judge of constant text or values
// accepts s: the property the trigger filter must keep is that it admits
// every such s.
func judgesAccept(s string) bool {
	return isPasswordGrant(s) || isGrantKey(s) || grantInText(s) != "" || hasGoToHost(s)
}

// TestTriggerAdmitsJudges checks, on strings built from the judges' own
// vocabulary in random letter case and order, that the cheap filters in
// front of the rules never drop what a judge would accept: hasTrigger on
// a value, and litTrigger on the literal that spells it.
func TestTriggerAdmitsJudges(t *testing.T) {
	parts := []string{
		"password", "grant_type", "grantType", "grant-type", "=", "&", "?", "https://idp/token",
		"username", "u", `"`, ":", "{", "}", " ", "http://auth0.com/oauth/grant-type/", "password-realm",
		"api.getgo.com/oauth/v2", "/token", "client_credentials", "%70", "\t",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	accepted := 0
	for range 50000 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			p := parts[rng.IntN(len(parts))]
			if rng.IntN(3) == 0 {
				p = randomCase(rng, p)
			}
			b.WriteString(p)
		}
		s := b.String()
		if !judgesAccept(s) {
			continue
		}
		accepted++
		if !hasTrigger(s) {
			t.Fatalf("a judge accepts %q, but hasTrigger drops it", s)
		}
		for _, lit := range []string{strconv.Quote(s), strconv.QuoteToASCII(s), "`" + s + "`", escapeAll(s)} {
			if !litTrigger(lit) {
				t.Fatalf("a judge accepts %q, but litTrigger drops the literal %s", s, lit)
			}
		}
	}
	if accepted < 1000 {
		t.Fatalf("only %d generated strings were accepted by a judge: the generator tests too little", accepted)
	}
}

// TestTriggerCases pins the cases that led to the property above.
func TestTriggerCases(t *testing.T) {
	for _, s := range []string{"PASSWORD", "Password", "GRANT_TYPE", "API.GETGO.COM/OAUTH/V2/token"} {
		if !judgesAccept(s) || !hasTrigger(s) || !litTrigger(strconv.Quote(s)) {
			t.Errorf("%q: accepted %v, trigger %v", s, judgesAccept(s), hasTrigger(s))
		}
	}
	if !litTrigger(`"pass\u0077ord"`) {
		t.Error(`litTrigger drops "pass\u0077ord", which is "password"`)
	}
}

func randomCase(rng *rand.Rand, s string) string {
	b := []byte(s)
	for i, c := range b {
		if rng.IntN(2) == 0 && 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// escapeAll writes every byte of s as a \x escape in a quoted literal.
func escapeAll(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		b.WriteString(`\x`)
		b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
	}
	b.WriteByte('"')
	return b.String()
}

// TestLitTriggerAllocs keeps the filter in front of every literal free of
// allocations, escapes included: most packages cost only this scan.
func TestLitTriggerAllocs(t *testing.T) {
	for _, lit := range []string{`"plain"`, `"GET / HTTP/1.1\r\nHost: x\r\n\r\n"`, "`raw\\n`", `"pass\u0077ord"`} {
		if n := testing.AllocsPerRun(100, func() { litTrigger(lit) }); n != 0 {
			t.Errorf("litTrigger(%s) allocates %v times", lit, n)
		}
	}
}
