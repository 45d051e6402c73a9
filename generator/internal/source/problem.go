package source

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// A Problem is one thing wrong with a site's source, found by a build. It
// prints as "path:line: message; hint", the form editors and their
// editors' "jump to error" features understand.
type Problem struct {
	Path    string // slash-separated, relative to the site root, e.g. "content/communities/a.md"
	Line    int    // 1-based; 0 when the problem is about the whole file
	Message string // what is wrong
	Hint    string // what to do about it; may be empty
	Warning bool   // a warning does not fail the build
	// format and args made Message (see List.Add), and hint the Hint
	// when it was given as a Msg, kept so that the problem can be printed
	// in the editor's language (package lang).
	format string
	args   []any
	hint   Msg
}

// A Msg is a text made from a format and its arguments, kept apart so
// that it can be printed in the editor's language: a hint made from the
// editor's own values, or a part of a message. An argument that is a Msg
// is printed in the same language.
type Msg struct {
	Format string
	Args   []any
}

// M returns the Msg of a format and its arguments.
func M(format string, args ...any) Msg { return Msg{format, args} }

// String prints the Msg in English.
func (m Msg) String() string { return fmt.Sprintf(m.Format, english(m.Args)...) }

// english replaces each Msg among args with its English text.
func english(args []any) []any {
	if !slices.ContainsFunc(args, func(a any) bool { _, ok := a.(Msg); return ok }) {
		return args
	}
	out := slices.Clone(args)
	for i, a := range out {
		if m, ok := a.(Msg); ok {
			out[i] = m.String()
		}
	}
	return out
}

// Error prints the problem on one line, its control characters escaped
// (see Printable): a path or value may hold any of them.
func (p Problem) Error() string {
	return p.Format("warning: ", fmt.Sprintf, func(s string) string { return s })
}

// Format prints the problem as Error does, its words given by the
// editor's language: warning for the warning mark, message for a
// message made from a format, text for the others.
func (p Problem) Format(warning string, message func(string, ...any) string, text func(string) string) string {
	var b strings.Builder
	b.WriteString(Printable(p.Path))
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString(warning)
	}
	msg := text(p.Message)
	if p.format != "" {
		msg = message(p.format, localized(p.args, message)...)
	}
	b.WriteString(Printable(msg))
	hint := text(p.Hint)
	if p.hint.Format != "" {
		hint = message(p.hint.Format, localized(p.hint.Args, message)...)
	}
	if hint != "" {
		b.WriteString("; ")
		b.WriteString(Printable(hint))
	}
	return b.String()
}

// localized prints each Msg among args with message.
func localized(args []any, message func(string, ...any) string) []any {
	out := slices.Clone(args)
	for i, a := range out {
		if m, ok := a.(Msg); ok {
			out[i] = message(m.Format, localized(m.Args, message)...)
		}
	}
	return out
}

// Problems is every problem a build found, sorted by path and line.
// A build that returns Problems as its error has at least one that is not
// a warning; warnings alone are reported in the build's Report instead.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Split sorts the problems and separates the errors from the warnings.
func (ps Problems) Split() (errs, warnings Problems) {
	Sort(ps)
	for _, p := range ps {
		if p.Warning {
			warnings = append(warnings, p)
		} else {
			errs = append(errs, p)
		}
	}
	return errs, warnings
}

// Sort orders problems by file, line and message.
func Sort(ps Problems) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message))
	})
}

// A List collects problems as a build finds them.
type List struct {
	Problems Problems
}

// Add records an error.
func (l *List) Add(path string, line int, hint string, format string, args ...any) {
	l.Problems = append(l.Problems, Problem{Path: path, Line: line, Message: fmt.Sprintf(format, english(args)...), Hint: hint, format: format, args: args})
}

// Warn records a warning.
func (l *List) Warn(path string, line int, hint string, format string, args ...any) {
	l.Problems = append(l.Problems, Problem{Path: path, Line: line, Message: fmt.Sprintf(format, english(args)...), Hint: hint, Warning: true, format: format, args: args})
}

// AddM records an error whose hint is made from the editor's values.
func (l *List) AddM(path string, line int, hint Msg, format string, args ...any) {
	l.Problems = append(l.Problems, Problem{Path: path, Line: line, Message: fmt.Sprintf(format, english(args)...),
		Hint: hint.String(), format: format, args: args, hint: hint})
}

// WarnM records a warning whose hint is made from the editor's values.
func (l *List) WarnM(path string, line int, hint Msg, format string, args ...any) {
	l.Problems = append(l.Problems, Problem{Path: path, Line: line, Message: fmt.Sprintf(format, english(args)...),
		Hint: hint.String(), Warning: true, format: format, args: args, hint: hint})
}

// Errorf returns a problem made from a format, printable in the editor's
// language.
func Errorf(path string, line int, hint Msg, format string, args ...any) Problem {
	return Problem{Path: path, Line: line, Message: fmt.Sprintf(format, english(args)...), Hint: hint.String(), format: format, args: args, hint: hint}
}

// AddAll records problems found elsewhere.
func (l *List) AddAll(ps Problems) { l.Problems = append(l.Problems, ps...) }
