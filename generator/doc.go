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

One rule says what no build reads, in content/, layouts/ (partials too)
and assets/ alike, by pinzhi build and pinzhi serve alike: files and
folders whose names start with a dot (".git", ".private", Emacs' ".#name"
lock links), and the scratch, swap, backup and lock files of editors and
systems (names starting with "#" or "~", ending in "~", ".swp", ".swo",
".swx", ".swn", ".tmp", ".bak", ".orig", ".rej", "___jb_tmp___" or
"___jb_old___", and vim's "4913", Thumbs.db and desktop.ini). Other files
in content/ that are not Markdown (.md or .markdown) are ignored with a
warning: pictures belong in assets/. Symbolic links, to files and to
folders, are followed where they stay inside the site's folder; one that
leads out of it, or to a folder that holds it, is an error naming the
link (see Untrusted input). Devices, FIFOs and sockets, named
directly or through a link, are never opened: where a file is read, one
is an error naming it.

# Content files

A content file is UTF-8 text (a byte-order mark is accepted, CRLF line
endings are read as LF) of at most 32 MB, counted as it is read whatever
the file system says its size is, starting with front matter:

	---                         YAML, between lines of ---
	title: 后大街社区            (also ---yaml … ---)
	---
	+++                         TOML, between lines of +++ (also ---toml … ---)
	;;;                         JSON, between lines of ;;; (also ---json … ---),
	                            or a bare {…} object followed by an empty line

The rest of the file is the body, in Markdown: CommonMark with GitHub's
tables, strikethrough, autolinks and task lists, and goldmark's CJK
extension, so that a line break between two Chinese characters adds no
space. Bold and italics work around Chinese punctuation, as the
CJK-friendly amendment to CommonMark has it: **“品质社区”**是品牌 is bold,
where plain CommonMark leaves the stars as text; text with no Chinese in
it is parsed as CommonMark says. A ** or __ still left as text outside
code is reported as a warning, with its line. Headings get ids made of their text, Chinese kept ("## 治理经验"
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
	description  the home page's description (see Sharing) and the feed's subtitle
	language     the pages' lang attribute; zh-CN when absent
	baseURL      where the site is served, e.g. https://example.org/pinzhi/; replaced by
	             the --base-url flag. Without a host ("/pinzhi/", or none at all: "/")
	             the site works, but feed.xml and sitemap.xml, which need absolute
	             addresses, are not written, and a warning says so. A base URL with
	             a user name or password, a query, a fragment, or . or .. in its
	             path is an error; its host is written in lower case, an
	             internationalised name in its xn-- form (RFC 3986 §3.2.2), and
	             the scheme's default port (:443, :80) is dropped. While its host
	             is a placeholder (example.org, .test, localhost, …), every build
	             but serve's preview warns that links point there.
	organizers   a list of names
	reporter     a name
	photo        a photograph (see Photos): src, a JPEG or PNG in assets/, and its
	             caption and credit, printed as the paper prints them; without src
	             nothing is shown, and the build warns that the caption waits
	             for its picture
	date         the edition's date (2016-11-28 or RFC 3339): the date of every page
	             without its own (see Dates); the build warns while there is none
	image        the share image of every page without its own: a JPEG or PNG in assets/
	             ("share.jpg"; "/assets/share.jpg" is the same)
	publisher    who publishes the site, for structured data: name (required), url,
	             and logo, a JPEG or PNG in assets/
	shareFont    the font share cards are drawn in (see Sharing): an OpenType or
	             TrueType file, or a collection, with Chinese characters, by its
	             path under the site's folder; when absent, a font of the machine
	tagAuthority a domain and a date it was the paper's, e.g. example.org,2016: the
	             feed's ids are then tag: URIs (RFC 4151) that stay when the site moves
	rawHTML      true lets raw HTML in Markdown through; false when absent
	deploy       where pinzhi deploy publishes the site when given no --to (see
	             Deploying): to, a storage URL, e.g.
	               deploy:
	                 to: s3://paper/pinzhi?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou
	             A URL that is not one, or that carries a credential (a user or
	             password, a query parameter named like a key, secret, token or
	             signature), is an error: the file is shared with everyone who
	             has the site
	districts    the ordered list of districts (required), each a name and a slug:
	               - name: 海曙区
	                 slug: haishu
	limits       bounds on what one page may cost (see Limits); each optional

The body is the editor's note, shown on the home page.

# content/communities/<file>.md: a community

	title     the community's name (required), e.g. 后大街社区; brand entries link by it
	district  a configured district's name or slug (required)
	leader    name (required) and role, e.g.  leader: {name: 吴民丽, role: 党委书记}
	quote     the leader's words, shown as a pull quote; nothing is shown without one
	summary   a line for lists, the feed and the page's description
	weight    reading order: smaller first; pages without one come last, by slug
	date      the page's date, for the feed, the sitemap and structured data
	image     the page's share image: a JPEG or PNG in assets/
	photo     the community's photograph: src, caption and credit, as in _index.md
	slug      the page's URL segment; the file name when absent
	draft     true leaves the page out unless drafts are built (pinzhi serve builds them,
	          each marked 草稿; build and check take --drafts)

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
(required), summary, date, image, slug, draft. A page may not take a path the
generator writes itself (communities/, districts/, brands/, assets/, …).

# New files

[CreateCommunity] writes content/communities/<slug>.md with the title,
district (by name), leader, the weight after the largest any community
has, its date when given (else it has the edition's), blank quote: and
summary: lines, draft: true and a
placeholder paragraph, which the build warns of once the page is
published. The slug, unless given, is the title without its trailing 社区
in pinyin without tones (Latin letters and digits kept, lower case; other
characters a "-" between words); [Created].Guesses lists the characters
read one way of several. [CreatePage] writes content/<path>.md with a
title. Neither ever writes over a file: an existing file, an unknown
district, an unsafe slug, or a file that would give the site an error it
does not have yet (its page taken, a name some host cannot hold, a path
the generator writes) is an error, and nothing is written. The new file is
checked as the build would check it, once filled in: a community without a
leader is written with an empty name, which the build then asks for.

# Checking a site

[Check] builds the site into a temporary folder and follows every href and
src of every HTML page. Errors in the source do not stop it: it renders
every page but those of the files with errors (their addresses still
count as the site's) and reports all it found in one run. Each address
is resolved as the browser resolves it from the page's address: an address of the site must lead to a file the build wrote (a
folder's index.html, or a folder's address without its slash), and its
#fragment, other than #top, to an id of that page; an address outside the
site's base path on its host leads outside the site. Images of a body
without alt text, and images of the layouts without an alt attribute, are
problems. A brand entry that does not link is a problem when two
communities share its title or when it names a titled community with a
place before it (镇海区后大街社区) or without the place its title has, and
a warning when it is one character from a title. Each problem is
reported at the line of the body that wrote the link; a link no body
wrote is reported once under layouts/, with the pages that show it. With
CheckOptions.External, every distinct address outside the site is asked,
as README's pinzhi check says.

# Slugs

A slug written in front matter must be one path segment: letters of any
script, digits, "-", "_" and ".", not starting with a dot; anything else is
an error. Two pages with one URL are an error, drafts included. Slugs,
from front matter or from file names, are taken in Unicode's composed
form (NFC), so a name typed on a Mac gives the slug everyone else types.

Every file of the output must have a name every host can hold: a name
Windows keeps for a device (con, prn, aux, nul, com1–9, lpt1–9, with or
without an extension), one ending in a dot or a space, or one with a
character Windows refuses is an error; so are two files whose names
differ only in letter case or Unicode form, which a host or a laptop
that folds them would keep only one of. Each problem names the file, and
the slug: line, that gives the name.

# Limits

Every input, however hostile, ends in bounded time and memory. Each
bound is far above what an editor writes; past one, the build stops with
a problem naming the file and, where there is one, the line. The bounds
that content/_index.md may change, under limits:, with their defaults:

	nesting        32       quotes and lists inside one another; a line may also
	                        be indented at most 4 × nesting + 4 columns
	tableCells     100000   cells of one table: its header's columns × its rows
	linkOpeners    1000     "[" in one paragraph
	codeSpans      1000     runs of backticks in one paragraph
	references     10000    link reference definitions in one body
	elements       300000   Markdown elements of one body: lines, list and
	                        quote markers, and the characters * _ ~ [ ] ` < ! & \ |
	pageMB         64       the HTML of one page
	renderSeconds  20       to render one page (a layout loop that never ends,
	                        a template that calls itself)

The Markdown bounds are checked when a file is loaded, by one linear scan
of its body, before goldmark sees it: without them, 200 KB of ">" took
goldmark 23 s, 5,000 levels of lists 186 s and 2.4 GB, a table of short
rows under a wide header memory in the gigabytes. Fixed bounds: a
content file is read to at most 32 MB, a layout to 4 MB, an asset to 64
MB, whatever their sizes claim; front matter has at most 100,000 values
and 32 levels, whatever the format, YAML aliases (*name) counted as what
they repeat. Devices, FIFOs and sockets are never opened (see The site's
folder). Peak memory, above that of a build without the file, stays
within 10 × a file's size + 1 KB × its Markdown elements (measured: about
10 × for prose, 200 × the size for the densest markup, which the element
bound keeps under 130 MB), for each page rendered at once (two per core).

# URL scheme

	/                          home: headline, editor's note, a card per community
	/communities/<slug>/       a community
	/districts/                every configured district, with its count
	/districts/<slug>/         a district that has communities
	/brands/                   the brand list, when content/brands.md exists
	/<path>/                   a plain page
	/search/                   the search page, when layouts/search.html exists; ?q= holds
	                           the query, &district= a district's slug
	/404.html                  the page hosts serve for a missing address
	/feed.xml                  Atom feed of 50 communities: the newest by date, then in reading
	                           order; each entry with the leader's words, the whole article
	                           (its summary instead when the body is over 64 KB) and a link
	                           as its content (type="html")
	/sitemap.xml               every page but the 404 page
	/robots.txt
	/assets/<name>.<hash>.<ext> an asset; <hash> is 10 hex digits of its content's SHA-256
	/assets/search/<kind><n>.<hash>.json  the search index (see Search)
	/assets/pinzhi-search.<hash>.js       the search page's script, pinzhi's own

Every page is written as <path>/index.html. All links carry the base URL's
path ("/pinzhi/communities/houdajie/"), so a site built for a subpath never
links outside it; the feed, the sitemap and canonical links are absolute.
Dates follow the rule under Dates; output never depends on when it was
built. With tagAuthority set, the feed's id is tag:<authority>:feed and an
entry's tag:<authority>:<path> (tag:example.org,2016:communities/houdajie);
without it, their addresses.

# Layouts

Each page is rendered by layouts/base.html, with the templates of
layouts/partials/*.html and of its kind's file, which defines "main" (base
calls it with {{block "main" .}}). Templates are Go's [html/template]: text
from front matter is always escaped. A layout's "." is a [PageData]:

	.Kind         home, community, district, districts, brands, page, search or 404
	.Title        the page's title
	.Description  for <meta name="description"> and share cards (see Sharing)
	.Type .Image .StructuredData  for share cards (see Sharing)
	.Path         the page's path from the site root: "communities/houdajie/"
	.Canonical    its absolute address ("" on the 404 page, or without a host)
	.Draft        whether the page is a draft (shown only when drafts are built)
	.Date         an article's (home, community, plain page) date of publication,
	              zero when none is known; .Updated its last change (see Dates)
	.Site         the [Site]: .Title .Headline .Column .Description .Language .Locale
	              .BaseURL .URL (the home page's link) .HasFeed .Organizers
	              .Reporter .Photo (.Src .Caption .Credit) .Date
	              .Districts (each a [District]: .Name .Slug .Path .URL .Communities)
	.Model        the [Model]: .Communities .Brands (a [BrandList]) .Pages
	.Community    on a community page, a [Community]: .Title .Slug .Path .URL
	              .District .Leader (.Name .Role) .Quote .Summary .Weight .Date
	              .Draft .Photo .Brands .Prev .Next
	.District     on a district page
	.BrandList    on the brand list page: .Title .Path .URL .Entries (each a
	              [Brand]: .Text .Community .Name .Anchor .Profile, the linked
	              [Community] or nil)
	.Page         on a plain page, a [PlainPage]: .Title .Summary .Date .Path .URL
	.Content      the body, as HTML: the editor's note on the home page, the
	              profile, the brand list's lead (without the list), a page's text
	.Search       on the search page, a [SearchData]: .Index (the manifest's
	              link), .Manifest (its content, for a data- attribute) and
	              .Script (the link of the script that searches)

Layouts read these as fields; they are methods, and each notes what the
page shows (see Rebuilding). Every page of the model carries its link
(.URL), made once per build by the same function as url's.

Functions:

	url "districts/"        the link to a site path: the base path joined with it
	absURL "feed.xml"       the absolute address
	asset "site.css"        the link to an asset under its hashed name ("/site.css" and
	                        "/assets/site.css" name it too); an error
	                        when assets/ has no such file
	inline "site.css"       the content of a stylesheet or script of assets/,
	                        minified, for a <style> or <script> element; an error
	                        for any other file, or one holding "</style" or
	                        "</script". pinzhi serve swaps the content of
	                        <style data-asset="site.css"> when site.css changes,
	                        as it swaps a linked one. The bundled base.html links
	                        site.css instead: the search page reads its results'
	                        pages, and the stylesheet would be most of their
	                        bytes (docs/performance.md has the numbers)
	render "card" .         the HTML of a template of base.html or partials/ for
	                        the value; for a community it is made once per build
	                        and kept while the community's front matter is the
	                        same, which is what makes lists of 10,000 cheap
	picture "award.jpg" "alt" "100vw"
	                        the <picture> of a JPEG or PNG of assets/ in all its sizes
	                        (see Photos), loaded at once; an error for any other file
	cnDate .Date            2016年11月28日 ("" for no date)
	isoDate .Date           2016-11-28T00:00:00Z
	join .Site.Organizers "、"

# Search

When layouts/search.html exists, the site has a search page at /search/
and an index of everything a reader can find: each community, each entry
of the brand list on its own (a result links to the entry's anchor), the
home page, the brand list and plain pages. The name "search" is then
reserved: no plain page may have it.

What the index holds of a page is its head (a community's title,
leader's name and role; another page's title) and the text of the
elements its layout marks with the attribute data-search, as a reader
sees it: tags left out, a line for each block, alt text counted, scripts
and styles not. The bundled layouts mark a community's title, quote,
leader, photo caption, profile and brands (not its crumbs or the links to
the pages before and after it), the home page's lead and editor's note,
the brand list's lead and a plain page's title and text. The attribute goes on
an element whose end tag cannot be left out (div, section, article,
main, blockquote; not p or li): pinzhi finds where it ends by counting
its tags. A page whose layout marks nothing is found by its head alone.

A query finds every page that shows all its words (whitespace separates
words) anywhere in that text, as a substring: Chinese is not cut into
dictionary words, so "来务" finds "外来务工". Punctuation and whitespace
are left out of both, so a name typed without its quotation marks finds
it (居民众筹自治工程 finds “居民众筹”自治工程). Traditional characters fold
to simplified ones (後大街 finds 后大街; OpenCC's t2s table), full-width
Latin letters, digits and punctuation to ASCII, letters to lower case;
the page's script folds queries exactly as the index folds texts. A
community's title and its leader's name are found by their pinyin too,
without tones, spaces optional (houdajie, hou da jie, wuminli); a plain
page's title likewise. Results whose head holds every word come first,
then the others, each in reading order. A result's snippet is the line
of its page that holds the first match, marked; when only the leader's
name or role matched, those, marked. When nothing is found the page
offers the titles that share the query's rarer characters, the
districts and the brand list (the layout's #search-none).

The index is one entry per character and per pair of adjacent characters,
with the documents holding it. It holds no copy of the pages' text: a
result's snippet, and whether a word of more than two characters is
really on a page (its pairs may be there apart), are read from the page
itself, which the search page fetches and reads as the index did. Its
files, all named by content:

	assets/search/index.<hash>.json  the manifest: the districts, the names of
	                                 the other files, the part of OpenCC's table
	                                 whose simplified characters the site has
	                                 (what a query is folded with); the page
	                                 carries a copy
	assets/search/s<n>.<hash>.json   a shard: the pairs and characters whose
	                                 hash falls in it, each with its documents,
	                                 and the same again for heads
	assets/search/b<n>.<hash>.json   a block: the path, head, district and
	                                 label of a run of documents
	assets/search/d.<hash>.json      each document's district, for the filter

A query loads the shards of each word's pairs (春菊, 菊服, 服务 for 春菊服务; for a
word of more than five characters only the pairs that cover it: 外来, 务工, 人员
for 外来务工人员), the blocks of the results it shows and their pages; so its
cost grows with the query, not with the site. The count of a query whose
words are one or two characters long is exact from the index alone; a
longer word's count is "约 N" (at most N) until the pages of all its
candidates are read, as they are when there are no more of them than
the results shown and one. A query is read up to its first 200
characters, and no more than 12 of its pairs are looked up (the pages are
checked for every word all the same), so a pasted page or an address
made to hang the search page costs no more than a long sentence. The
search page shows five results, a phone's screen, as soon as their pages
are read; "more" adds five. Typing
starts loading the shards before the pause that starts the search.
Nothing is loaded before a reader searches, and pages other than the
search page load nothing of it. In watch mode an edit rewrites only the
shards and blocks it changes, from the grams the index kept of each page
(not its text); a page added or removed rebuilds the site. The folder is
byte-equal to a clean build's.

# Photos

Every JPEG and PNG of assets/ is offered in sizes: 480, 960 and 1440
pixels wide, those narrower than the picture, and the picture's own width
when it is narrower than 1440; each in its own format and in WebP, named
assets/<name>-<width>.<hash>.<ext>. The file itself is published too, for
links to it. A picture in a page's Markdown (![alt](/assets/x.jpg)) and a
photo of front matter are shown as a <picture>: WebP for browsers that take
it, every size in srcset with sizes for the column it fills, width and
height set so the page does not move while it loads; pictures in a body
load lazily, a layout's photos at once. The sizes are made once: a cache
keyed by the picture's content keeps them between builds (the user's cache
folder, [Options].ImageCache, for build and serve alike; see Untrusted
input). A file that is not a JPEG or PNG, is cut short or corrupt, has
more than 40 million pixels or a side over 20,000, or would take more than
160 MB once decoded (a 16-bit PNG takes 8 bytes a pixel; a decompression
bomb is a few kilobytes that decode to gigabytes) is an error naming it,
checked before it is decoded; a photo's src or an image that names no
such picture is an error at its line. WebP holds at most 16,383 pixels a
side: a taller picture (a 长图) gets its WebP sizes within that, the widest
that fits, and its own format's in full. Addresses in srcset are escaped
(a space or a comma in a name would split a candidate). A JPEG's EXIF
orientation (a phone's picture stored sideways) is applied; colour
profiles are not read: prepare pictures in sRGB.

Layouts show a photo with the picture function: {{picture .Src .Caption
"(min-width: 64rem) 62rem, 100vw"}} (layouts/partials/photo.html).

# Sharing

Every page but the 404 page tells those who link to it what it is:

	description  <meta name="description"> and og:description: a community's
	             summary, else its quote, else the first sentence of its body
	             (to 。！？, or its first 120 characters); the home page's
	             description, else the first sentence of the editor's note; a
	             district page names its communities; the districts page counts
	             them; the brand list and plain pages their summary, else their
	             first sentence; the search page says what it searches ("搜索…
	             的10个品质社区和100个入选品牌：…"); the site's description when
	             nothing else is
	og:*         og:type (article for the home page and communities, else website),
	             og:title (the page's title, and the site's but on the home page),
	             og:description, og:url, og:image, og:locale (the
	             language: zh_CN), og:site_name; og:image is the page's image, else
	             its photo, else the site's image, else the site's photo (a photo's
	             largest JPEG or PNG), else a card pinzhi draws; a Twitter card
	             (summary_large_image with an image, else summary)
	JSON-LD      a NewsArticle for the home page and each community (headline,
	             description, url, image, datePublished, dateModified, the
	             reporter as author, the publisher with its logo, the organizers
	             as sponsors) and a BreadcrumbList for every page below the home
	             page

A drawn card is a 1200×630 PNG, assets/cards/<hash>.png: the page's
title in white on the publication's red, the site's title above it, in
the font shareFont names, else the first CJK font found where Debian,
Fedora, macOS and Windows keep theirs (pinzhi's command looks there;
[Options].Fonts); without a font, the card has no text. A card is named
by what it shows and kept in the photos' cache, so a build draws only
the cards of titles it has not drawn before (about 3 ms each). Cards
depend on the machine's font: for output identical everywhere, name one
in shareFont.

Layouts get these as .Description, .Type, .Image (absolute) and
.StructuredData (JSON, escaped for a <script type="application/ld+json">).
Addresses in a share card must be absolute: without a host in the base URL
there is no og:url, og:image or JSON-LD.

# Dates

A page is published on its front matter's date, else on the edition's:
the date of content/_index.md. That is .Date, shown by the bundled
layouts in a <time> under the crumbs (a community, a plain page) or the
byline (the home page), and written as the feed entry's published, the
NewsArticle's datePublished. When the site is in a git repository
(pinzhi's command reads it with one git log a build;
[Options].FileDates), the last commit of a page's file is when it was
updated, if later than its date: .Updated, the feed's updated,
dateModified and the sitemap's lastmod. A commit is never a publication
date: fixing a typo does not republish a page. With no date anywhere (no
date in content/_index.md nor the page's, and outside git), published,
updated, datePublished and lastmod are left out and no page shows a
date (nothing says 1970), and every build warns, once, at
content/_index.md, until the edition's date is written there. The same
commit gives the same dates.

# Output

Every HTML, CSS, JS, SVG, JSON and XML file is minified. A build writes
the whole site into a staging folder beside the output folder and swaps
the two when every file is written: on Linux with one renameat2 exchange,
so that readers see the old site or the new one; where the file system
cannot (NFS, some FUSE file systems), or on other systems, with renames,
with a gap of one rename, and a note saying so. For an output folder
"public":

	public/              the site
	.public.next/        the site before it, where the next build writes
	.public.files        the list of the files pinzhi wrote into one of the two
	.public.next.files   the list of the other
	.public.lock         held by the process writing public/

A public/ that is a symbolic link to a folder elsewhere is written where
it points, with the staging folder beside that folder; the link stays.

What pinzhi writes, replaces and removes. pinzhi never deletes, moves or
overwrites anything it did not write itself. It writes an output folder
only when the folder does not exist, is empty, or is named by its list
(which names its folder by device and inode, and by its time of birth
where the file system keeps one: a deleted folder's inode is given to the
next folder made); anything else (a folder of
someone else's files, the site's own folder, a folder holding it, or one
that is, holds or sits in content/, layouts/ or assets/) is refused with
an error, and nothing is touched: no lock, no list, no staging folder.
Inside its folders, an entry the list does not name is someone else's (a
CNAME file, a .git of a gh-pages checkout): it stays where it was put,
moved back into public/ right after each swap, and a build that would
have to write over one fails and says which. pinzhi serve writes a
preview whose pages link to this machine: it holds its folder's lock for
its whole life, so a build of the same folder fails at once, and it
refuses a folder holding a build's site.

Reusing the old site as the staging folder spares a build creating and
deleting a folder and a file for every page, which on ordinary disks
costs more than rendering. Whatever another program or a person did to
either folder since the last build (folders deleted, files emptied,
permissions taken away, a build killed or stopped by a full disk), the
next build goes on from what is there: writing mends the way to a file
(a folder made again, a permission given back); a build that was stopped
while writing leaves its list saying so, and the next surveys the folder
and removes the temporary files left. Before a swap, public/ is surveyed
for entries pinzhi did not write: a folder whose time of last change is
older than its list is taken to hold what the list says, since adding or
removing an entry changes that time, so a survey costs one lstat a folder.
A file with the same bytes is left alone (its time too, for rsync-style
uploads); a changed one gets its new bytes under a temporary name renamed
over it, never written in place, so a server still sending the old file
sends it whole; files the site no longer has are removed. A write that
fails removes its temporary file; a staging folder whose name is taken by
something not pinzhi's is left as it is, and the build stages in a new
folder instead. A failed build leaves the output folder as it was. Two
builds of one output folder wait for each other. The same source gives
byte-identical output.

# Deploying

pinzhi deploy publishes the site an output folder holds to an object
store or a folder; see package deploy for the contract. It deploys only a
folder whose list says pinzhi build wrote it whole (not serve's preview,
not a build with --drafts, not a build that stopped), under the folder's
lock, and builds it first unless told --build=false. In the bucket, as in an output folder, pinzhi
never deletes or overwrites an object it did not write: its own list of
the objects it uploaded, beside the site, is the only source of
deletions. Objects under assets/ are sent with Cache-Control
"public, max-age=31536000, immutable", every other with "no-cache"; text
with charset=utf-8, feed.xml as application/atom+xml.

# Errors

A build reports every problem it finds, sorted by file and line, as

	path:line: what is wrong; what to do

(the line is left out where a problem concerns a whole file) and fails
with [Problems] when any is not a warning. A problem's Error is English;
package lang prints it in the editor's language (Chinese when LC_ALL,
else LC_MESSAGES, else LANG starts with zh), as pinzhi's command, its
dev server's log and its overlay do. Hints speak of the editor's own
file: in words, or with the editor's own values, never another page's. Errors: a file that cannot be
read, is binary, is not UTF-8 or is too large; front matter that does not
parse, is never closed, or nests too deeply or repeats itself through YAML
aliases (*name); a value of the wrong kind (a list or a number
where text belongs, text where leader wants name and role); a missing or
empty title, district or leader name; a district that is not configured
(with the nearest configured name); an unsafe slug or two pages with one
URL; a bad base URL; brand entries as above; a link to a file not in
assets/; a layout that is missing, fails to parse or fails to execute
(named by its file and line, once for all the pages it failed on); a body
or a page past one of the Limits; a device, FIFO or socket where a file
is read; a symbolic link out of the site's folder or to a folder that
holds it (see Untrusted input); a name that does not work on every host
(see Slugs), or an output name longer than 234 bytes (255 less pinzhi's
temporary name) or path longer than 1,024; a file that cannot be written
(a full disk, a file size limit). An output folder
pinzhi may not write (see Output) is a plain error, not a Problem. Warnings: unknown keys,
files that are not Markdown, a link to a site path no page has, ** or __
left as text (emphasis that did not parse), a base URL without a host, a
link whose scheme runs code or opens the reader's files (javascript:,
vbscript:, file:, data: other than a picture: written without its
address, and an error of pinzhi check).

# Untrusted input

Whatever a site's folders or pinzhi's caches hold, and whoever put it
there, a build ends in bounded time and memory, publishes nothing it did
not check, and names the file.

Symbolic links are followed where they stay inside the site's folder,
files and folders alike, in content/, layouts/ and assets/ (a folder of
pages shared between two sites kept in one folder builds as if it were
there), and the preview watches the folders they lead to. A link out of
the site's folder is an error naming it (whatever it points at would be
published), as is a link to a folder that holds it (a loop); pinzhi new
writes nothing under such a link.

Caches are read as untrusted input, by one rule: the sizes of photos
(<user cache>/pinzhi/images) and the answers of outside addresses
(<user cache>/pinzhi/external-links.json) are read only from regular
files, never through a link, from a FIFO or a device, and bounded in size;
a photo's size is used only if it decodes as its format at the size its
name promises. Anything else is made again, written over through a
temporary file renamed into place, with a note. The photo cache is pruned
once a day: sizes unused for 90 days, then the least recently used past
2 GiB, and nothing but files named as pinzhi names them. Photo work stops
when a build is stopped (Ctrl-C in pinzhi serve).

Names and values are printed escaped wherever pinzhi prints them (the
terminal, serve's log, the preview's overlay, check's report): control
characters, line and paragraph separators and marks that reorder text
are written as Go writes them in a quoted string (\r, \x1b, \u202e), so
a file name cannot move the cursor, set a terminal's title or read as
another name. The preview's event stream splits its data at CR, LF and
CRLF, as an EventSource reads it, so a name cannot add an event.

pinzhi check --external asks public addresses only. Every name is
resolved and every address it has judged before a connection is made, at
every redirect too: loopback, private (RFC 1918, unique local), link-local
(169.254.169.254 is a cloud's metadata service), shared and reserved
addresses are never asked, and a link to one is a problem of its page: no
reader can reach it. No proxy of the environment is used. A link with the
site's own host (compared without letter case and default port) under the
site's path is checked as a page of the site; the same host outside that
path is an outside address.

pinzhi new holds content/ (flock on the folder; no lock file) from
reading the site to writing the file, so that two at once cannot both
take one name, nor one weight.

# Rebuilding

A [Builder] builds the site whole and then keeps it up to date. It keeps
the model and, for every file of the output, what the file showed: while
a page renders, every value of the model the layout reads notes it (a
community's front matter, its neighbours, a district's list, the brand
list, the site's settings), as do the page's own body, its layout files
and the names of the assets. After a change, a file is rendered again
exactly when something it showed changed, so a layout that shows the
neighbour of a neighbour, or the model's lists from a partial, stays
correct with no one declaring it. Cards made by the render function are
kept with what they read and reused while that is unchanged.

A change is sorted once into what it touches: content files (loaded and
decoded again, alone: front matter decodes without the site's settings),
layouts, assets, or the site's folder itself (a whole build). When only
bodies changed, the model is as it was and only the pages showing them
are rendered. Otherwise the model is linked again from the decoded files
(it is small), every file's digest is checked, and the changed ones are
rendered, the changed sources' own pages first.

An update is all or nothing: each file is renamed into place as soon as
it is rendered, with the file it replaces kept aside, so that the page an
editor saved is served at once; when any file of the update fails, every
file is put back and every new file (pages, assets) removed, and the
folder holds the last good site. The result equals a clean build byte for
byte.
*/
package generator
