package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"pinzhi/generator/internal/model"
)

// TestHostileMarkdown gives the build bodies that cost goldmark more than
// linear time or memory. Each must end, at once, in a problem naming the
// file, the line and the limit, and the output must stay as it was.
// Without the limits, the first took 23 s, the second 186 s and 2.4 GB,
// the table 4.9 GB.
func TestHostileMarkdown(t *testing.T) {
	t.Parallel()
	manyLines := func(n int, line func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(line(i))
		}
		return b.String()
	}
	cases := []struct {
		name, body, want string
	}{
		{"200 KB of >", strings.Repeat(">", 200<<10) + " x\n", ":10: quotes and lists nest 204800 deep here, more than the 32 allowed"},
		{"5,000 levels of lists", manyLines(5000, func(i int) string { return strings.Repeat("  ", i) + "- x\n" }),
			":5009: this line is indented 10000 columns, more than the 132 allowed"},
		{"lists on one line", strings.Repeat("- ", 5000) + "x\n", ":10: quotes and lists nest 5000 deep here"},
		{"a table whose rows are shorter than its header", "|" + strings.Repeat(" a |", 1000) + "\n|" + strings.Repeat("-|", 1000) + "\n" +
			strings.Repeat("|1|\n", 4000), ":10: this table has 4002000 cells (its header's columns × its rows), more than the 100000 allowed"},
		{"unclosed links", "正文\n\n" + strings.Repeat("[a](", 40000) + "\n", ":12: this paragraph has 40000 \"[\", more than the 1000 allowed"},
		{"backticks of every length", manyLines(2000, func(i int) string { return strings.Repeat("`", i+1) + "a" }),
			":9: this paragraph has 2000 runs of backticks, more than the 1000 allowed"},
		{"40,000 reference definitions", manyLines(40000, func(i int) string { return fmt.Sprintf("[r%d]: /u%d\n", i, i) }),
			": the body has 40000 link reference definitions, more than the 10000 allowed"},
		{"400,000 list items", strings.Repeat("- a\n", 400000), ": the body has about 8000"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := repoSite(t)
			out, _ := mustBuild(t, site, Options{})
			before := readTree(t, out)
			put(site, badFile, communityFile("")+c.body)
			_, err := Build(Options{Src: site, Out: out})
			if !hasLine(problemsOf(t, err), badFile+c.want) {
				t.Errorf("want a problem starting %s%s, got:\n%v", badFile, c.want, err)
			}
			if diff := diffTrees(before, readTree(t, out)); diff != "" {
				t.Errorf("a failed build changed the output:\n%s", diff)
			}
		})
	}
}

// TestLimitsFromTheSite: content/_index.md raises or lowers the limits;
// the brand list, whose body is read when it is loaded, follows them too.
func TestLimitsFromTheSite(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, badFile, communityFile("")+"> > > > 深\n")
	setLimits := func(limits string) {
		put(site, model.IndexFile, strings.Replace(siteText(t), "reporter: 张昊\n", "reporter: 张昊\nlimits:\n"+limits, 1))
	}
	setLimits("  nesting: 3\n  elements: 150\n")
	_, _, err := buildInto(t, site, Options{})
	ps := problemsOf(t, err)
	for _, want := range []string{badFile + ":10: quotes and lists nest 4 deep here, more than the 3 allowed",
		model.BrandsFile + ": the body has about"} {
		if !hasLine(ps, want) {
			t.Errorf("no problem starts with %s:\n%v", want, ps)
		}
	}
	setLimits("  nesting: 4\n")
	mustBuild(t, site, Options{})
	setLimits("  nesting: 0\n  speed: 3\n")
	_, report, err := buildInto(t, site, Options{})
	if !hasLine(problemsOf(t, err), model.IndexFile+":") || !strings.Contains(err.Error(), "limits.nesting must be above 0") {
		t.Errorf("a limit of 0: %v", err)
	}
	_ = report
}

