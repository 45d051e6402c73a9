// Package lang speaks to editors in their language: Chinese when the
// locale says so, English otherwise. Messages are written in English in
// the code, as format strings; the Chinese catalog (zh.go) gives each its
// translation, through golang.org/x/text/message. A message the catalog
// lacks is printed in English, so a missing translation never hides a
// problem; a test checks that every message the code writes as a
// literal has its translation.
package lang

import (
	"fmt"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"pinzhi/generator/internal/source"
)

// FromEnv returns the editor's language from the locale, as POSIX reads
// it: LC_ALL, else LC_MESSAGES, else LANG; Chinese when the first of them
// that is set starts with "zh" (zh_CN.UTF-8, zh_TW), else English.
func FromEnv(getenv func(string) string) language.Tag {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(v, "zh") {
				return language.Chinese
			}
			return language.English
		}
	}
	return language.English
}

// A Printer writes messages in one language. The zero value and nil
// write English.
type Printer struct {
	p  *message.Printer
	zh bool
}

var (
	catalogOnce sync.Once
	zhCatalog   *catalog.Builder
)

// New returns a Printer for tag: Chinese for any Chinese tag, else English.
func New(tag language.Tag) *Printer {
	if base, _ := tag.Base(); base.String() != "zh" {
		return &Printer{}
	}
	catalogOnce.Do(func() {
		zhCatalog = catalog.NewBuilder(catalog.Fallback(language.English))
		for en, zh := range Chinese {
			zhCatalog.SetString(language.Chinese, en, zh)
		}
	})
	return &Printer{p: message.NewPrinter(language.Chinese, message.Catalog(zhCatalog)), zh: true}
}

// Chinese reports whether p writes Chinese.
func (p *Printer) Chinese() bool { return p != nil && p.zh }

// Sprintf formats a message: the translation of format, if the catalog
// has one, with args.
func (p *Printer) Sprintf(format string, args ...any) string {
	if !p.Chinese() {
		return fmt.Sprintf(format, args...)
	}
	return p.p.Sprintf(format, args...)
}

// Text returns the translation of a message without arguments, or s.
func (p *Printer) Text(s string) string {
	if !p.Chinese() {
		return s
	}
	if zh, ok := Chinese[s]; ok {
		return zh
	}
	return s
}

// Problem prints a problem as source.Problem.Error does, in p's language:
// "path:line: 警告: message; hint" (the path and line as they are, since
// editors' tools jump to them).
func (p *Printer) Problem(pr source.Problem) string {
	if !p.Chinese() {
		return pr.Error()
	}
	return pr.Format(p.Text("warning: "), p.Sprintf, p.Text)
}

// Problems prints problems a line each.
func (p *Printer) Problems(ps []source.Problem) string {
	lines := make([]string, len(ps))
	for i, pr := range ps {
		lines[i] = p.Problem(pr)
	}
	return strings.Join(lines, "\n")
}
