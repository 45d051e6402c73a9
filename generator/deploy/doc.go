// Package deploy publishes a site pinzhi built to an object store, or to
// a folder, through a Go CDK bucket (gocloud.dev/blob). It treats the
// bucket as one more output folder, under the rule the rest of pinzhi
// keeps: it never deletes or overwrites an object it did not upload.
//
// # The object list
//
// Beside the site, under the target's prefix, pinzhi keeps ListName: a
// gzipped JSON object naming each object it uploaded, with a hash of its
// bytes and a fingerprint of its headers. It is the only source of
// deletions, and it lets a deploy decide what changed without reading the
// objects. Every object pinzhi uploads also carries the SHA-256 of its
// bytes in its metadata (MetaSHA256), so that an object whose entry is
// missing or stale is judged by one HEAD request, not by its ETag, which
// multipart and encrypted uploads make differ from the bytes' MD5.
//
// An object under the prefix that is not on the list and carries no
// MetaSHA256 is someone else's: a site file of the same name makes the
// deploy fail before it changes anything, and it is never deleted.
//
// # What is uploaded
//
// A file is uploaded when the bucket has no object of its name, when the
// object's size differs, or when the list's entry for it names other
// bytes or other headers. Where the list cannot tell (no entry, an entry
// a stopped deploy left, or a listing whose MD5 differs: an object
// changed behind pinzhi's back, or an ETag that is no MD5), the object's
// metadata decides, read with one HEAD request. Force uploads every file.
//
// # Order
//
// Uploads go in phases, each finished before the next starts, so that a
// reader never gets a page whose assets are not there yet, and a link
// never points at a page that is not there yet:
//
//  1. assets/ (named by their content, so new names beside the old);
//  2. pages new to the bucket;
//  3. pages that changed;
//  4. the feed, the sitemap and robots.txt, which point at the pages.
//
// Before the first upload, a deploy writes PendingName, naming the
// objects it is about to write: a deploy that finds one left by a stopped
// deploy counts those objects as pinzhi's and checks each by its
// metadata. The deletions come after the uploads, pages before the assets
// they link to, bounded by MaxDeletes; the object list is written once,
// at the end, and the pending list removed. A deploy stopped at any
// moment leaves the old site with some new files beside it, and the next
// deploy finishes the job.
//
// # Headers
//
// Content-Type is set from the file's extension, with charset=utf-8 for
// text, and application/atom+xml for feed.xml. Cache-Control is
// "public, max-age=31536000, immutable" under assets/, whose names carry
// a hash of their content, and "no-cache" for everything else. With Gzip,
// text is stored compressed, with Content-Encoding: gzip.
package deploy
