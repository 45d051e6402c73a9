/*
Package generator builds the pinzhi publication: it reads a site's source
through an [fs.FS], checks all of it, and writes a minified static site that
any static host can serve. This comment is the specification of the content
format, the URL scheme, the layouts' data and functions, and the errors.

# The site's folder

	content/_index.md          the publication: settings, districts, editor's note (required)
	content/communities/*.md   one file per community (sub-folders allowed)
	content/brands.md          the brand list (optional)
	content/<path>.md          any other Markdown file: a plain page
	layouts/base.html          the frame of every page (required)
	layouts/partials/*.html    templates shared by all layouts (optional)
	layouts/<kind>.html        one per kind of page: home, community, district,
	                           districts, brands, page, 404 (all required)
	assets/**                  stylesheets, scripts, pictures: copied with a hash in the name

Files and folders whose names start with a dot, and editors' scratch files
(names ending in "~", ".swp", ".swx", ".tmp", "___jb_tmp___" or
"___jb_old___", starting with "#" or ".#", and vim's "4913"), are ignored. Other files in content/ that are not
Markdown (.md or .markdown) are ignored with a warning: pictures belong in
assets/. Symbolic links to files are followed; links to folders are not.

# Content files

A content file is UTF-8 text (a byte-order mark is accepted, CRLF line
endings are read as LF) of at most 32 MB, starting with front matter:

	---                         YAML, between lines of ---
	title: 后大街社区            (also ---yaml … ---)
	---
	+++                         TOML, between lines of +++ (also ---toml … ---)
	;;;                         JSON, between lines of ;;; (also ---json … ---),
	                            or a bare {…} object followed by an empty line

The rest of the file is the body, in Markdown: CommonMark with GitHub's
tables, strikethrough, autolinks and task lists, and goldmark's CJK
extension, so that a line break between two Chinese characters adds no
space. Headings get ids made of their text, Chinese kept ("## 治理经验"
gets id="治理经验"; repeated headings get "-1", "-2" added). Raw HTML is
left out unless _index.md sets rawHTML: true. Links written from the site
root work wherever the site is served: "/communities/houdajie/" becomes
"<base path>communities/houdajie/", and "/assets/photo.jpg" becomes the
picture's hashed address.

Every key a file does not use is reported as a warning, with the known key
it most resembles. A key given with no value ("quote:") counts as absent.

# content/_index.md: the publication

	title        the site's title (required), in every page's <title> and header
	headline     the home page's headline; the title when absent
	column       the running head, e.g. 社区轮播
	description  for <meta name="description"> and the feed
	language     the pages' lang attribute; zh-CN when absent
	baseURL      where the site is served, e.g. https://example.org/pinzhi/; replaced by
	             the --base-url flag. Without a host ("/pinzhi/", or none at all: "/")
	             the site works, but feed.xml and sitemap.xml, which need absolute
	             addresses, are not written, and a warning says so.
	organizers   a list of names
	reporter     a name
	photo        caption and credit of a photograph that is printed as text
	date         the publication's date (2016-11-28 or RFC 3339), for the feed
	rawHTML      true lets raw HTML in Markdown through; false when absent
	districts    the ordered list of districts (required), each a name and a slug:
	               - name: 海曙区
	                 slug: haishu

The body is the editor's note, shown on the home page.

# content/communities/<file>.md: a community

	title     the community's name (required), e.g. 后大街社区; brand entries link by it
	district  a configured district's name or slug (required)
	leader    name (required) and role, e.g.  leader: {name: 吴民丽, role: 党委书记}
	quote     the leader's words, shown as a pull quote; nothing is shown without one
	summary   a line for lists, the feed and <meta name="description">
	weight    reading order: smaller first; pages without one come last, by slug
	date      the page's date, for the feed and the sitemap
	slug      the page's URL segment; the file name when absent
	draft     true leaves the page out unless --drafts is given

The body is the profile. Previous and next follow reading order.

# content/brands.md: the brand list

Its front matter has a title (required); its body a lead and one bullet
list, an entry a line. Each entry is split after its first 社区: the
community's name, then the brand (学弄社区 | “地球补丁”环保公益行动). An entry
without 社区, with nothing before it or nothing after it is an error, as are
a nested list and a list with no entries. An entry whose community's name is
the title of exactly one community links to that community's page, and the
page lists its entries.

# Other Markdown files: plain pages

content/about.md becomes /about/, content/a/b.md becomes /a/b/, and
content/a/index.md or content/a/_index.md becomes /a/. Folder and file names
are made into slugs: ASCII letters lowercased, every run of spaces and other
characters unsafe in a URL turned into one "-", Chinese kept. Keys: title
(required), summary, date, slug, draft. A page may not take a path the
generator writes itself (communities/, districts/, brands/, assets/, …).

# Slugs

A slug written in front matter must be one path segment: letters of any
script, digits, "-", "_" and ".", not starting with a dot; anything else is
an error. Two pages with one URL are an error, drafts included.

# URL scheme

	/                          home: headline, editor's note, a card per community
	/communities/<slug>/       a community
	/districts/                every configured district, with its count
	/districts/<slug>/         a district that has communities
	/brands/                   the brand list, when content/brands.md exists
	/<path>/                   a plain page
	/404.html                  the page hosts serve for a missing address
	/feed.xml                  Atom feed of 50 communities: the newest by date, then in reading order
	/sitemap.xml               every page but the 404 page
	/robots.txt
	/assets/<name>.<hash>.<ext> an asset; <hash> is 10 hex digits of its content's SHA-256

Every page is written as <path>/index.html. All links carry the base URL's
path ("/pinzhi/communities/houdajie/"), so a site built for a subpath never
links outside it; the feed, the sitemap and canonical links are absolute.
A feed entry or the feed itself without any date in front matter says
1970-01-01T00:00:00Z: output never depends on when it was built.

# Layouts

Each page is rendered by layouts/base.html, with the templates of
layouts/partials/*.html and of its kind's file, which defines "main" (base
calls it with {{block "main" .}}). Templates are Go's [html/template]: text
from front matter is always escaped. A layout's "." is a [PageData]:

	.Kind         home, community, district, districts, brands, page or 404
	.Title        the page's title
	.Description  for <meta name="description">
	.Path         the page's path from the site root: "communities/houdajie/"
	.Canonical    its absolute address ("" on the 404 page, or without a host)
	.Site         the [Site]: .Title .Headline .Column .Description .Language
	              .BaseURL .URL (the home page's link) .HasFeed .Organizers
	              .Reporter .Photo (.Caption .Credit) .Date
	              .Districts (each .Name .Slug .Path .URL .Communities)
	.Model        everything: .Communities .Brands (.Title .Entries) .Pages
	.Community    on a community page: .Title .Slug .Path .URL .District .Leader
	              (.Name .Role) .Quote .Summary .Weight .Date .Brands .Prev .Next
	.District     on a district page
	.BrandList    on the brand list page: .Title .URL .Entries (each .Text
	              .Community .Name .Anchor .Profile, the linked [Community] or nil)
	.Page         on a plain page: .Title .Summary .Date .Path .URL
	.Content      the body, as HTML: the editor's note on the home page, the
	              profile, the brand list's lead (without the list), a page's text

Every page of the model carries its link (.URL), made once per build by
the same function as url's.

Functions:

	url "districts/"        the link to a site path: the base path joined with it
	absURL "feed.xml"       the absolute address
	asset "site.css"        the link to an asset under its hashed name; an error
	                        when assets/ has no such file
	render "card" .         the HTML of a template of base.html or partials/ for
	                        the value; for a community it is made once per build
	                        and kept while the community's front matter is the
	                        same, which is what makes lists of 10,000 cheap
	cnDate .Date            2016年11月28日 ("" for no date)
	isoDate .Date           2016-11-28T00:00:00Z
	join .Site.Organizers "、"

# Output

Every HTML, CSS, JS, SVG, JSON and XML file is minified. A build writes
the whole site into a staging folder beside the output folder and swaps
the two when every file is written: on Linux with one renameat2 exchange,
so that readers see the old site or the new one; elsewhere with two
renames, with a gap of one rename. For an output folder "public":

	public/              the site
	.public.next/        the site before it, where the next build writes
	.public.files        the list of the files of public/
	.public.next.files   the list of the files of .public.next/

Keeping the old site as the next staging folder spares a build creating
and deleting a folder and a file for every page, which on ordinary disks
costs more than rendering. The next build writes over it: a file with the
same bytes is left alone (its time too, for rsync-style uploads), a
changed one gets its new bytes under a temporary name renamed over it,
never written in place, so a server still sending the old file sends it
whole; files the site no longer has are removed. A list is trusted only
when it names its folder (device and inode, which move with the folder);
a staging folder without one, as a killed build leaves it, is removed and
made anew. A failed build leaves the output folder as it was. Two builds
of one output folder wait for each other. The same source gives
byte-identical output.

# Errors

A build reports every problem it finds, sorted by file and line, as

	path:line: what is wrong; what to do

(the line is left out where a problem concerns a whole file) and fails
with [Problems] when any is not a warning. Errors: a file that cannot be
read, is binary, is not UTF-8 or is too large; front matter that does not
parse, is never closed, or nests too deeply or repeats itself through YAML
aliases (*name); a value of the wrong kind (a list or a number
where text belongs, text where leader wants name and role); a missing or
empty title, district or leader name; a district that is not configured
(with the nearest configured name); an unsafe slug or two pages with one
URL; a bad base URL; brand entries as above; a link to a file not in
assets/; a layout that is missing, fails to parse or fails to execute
(named by its file and line, once for all the pages it failed on); an
output folder that is a file or cannot be written. Warnings: unknown keys,
files that are not Markdown, a link to a site path no page has, a base URL
without a host.

# Rebuilding

A [Builder] builds the site whole and then keeps it up to date. It keeps
the model and, for every file of the output, a print: a hash of everything
the file shows. After a change it reloads what changed. When only bodies
changed (front matter, layouts, assets and the set of files as they were),
it renders just those pages. Otherwise it checks and plans the whole site
again (decoding only the changed files; the model is small), writes the
files whose print changed, the changed sources' own pages first, each
renamed over the old one, and then removes the files the site no longer
has. What a page shows, and so when it is written again:

	a community   its own file; its neighbours' front matter; its brand entries
	district pages, the districts overview, the home page
	              every community's front matter and slug
	the brand list  content/brands.md and every community's front matter
	the feed      the front matter of the communities it carries
	the sitemap   every page's front matter
	a plain page  its own file
	every page    content/_index.md, its own layout files, every asset's name

A page whose layout names Communities, Model, Pages, BrandList or Entries
also depends on those lists, so a layout that shows more than the ones
bundled here stays correct. The result equals a clean build byte for byte.
*/
package generator
