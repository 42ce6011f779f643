package passwordgrant

import (
	"go/ast"
	"go/token"
	"regexp"
	"strings"

	"golang.org/x/tools/go/analysis"
)

const (
	directivePrefix = "//passwordgrant:"
	// todoReason is what the "allow" fix writes; it is no reason yet, so it
	// suppresses nothing until a person replaces it.
	todoReason = "TODO(passwordgrant):"
)

// A directive is a //passwordgrant:allow comment.
type directive struct {
	pos      token.Pos
	end      token.Pos
	file     *ast.File
	fileWide bool     // allow-file
	rules    []string // empty: every rule
	problem  string   // why it is malformed; malformed directives suppress nothing
	used     bool

	from, to token.Pos // the code a line directive covers
}

var ruleList = regexp.MustCompile(`^PG[0-9]{3}(,PG[0-9]{3})*,?$`)

// parseDirectives reads every //passwordgrant: comment of the package. It
// looks only at comment text, so it costs nothing where there are none.
func parseDirectives(pass *analysis.Pass) []*directive {
	var dirs []*directive
	for _, f := range pass.Files {
		var inFile []*directive
		for _, cg := range f.Comments {
			for _, cm := range cg.List {
				if strings.HasPrefix(cm.Text, directivePrefix) {
					inFile = append(inFile, parseDirective(f, cm))
				}
			}
		}
		if len(inFile) > 0 {
			coverLines(pass.Fset, f, inFile)
			dirs = append(dirs, inFile...)
		}
	}
	return dirs
}

func parseDirective(f *ast.File, cm *ast.Comment) *directive {
	d := &directive{pos: cm.Pos(), end: cm.End(), file: f}
	verb, rest, _ := strings.Cut(strings.TrimPrefix(cm.Text, directivePrefix), " ")
	switch verb {
	case "allow":
	case "allow-file":
		d.fileWide = true
	default:
		d.problem = "unknown directive passwordgrant:" + verb + "; want passwordgrant:allow or passwordgrant:allow-file"
		return d
	}
	rest = strings.TrimSpace(rest)
	if first, after, _ := strings.Cut(rest, " "); ruleList.MatchString(first) {
		for id := range strings.SplitSeq(strings.TrimSuffix(first, ","), ",") {
			if r, ok := RuleByID(id); !ok || r.Directive {
				d.problem = "unknown rule " + id + " in passwordgrant:" + verb + "; rules are " + allowableRules()
				return d
			}
			d.rules = append(d.rules, id)
		}
		rest = strings.TrimSpace(after)
	}
	switch {
	case rest == "":
		d.problem = "passwordgrant:" + verb + " needs a reason: //passwordgrant:" + verb + " [PG001,...] <why the password grant must stay, e.g. a system user that is no person>"
	case strings.HasPrefix(rest, todoReason):
		d.problem = "passwordgrant:" + verb + " still has the TODO placeholder; replace it with the reason the password grant must stay"
	}
	return d
}

// coverLines computes what each line directive covers: its own line and
// the outermost node that starts on the next line, so that a directive above
// a multi-line statement covers all of it.
func coverLines(fset *token.FileSet, f *ast.File, dirs []*directive) {
	tf := fset.File(f.Pos())
	if tf == nil {
		return
	}
	for _, d := range dirs {
		if d.fileWide {
			continue
		}
		line := tf.Line(d.pos)
		d.from, d.to = tf.LineStart(line), endOfLine(tf, line)
		ast.Inspect(f, func(n ast.Node) bool {
			switch n.(type) {
			case nil, *ast.CommentGroup, *ast.Comment:
				return false
			case *ast.File:
				return true
			}
			if n.End() < d.from {
				return false // wholly before the directive
			}
			switch l := tf.Line(n.Pos()); {
			case l > line+1:
				return false
			case l == line || l == line+1:
				d.to = max(d.to, n.End())
				return false
			}
			return true // starts earlier: what starts on our lines is inside
		})
	}
}

func endOfLine(tf *token.File, line int) token.Pos {
	if line < tf.LineCount() {
		return tf.LineStart(line+1) - 1
	}
	return token.Pos(tf.Base() + tf.Size())
}

// allowableRules lists the rules an allow directive may name, for its
// error message: every rule of the catalogue but the directive rules.
func allowableRules() string {
	var ids []string
	for _, r := range catalogue {
		if !r.Directive {
			ids = append(ids, r.ID)
		}
	}
	return strings.Join(ids, ", ")
}

// suppressing returns the directive that allows f, if any.
func suppressing(dirs []*directive, fset *token.FileSet, f *finding) *directive {
	pos := f.start()
	for _, d := range dirs {
		if d.problem != "" || !d.covers(pos) || !d.names(f.rule) {
			continue
		}
		if d.fileWide && fset.File(d.pos) != fset.File(pos) {
			continue
		}
		return d
	}
	return nil
}

func (d *directive) covers(pos token.Pos) bool {
	if d.fileWide {
		return d.file.FileStart <= pos && pos <= d.file.FileEnd
	}
	return d.from <= pos && pos <= d.to
}

func (d *directive) names(rule string) bool {
	if len(d.rules) == 0 {
		return true
	}
	for _, r := range d.rules {
		if r == rule {
			return true
		}
	}
	return false
}

// reportDirectives reports malformed directives, and unused ones unless
// the configuration turns that off.
func reportDirectives(pass *analysis.Pass, dirs []*directive, reportUnused bool) {
	for _, d := range dirs {
		switch {
		case d.problem != "":
			reportDirective(pass, d, PG901, d.problem)
		case !d.used && reportUnused:
			reportDirective(pass, d, PG902, "this passwordgrant:allow directive suppresses nothing; remove it")
		}
	}
}

func reportDirective(pass *analysis.Pass, d *directive, rule, msg string) {
	r, _ := RuleByID(rule)
	pass.Report(analysis.Diagnostic{
		Pos: d.pos, End: d.end, Category: rule, Message: rule + ": " + msg, URL: r.URL(),
	})
}
