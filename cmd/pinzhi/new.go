package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"pinzhi/generator"
	"pinzhi/generator/lang"
)

const newUsage = `Usage:
  pinzhi new community TITLE --district DISTRICT [--leader NAME] [--role ROLE] [--slug SLUG] [--src DIR]
  pinzhi new page PATH TITLE [--src DIR]

pinzhi new community writes content/communities/<slug>.md: the slug is the
title's pinyin without tones and without 社区, unless --slug gives one; the
weight is the one after the last community's. pinzhi new page writes
content/PATH.md, a plain page at /PATH/. Nothing is ever overwritten.

Flags:
`

func newFile(args []string, stdout, stderr io.Writer, say *lang.Printer) int {
	fs := flag.NewFlagSet("pinzhi new", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), newUsage)
		fs.PrintDefaults()
	}
	src := fs.String("src", ".", "the site's `folder`, holding content/")
	var c generator.NewCommunity
	fs.StringVar(&c.District, "district", "", "community: its district: the `name` or slug, e.g. 鄞州区")
	fs.StringVar(&c.Leader, "leader", "", "community: its leader's `name`")
	fs.StringVar(&c.Role, "role", "", "community: the leader's `role`, e.g. 党委书记")
	fs.StringVar(&c.Slug, "slug", "", "community: the page's URL `segment`, instead of the title's pinyin")
	words, code, ok := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	var created *generator.Created
	var err error
	switch {
	case len(words) == 2 && words[0] == "community":
		c.Title = words[1] // no date: the page is published on the edition's
		created, err = generator.CreateCommunity(*src, c)
	case len(words) == 3 && words[0] == "page":
		if c != (generator.NewCommunity{}) {
			fmt.Fprintln(stderr, "pinzhi new page: --district, --leader, --role and --slug are for communities")
			return 2
		}
		created, err = generator.CreatePage(*src, words[1], words[2])
	default:
		fs.Usage()
		return 2
	}
	if err != nil {
		var problems generator.Problems
		if errors.As(err, &problems) {
			fmt.Fprintln(stderr, say.Problems(problems))
			fmt.Fprintln(stderr, say.Text("pinzhi new: the site would not build with the new file; nothing was written"))
			return 1
		}
		fmt.Fprintln(stderr, "pinzhi new:", printable(err.Error()))
		return 1
	}
	printCreated(stdout, created, say)
	return 0
}

func printCreated(w io.Writer, c *generator.Created, say *lang.Printer) {
	fmt.Fprint(w, say.Sprintf("wrote %s, a draft: pinzhi serve shows it marked 草稿; pinzhi build publishes it once you delete its line draft: true\n", printable(c.File)))
	if c.NoAddress {
		fmt.Fprint(w, say.Sprintf("  address: %s on the site, whose address baseURL in content/_index.md does not give yet\n", c.Address))
	} else {
		fmt.Fprint(w, say.Sprintf("  address: %s\n", c.Address))
	}
	if c.Pinyin {
		fmt.Fprint(w, say.Sprintf("  slug:    %s, the title's pinyin", c.Slug))
		if len(c.Guesses) > 0 {
			var chars []string
			for _, g := range c.Guesses {
				chars = append(chars, say.Sprintf("%s %s (or %s)", g.Char, g.Chosen, strings.Join(g.Others, ", ")))
			}
			fmt.Fprint(w, say.Sprintf("; read %s: if that is wrong, run again with --slug", strings.Join(chars, "; ")))
		}
		fmt.Fprintln(w)
	}
	for _, m := range c.Missing {
		fmt.Fprint(w, say.Sprintf("  fill in: %s (the site does not build without it)\n", m))
	}
}

// parseInterspersed parses flags wherever they stand among the words:
// pinzhi new community 丹顶鹤社区 --district 鄞州区.
func parseInterspersed(fs *flag.FlagSet, args []string) (words []string, code int, ok bool) {
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			return nil, 0, false
		case err != nil:
			return nil, 2, false
		case fs.NArg() == 0:
			return words, 0, true
		}
		words = append(words, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
