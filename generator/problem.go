package generator

import "pinzhi/generator/internal/source"

// A Problem is one thing wrong with the site's source, found by a build.
// It prints as "path:line: message; hint", the form editors and their
// editors' "jump to error" features understand.
type Problem = source.Problem

// Problems is every problem a build found, sorted by path and line. A
// build that returns Problems as its error has at least one that is not a
// warning; warnings alone are reported in the build's Report instead.
type Problems = source.Problems

// Printable returns s with the characters a terminal, a log or an event
// stream would act on (control characters, escape sequences, line
// separators, marks that reorder text) written as escapes, as a quoted Go
// string writes them: pinzhi prints file names and values through it.
func Printable(s string) string { return source.Printable(s) }