// TestRepeatedHeadings: ids for 20,000 headings of one text cost time in
// proportion to their number (it was quadratic: 24 s).
func TestRepeatedHeadings(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, badFile, communityFile("")+strings.Repeat("## 治理经验\n\n", 20000))
	out, _ := mustBuild(t, site, Options{})
	page, _ := os.ReadFile(filepath.Join(out, "communities/bad/index.html"))
	if !contains(page, "id=治理经验-19999>") || strings.Count(string(page), "id=治理经验") != 20000 {
		t.Error("the headings' ids are not治理经验, 治理经验-1 … 治理经验-19999")
	}
}

// TestRunawayLayouts: a layout that never ends, or writes without end,
// stops the build within the limits, with a problem naming the layout.
func TestRunawayLayouts(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, layout, want string
		seconds            int // the render bound: the size case's must not be met first, under -race on a busy machine
	}{
		{"a loop that never ends", `{{define "main"}}{{range 1000000000000}}{{end}}{{end}}`,
			"took longer than 1s to render", 1},
		{"a loop that writes gigabytes", `{{define "main"}}{{range 1000000000000}}品质社区品质社区{{end}}{{end}}`,
			"/index.html would be more than 1 MB", 20},
		{"a template that calls itself twice", `{{define "main"}}{{template "r" .}}{{end}}{{define "r"}}{{template "r" .}}{{template "r" .}}{{end}}`,
			"community.html", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := repoSite(t)
			limits := fmt.Sprintf("reporter: 张昊\nlimits:\n  renderSeconds: %d\n  pageMB: 1\n", c.seconds)
			put(site, model.IndexFile, strings.Replace(siteText(t), "reporter: 张昊\n", limits, 1))
			put(site, badFile, communityFile(""))
			put(site, "layouts/community.html", c.layout)
			_, _, err := buildInto(t, site, Options{})
			if !hasLine(problemsOf(t, err), "layouts/community.html:") || !strings.Contains(err.Error(), c.want) { // with or without a line: the depth or the time bound may come first
				t.Errorf("want a problem in layouts/community.html saying %s, got:\n%v", c.want, err)
			}
		})
	}
}

// TestSpecialFiles puts FIFOs and links to devices where the build reads
// files: none is opened (opening a FIFO waits for a writer for ever), and
// each is a problem naming it, or, where a file would be ignored, a
// warning.
func TestSpecialFiles(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, path, target, want string
	}{
		{"a FIFO as a page", "content/communities/fifo.md", "", "content/communities/fifo.md: is a named pipe (FIFO), not a file; it is not read"},
		{"a link to a FIFO as a page", "content/communities/link.md", "fifo", "content/communities/link.md: is a named pipe (FIFO)"},
		{"a FIFO beside the pages", "content/communities/notes", "", "content/communities/notes: warning: not a Markdown file; ignored"},
		{"a FIFO as a layout", "layouts/partials/fifo.html", "", "layouts/partials/fifo.html: is a named pipe (FIFO)"},
		{"a link to /dev/zero as an asset", "assets/zero.png", "/dev/zero", "assets/zero.png: is a symbolic link out of the site's folder (to /dev/zero)"},
		{"a device inside the site, linked", "assets/zero.png", "../dev-zero", "assets/zero.png: is a device, not a file"},
		{"a FIFO as an asset", "assets/fifo.css", "", "assets/fifo.css: is a named pipe (FIFO)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			writeSite(t, dir, repoSite(t))
			full := filepath.Join(dir, c.path)
			var err error
			switch c.target {
			case "":
				err = syscall.Mkfifo(full, 0o644)
			case "../dev-zero":
				// /dev/zero's numbers (1, 5): making a device takes root.
				if err = syscall.Mknod(filepath.Join(dir, "dev-zero"), syscall.S_IFCHR|0o644, 1<<8|5); err == nil {
					err = os.Symlink(c.target, full)
				}
			case "fifo":
				if err = syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644); err == nil {
					err = os.Symlink(filepath.Join(dir, "fifo"), full)
				}
			default:
				err = os.Symlink(c.target, full)
			}
			if err != nil {
				t.Skip("cannot make a special file here:", err)
			}
			_, report, err := buildInto(t, nil, Options{SrcDir: dir})
			var ps Problems
			if err != nil {
				ps = problemsOf(t, err)
			}
			if report != nil {
				ps = append(ps, report.Warnings...)
			}
			if !hasLine(ps, c.want) {
				t.Errorf("want a problem starting %s, got:\n%v", c.want, ps)
			}
		})
	}
}

