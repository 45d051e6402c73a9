package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"gopkg.in/yaml.v3"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/source"
)

// NewCommunity is what pinzhi new community writes into a new file.
type NewCommunity struct {
	Title    string // e.g. 丹顶鹤社区
	District string // a configured district's name or slug
	Leader   string // may be empty: the file then asks for it
	Role     string
	Slug     string    // when empty, the title's pinyin
	Date     time.Time // written as the page's date unless zero
}

// A Reading is a character of a title that pinyin reads more than one
// way: the slug took the first, the commonest.
type Reading = model.Reading

// Created says what CreateCommunity or CreatePage wrote.
type Created struct {
	File    string // slash path under the site folder: content/communities/dandinghe.md
	Address string // the page's address: under the base URL, or its path without a host
	// NoAddress is set when the base URL is a placeholder (example.org):
	// Address is then the page's path only.
	NoAddress bool
	Slug      string
	// Pinyin is set when the slug was made from the title; Guesses are
	// its characters that have other readings.
	Pinyin  bool
	Guesses []Reading
	// Missing names the fields the file leaves for the editor to fill in
	// before the site builds again, with their lines.
	Missing []string
}

// placeholderBody is the body of a new file: visible on the page, so that
// nobody publishes it unawares (linking warns of a published one).
const placeholderBody = model.PlaceholderBody + "\n"

