// Command gencorpus writes the benchmarks' synthetic site of N community
// pages (see package corpus): in pinzhi's format, with this repository's
// layouts and assets, or with --hugo the same pages as a Hugo site. Run it
// from the repository's folder, whose content/ the text is drawn from.
//
//	go run ./bench/gencorpus [--hugo] N DIR
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"strconv"

	"pinzhi/bench/corpus"
)

func main() {
	hugo := flag.Bool("hugo", false, "write a Hugo site of the same pages")
	flag.Parse()
	n, err := strconv.Atoi(flag.Arg(0))
	if flag.NArg() != 2 || err != nil || n < 1 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus [--hugo] N DIR")
		os.Exit(2)
	}
	repo := os.DirFS(".")
	paras, err := corpus.Paragraphs(repo)
	check(err)
	pages := corpus.Pages(n, paras)
	files := corpus.Files(pages, paras)
	if *hugo {
		files = corpus.HugoFiles(pages, paras)
	} else {
		check(copyTree(repo, files, "layouts"))
		check(copyTree(repo, files, "assets"))
	}
	check(corpus.Write(flag.Arg(1), files))
}

// copyTree adds the files under dir of fsys to files.
func copyTree(fsys fs.FS, files map[string]string, dir string) error {
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		files[p] = string(data)
		return err
	})
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}