// TestNamesOnEveryHost: names that work on Linux but not on every host
// the site is copied to are errors naming the file that gives the name.
func TestNamesOnEveryHost(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"a device name as a slug", map[string]string{badFile: communityFile("slug: con\n")},
			badFile + `:7: its file communities/con/index.html: "con" is a name Windows keeps for a device`},
		{"a device name as a file name", map[string]string{"content/communities/COM1.md": communityFile("")},
			`content/communities/COM1.md: its file communities/com1/index.html: "com1" is a name Windows keeps`},
		{"a slug ending in a dot", map[string]string{badFile: communityFile("slug: a.\n")},
			badFile + `:7: its file communities/a./index.html: "a." ends with a dot`},
		{"an asset with a colon", map[string]string{"assets/a:b.svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`},
			`assets/a:b.svg: its file assets/a:b.`},
		{"a district named for a device", map[string]string{model.IndexFile: strings.Replace(siteText(t), "slug: haishu", "slug: aux", 1)},
			model.IndexFile + ":" + lineOf(t, siteText(t), "- name: 海曙区") + `: its file districts/aux/index.html: "aux" is a name Windows keeps`},
		{"two slugs that differ in case", map[string]string{badFile: communityFile("slug: HouDaJie\n")},
			badFile + `:7: its file communities/HouDaJie/index.html is communities/houdajie/index.html of content/communities/houdajie.md but for letter case`},
		{"two assets that differ in case", map[string]string{"assets/Site.css": string(repoSite(t)["assets/site.css"].Data)},
			`assets/site.css: its file assets/site.`},
		{"an asset whose hashed name is too long", map[string]string{"assets/" + strings.Repeat("长", 75) + ".svg": `<svg xmlns="http://www.w3.org/2000/svg"/>`},
			"assets/" + strings.Repeat("长", 75) + ".svg: its file assets/" + strings.Repeat("长", 75) + "."},
		{"a path too long for the site", map[string]string{"content/" + strings.Repeat("a/", 520) + "x.md": "---\ntitle: 深\n---\n"},
			"content/" + strings.Repeat("a/", 520) + "x.md: its file " + strings.Repeat("a/", 30)},
		{"two file names in two Unicode forms", map[string]string{"content/communities/caf\u00e9.md": communityFile(""),
			"content/communities/cafe\u0301.md": communityFile("")},
			"content/communities/caf\u00e9.md: its page /communities/caf\u00e9/ is also the page of content/communities/cafe\u0301.md"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := repoSite(t)
			for name, text := range c.files {
				if text == "" {
					delete(site, name)
				} else {
					put(site, name, text)
				}
			}
			_, _, err := buildInto(t, site, Options{})
			if !hasLine(problemsOf(t, err), c.want) {
				t.Errorf("want a problem starting %s, got:\n%v", c.want, err)
			}
		})
	}
	// A name written on a Mac, in decomposed form, makes the slug
	// everyone else would type.
	site := repoSite(t)
	put(site, "content/communities/cafe\u0301.md", communityFile(""))
	out, _ := mustBuild(t, site, Options{})
	if _, err := os.Stat(filepath.Join(out, "communities/caf\u00e9/index.html")); err != nil {
		t.Errorf("the page of a decomposed name: %v", err)
	}
}

// TestIgnoredEverywhere: what no build reads is not published, whether it
// is in content/, layouts/ or assets/, and a hidden folder's files with it.
func TestIgnoredEverywhere(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, "assets/.private/secret.env", "TOKEN=1")
	put(site, "assets/site.css~", "old")
	put(site, "content/.drafts/a.md", "---\ntitle: 草稿\n---\n")
	put(site, "content/communities/#b.md#", communityFile(""))
	put(site, "layouts/partials/.card.html.swp", `{{define "card"}}{{.Nope}}{{end}}`)
	out, _ := mustBuild(t, site, Options{})
	for name, data := range readTree(t, out) {
		if strings.Contains(name, "secret") || strings.Contains(name, "drafts") || strings.Contains(data, "TOKEN") || strings.Contains(data, "草稿") {
			t.Errorf("published what no build reads: %s", name)
		}
	}
}