// CreateCommunity writes content/communities/<slug>.md under siteDir, with
// c in its front matter and the weight after the last community's. It
// writes nothing when the file exists or when the site would not build
// because of it: the error then says why, as a build would.
func CreateCommunity(siteDir string, c NewCommunity) (*Created, error) {
	for flag, v := range map[string]string{"title": c.Title, "district": c.District, "leader": c.Leader, "role": c.Role, "slug": c.Slug} {
		if err := oneLine(flag, v); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(c.Title) == "" {
		return nil, errors.New("the community needs a title, e.g. pinzhi new community 丹顶鹤社区 --district 鄞州区")
	}
	unlock, err := lockContent(siteDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	s, err := readSite(siteDir)
	if err != nil {
		return nil, err
	}
	district, err := s.district(c.District)
	if err != nil {
		return nil, err
	}
	created := &Created{Slug: model.NFC(strings.TrimSpace(c.Slug))}
	if created.Slug == "" {
		created.Slug, created.Guesses = model.PinyinSlug(c.Title)
		created.Pinyin = true
		if created.Slug == "" {
			return nil, fmt.Errorf("no slug can be made from the title %q; give one with --slug", c.Title)
		}
	}
	if why := model.SlugProblem(created.Slug); why.Format != "" {
		return nil, fmt.Errorf("slug %q %s; give another with --slug, e.g. --slug dandinghe", created.Slug, why)
	}
	created.File = model.CommunitiesDir + created.Slug + ".md"
	leader := c.Leader
	if strings.TrimSpace(leader) == "" {
		leader = ""
		created.Missing = append(created.Missing, fmt.Sprintf("%s:5: the leader's name", created.File))
	}
	text := communityText(c, district, leader, s.nextWeight())
	checked := text
	if leader == "" {
		checked = communityText(c, district, "待填", s.nextWeight()) // the file is checked as it will be once filled in
	}
	return created, s.create(created, text, checked, "choose another slug with --slug")
}

// CreatePage writes content/<pagePath>.md under siteDir: a plain page
// with title. pagePath is a slash path without the extension, e.g. about
// or help/editors-guide.
func CreatePage(siteDir, pagePath, title string) (*Created, error) {
	if err := oneLine("title", title); err != nil {
		return nil, err
	}
	if strings.TrimSpace(title) == "" {
		return nil, errors.New("the page needs a title, e.g. pinzhi new page about 关于本专题")
	}
	pagePath = strings.TrimSuffix(strings.Trim(model.NFC(pagePath), "/"), ".md")
	for _, seg := range strings.Split(pagePath, "/") {
		if why := model.SlugProblem(seg); why.Format != "" {
			return nil, fmt.Errorf("page path %q: %q %s; use letters, digits and - between /, e.g. help/editors-guide", pagePath, seg, why)
		}
	}
	if first, _, _ := strings.Cut(pagePath, "/"); first == "communities" {
		return nil, errors.New("files in content/communities/ are communities; use pinzhi new community")
	}
	unlock, err := lockContent(siteDir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	s, err := readSite(siteDir)
	if err != nil {
		return nil, err
	}
	created := &Created{File: model.ContentDir + "/" + pagePath + ".md", Slug: path.Base(pagePath)}
	text := "---\ntitle: " + yamlText(title) + "\ndraft: true\n---\n\n" + placeholderBody
	return created, s.create(created, text, text, "choose another path")
}

// oneLine refuses a flag's value with a line break or another control
// character, which front matter would have to quote.
func oneLine(flag, v string) error {
	if i := strings.IndexFunc(v, unicode.IsControl); i >= 0 {
		return fmt.Errorf("--%s must be one line of text, without control characters", flag)
	}
	return nil
}

// communityText is a new community's file.
func communityText(c NewCommunity, district, leader string, weight int) string {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlText(c.Title))
	fmt.Fprintf(&b, "district: %s\n", yamlText(district))
	b.WriteString("leader:\n")
	fmt.Fprintf(&b, "  name: %s\n", yamlText(leader))
	fmt.Fprintf(&b, "  role: %s\n", yamlText(c.Role))
	b.WriteString("quote:\nsummary:\n")
	fmt.Fprintf(&b, "weight: %d\n", weight)
	if !c.Date.IsZero() {
		fmt.Fprintf(&b, "date: %s\n", c.Date.Format(time.DateOnly))
	}
	if c.Slug != "" {
		fmt.Fprintf(&b, "slug: %s\n", yamlText(model.NFC(strings.TrimSpace(c.Slug))))
	}
	b.WriteString("draft: true\n---\n\n" + placeholderBody)
	return b.String()
}

// yamlText writes s as a YAML scalar, quoted only where YAML needs it
// ("yes", "123", a leading "*"); "" is written as nothing, which front
// matter reads as absent.
func yamlText(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// siteForCreate is a site as loaded to add a file to it.
type siteForCreate struct {
	dir    string
	fsys   fs.FS
	files  map[string]*model.Source
	model  *model.Model
	errors source.Problems // the site's own, which a new file is not blamed for
	md     *markup.Markdown
}

// readSite loads the content of the site in dir as a build with drafts
// does (Builder.loadContent), and links it.
func readSite(dir string) (*siteForCreate, error) {
	b := NewBuilder(Options{SrcDir: dir, Drafts: true})
	b.loadContent()
	s := &siteForCreate{dir: dir, fsys: b.opts.Src, md: b.md, files: b.files}
	var probs source.List
	probs.AddAll(b.scanned)
	s.model, s.errors = s.link(s.files, &probs)
	if s.model == nil {
		return nil, Problems(s.errors)
	}
	return s, nil
}

// link links files as a build with drafts does, so that a draft's slug
// counts, and returns the errors, those of naming output files included.
func (s *siteForCreate) link(files map[string]*model.Source, probs *source.List) (*model.Model, source.Problems) {
	m := model.Link(files, slices.Sorted(maps.Keys(files)), model.LinkOptions{Drafts: true}, probs)
	if m != nil {
		render.CheckNames(render.Plan(m), probs)
	}
	errs, _ := probs.Problems.Split()
	return m, errs
}

// district finds a configured district by name or slug and returns its name.
func (s *siteForCreate) district(given string) (string, error) {
	given = strings.TrimSpace(given)
	districts := s.model.Site.Districts
	for _, d := range districts {
		if d.Name == given || d.Slug == given {
			return d.Name, nil
		}
	}
	hint := "use " + model.DistrictList(districts).String()
	if near := source.Closest(given, model.DistrictNames(districts)); near != "" {
		hint = fmt.Sprintf("did you mean %q? The districts are listed in %s", near, model.IndexFile)
	}
	if given == "" {
		return "", fmt.Errorf("give the community's district with --district; %s", hint)
	}
	return "", fmt.Errorf("--district %q is not one of the configured districts; %s", given, hint)
}

// nextWeight is one more than the largest weight of any community.
func (s *siteForCreate) nextWeight() int {
	weight := 0
	for _, sf := range s.files {
		if sf.Community != nil {
			weight = max(weight, sf.Community.Weight)
		}
	}
	return weight + 1
}

// create writes text to created.File, unless it exists (otherName says
// what to do then) or checked, the file as it is meant to be, adds an
// error to the site's.
func (s *siteForCreate) create(created *Created, text, checked, otherName string) error {
	target := filepath.Join(s.dir, filepath.FromSlash(created.File))
	if _, err := os.Lstat(target); err == nil {
		return fmt.Errorf("%s already exists; nothing was written (%s, or edit that file)", created.File, otherName)
	}
	if err := s.readable(created.File); err != nil {
		return err
	}
	if err := s.check(created.File, checked); err != nil {
		return err
	}
	created.Address = s.model.Site.URLs.Abs(s.pagePath(created.File))
	if u, err := url.Parse(created.Address); err == nil && model.PlaceholderHost(u) {
		created.Address, created.NoAddress = u.Path, true
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("%s: %s; nothing was written", created.File, source.UnwrapPathError(err))
	}
	if _, err = f.WriteString(text); err != nil {
		f.Close()
		os.Remove(target) // made empty a moment ago, by this call
		return fmt.Errorf("%s: %w; nothing was written", created.File, err)
	}
	return f.Close()
}

// readable refuses a file a build would not read: one under a link out of
// the site's folder, or a loop (see source.WalkDir).
func (s *siteForCreate) readable(name string) error {
	for dir := path.Dir(name); dir != "." && dir != model.ContentDir; dir = path.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(s.dir, filepath.FromSlash(dir))); err != nil {
			continue // made by this call
		}
		var le *source.LinkError
		if _, err := source.RealPath(s.fsys, dir); errors.As(err, &le) {
			return fmt.Errorf("%s %v, so a build would not read %s; nothing was written", dir, err, name)
		}
		return nil // the nearest folder there is: RealPath judged every link above it too
	}
	return nil
}

// check loads text as the file name and links the site with it; the
// errors it adds to the site's own are returned.
func (s *siteForCreate) check(name, text string) error {
	files := maps.Clone(s.files)
	files[name] = model.LoadFile(oneFile{name, []byte(text)}, name, s.md, s.model.Site.Limits, model.NewBodyBudget())
	var probs source.List
	_, errs := s.link(files, &probs)
	var added Problems
	for _, p := range errs {
		if !slices.ContainsFunc(s.errors, func(e Problem) bool { return e.Error() == p.Error() }) {
			added = append(added, p)
		}
	}
	if len(added) > 0 {
		return added
	}
	s.files = files
	return nil
}

// pagePath is the site path of a file's page, as linked.
func (s *siteForCreate) pagePath(name string) string {
	switch sf := s.files[name]; {
	case sf.Community != nil:
		return sf.Community.Path
	case sf.Page != nil:
		return sf.Page.Path
	}
	return ""
}
