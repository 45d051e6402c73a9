package generator

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// A Problem is one thing wrong with the site's source, found by a build.
// It prints as "path:line: message; hint", the form editors and their
// editors' "jump to error" features understand.
type Problem struct {
	Path    string // slash-separated, relative to the site root, e.g. "content/communities/a.md"
	Line    int    // 1-based; 0 when the problem is about the whole file
	Message string // what is wrong
	Hint    string // what to do about it; may be empty
	Warning bool   // a warning does not fail the build
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString("; ")
		b.WriteString(p.Hint)
	}
	return b.String()
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

// problemList collects problems as a build finds them.
type problemList struct {
	list Problems
}

func (l *problemList) add(path string, line int, hint string, format string, args ...any) {
	l.list = append(l.list, Problem{Path: path, Line: line, Message: fmt.Sprintf(format, args...), Hint: hint})
}

func (l *problemList) warn(path string, line int, hint string, format string, args ...any) {
	l.list = append(l.list, Problem{Path: path, Line: line, Message: fmt.Sprintf(format, args...), Hint: hint, Warning: true})
}

func (l *problemList) addAll(ps Problems) { l.list = append(l.list, ps...) }

// split sorts the problems and separates the errors from the warnings.
func (l *problemList) split() (errs, warnings Problems) {
	sortProblems(l.list)
	for _, p := range l.list {
		if p.Warning {
			warnings = append(warnings, p)
		} else {
			errs = append(errs, p)
		}
	}
	return errs, warnings
}

func sortProblems(ps Problems) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Message, b.Message))
	})
}
