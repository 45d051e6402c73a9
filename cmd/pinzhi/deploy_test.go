package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"pinzhi/generator/deploy"
	"pinzhi/generator/storetest"
)

// deployFixture copies the fixture publication with a photograph on its
// home page, so that the deployed site has a picture to load.
func deployFixture(t *testing.T) string {
	t.Helper()
	dir := copySite(t)
	img := image.NewRGBA(image.Rect(0, 0, 640, 400))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(0, 0, color.White)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "assets", "award.jpg"), b.String())
	edit(t, filepath.Join(dir, "content", "_index.md"), "photo:\n", "photo:\n  src: award.jpg\n")
	return dir
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit replaces the first old in the file with new.
func edit(t *testing.T, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	writeFile(t, name, strings.Replace(string(data), old, new, 1))
}

// built reads the files of the site's public/.
func built(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	root := filepath.Join(dir, "public")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// changed are the files of after that are not in before as they are.
func changed(before, after map[string][]byte) []string {
	var out []string
	for name, data := range after {
		if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// objects lists a bucket's objects under prefix, with their ETags.
func objects(t *testing.T, s *storetest.Store, bucket, prefix string) map[string]string {
	t.Helper()
	out := map[string]string{}
	p := s3.NewListObjectsV2Paginator(s.Client, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Contents {
			out[strings.TrimPrefix(*o.Key, prefix)] = *o.ETag
		}
	}
	return out
}

// uploadedKeys are the keys of the upload lines pinzhi deploy -v prints.
func uploadedKeys(stdout string) []string {
	var keys []string
	for _, line := range strings.Split(stdout, "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "upload" {
			keys = append(keys, f[1])
		}
	}
	slices.Sort(keys)
	return keys
}

// wantHeaders are the headers each kind of file is served with.
func wantHeaders(key string) (contentType, cacheControl string) {
	cacheControl = "no-cache"
	if strings.HasPrefix(key, "assets/") {
		cacheControl = "public, max-age=31536000, immutable"
	}
	switch filepath.Ext(key) {
	case ".html":
		contentType = "text/html; charset=utf-8"
	case ".css":
		contentType = "text/css; charset=utf-8"
	case ".js":
		contentType = "text/javascript; charset=utf-8"
	case ".json":
		contentType = "application/json; charset=utf-8"
	case ".svg":
		contentType = "image/svg+xml; charset=utf-8"
	case ".png":
		contentType = "image/png"
	case ".webp":
		contentType = "image/webp"
	case ".jpg":
		contentType = "image/jpeg"
	case ".txt":
		contentType = "text/plain; charset=utf-8"
	case ".xml":
		contentType = "application/xml; charset=utf-8"
	}
	if key == "feed.xml" {
		contentType = "application/atom+xml; charset=utf-8"
	}
	return contentType, cacheControl
}

// assetRefs finds the addresses of assets/ a page refers to.
var assetRefs = regexp.MustCompile(`(?:href|src|content|srcset)="?(?:http://[^/"]+)?(/site/pinzhi/assets/[^" >,]+)`)

// TestDeployToS3 deploys the fixture publication to a real S3-compatible
// store, step by step as an editor would over a few days.
func TestDeployToS3(t *testing.T) {
	store := storetest.Start(t)
	store.CreateBucket(t, "site")
	dir := deployFixture(t)
	target := store.Target("site", "pinzhi")
	env := append([]string{"LC_ALL=C.UTF-8"}, storetest.Env(storetest.AccessKey, storetest.SecretKey)...)
	base := store.URL("site", "pinzhi/")
	run := func(t *testing.T, args ...string) (string, string) {
		t.Helper()
		stdout, stderr, code := pinzhiIn(t, dir, env, append([]string{"deploy", "--to", target, "--base-url", base, "-v"}, args...)...)
		if code != 0 {
			t.Fatalf("deploy exited %d:\n%s%s", code, stdout, stderr)
		}
		return stdout, stderr
	}
	var site map[string][]byte

	t.Run("first deploy holds the build byte for byte, with its headers", func(t *testing.T) {
		stdout, _ := run(t)
		site = built(t, dir)
		if got, want := uploadedKeys(stdout), slices.Sorted(maps.Keys(site)); !slices.Equal(got, want) {
			t.Fatalf("uploaded %d files, want the %d of the build", len(got), len(want))
		}
		for key, data := range site {
			resp, body := storetest.Get(t, store.URL("site", "pinzhi/"+key))
			if resp.StatusCode != 200 || !bytes.Equal(body, data) {
				t.Fatalf("%s: status %d, %d bytes; want the %d bytes built", key, resp.StatusCode, len(body), len(data))
			}
			ct, cc := wantHeaders(key)
			if resp.Header.Get("Content-Type") != ct || resp.Header.Get("Cache-Control") != cc {
				t.Errorf("%s: Content-Type %q, Cache-Control %q; want %q, %q", key,
					resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"), ct, cc)
			}
		}
	})

	t.Run("gzip: text stored compressed, served with its encoding", func(t *testing.T) {
		gz := store.Target("site", "gz")
		if stdout, stderr, code := pinzhiIn(t, dir, env, "deploy", "--build=false", "--gzip", "--to", gz); code != 0 {
			t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
		}
		var picture string
		for _, key := range slices.Sorted(maps.Keys(site)) {
			if ext := filepath.Ext(key); ext == ".webp" || ext == ".jpg" || ext == ".png" {
				picture = key
				break
			}
		}
		for _, key := range []string{"index.html", "feed.xml", picture} {
			if site[key] == nil {
				t.Fatalf("the build has no %q", key)
			}
			resp, body := storetest.Get(t, store.URL("site", "gz/"+key))
			text := strings.Contains(resp.Header.Get("Content-Type"), "charset=utf-8")
			if enc := resp.Header.Get("Content-Encoding"); (enc == "gzip") != text {
				t.Errorf("%s (%s): Content-Encoding %q", key, resp.Header.Get("Content-Type"), enc)
			}
			if text {
				zr, err := gzip.NewReader(bytes.NewReader(body))
				if err != nil {
					t.Fatalf("%s: %v", key, err)
				}
				if body, err = io.ReadAll(zr); err != nil {
					t.Fatalf("%s: %v", key, err)
				}
			}
			if !bytes.Equal(body, site[key]) {
				t.Errorf("%s: not the file built, once decompressed", key)
			}
		}
	})

	t.Run("second deploy uploads nothing", func(t *testing.T) {
		stdout, stderr := run(t)
		if keys := uploadedKeys(stdout); len(keys) > 0 {
			t.Fatalf("uploaded %v", keys)
		}
		if !strings.Contains(stderr, " 0 put, 0 delete") || !strings.Contains(stdout, "0 files uploaded (0 B), 0 objects deleted") {
			t.Errorf("the second deploy wrote:\n%s%s", stdout, stderr)
		}
	})

	t.Run("one edit uploads what it changed", func(t *testing.T) {
		edit(t, filepath.Join(dir, "content", "communities", "houdajie.md"), "。", "。又及。")
		stdout, _ := run(t)
		after := built(t, dir)
		want := changed(site, after)
		site = after
		if got := uploadedKeys(stdout); !slices.Equal(got, want) || len(got) == 0 || len(got) > len(site)/2 {
			t.Fatalf("uploaded %v, want the files the edit changed: %v", got, want)
		}
	})

	t.Run("a removed page is deleted and a colleague's file stays", func(t *testing.T) {
		put(t, store, "site", "pinzhi/notice/colleague.txt", "their own file")
		gone := "communities/lingxiao/index.html"
		if _, ok := site[gone]; !ok {
			t.Fatalf("the build has no %s", gone)
		}
		if err := os.Remove(filepath.Join(dir, "content", "communities", "lingxiao.md")); err != nil {
			t.Fatal(err)
		}
		stdout, _ := run(t)
		if !strings.Contains(stdout, "delete  "+gone) {
			t.Errorf("no deletion of %s:\n%s", gone, stdout)
		}
		site = built(t, dir)
		held := objects(t, store, "site", "pinzhi/")
		if _, ok := held[gone]; ok {
			t.Errorf("%s is still in the bucket", gone)
		}
		if _, ok := held["notice/colleague.txt"]; !ok {
			t.Errorf("the colleague's file was deleted")
		}
		delete(held, "notice/colleague.txt")
		delete(held, deploy.ListName)
		if got, want := slices.Sorted(maps.Keys(held)), slices.Sorted(maps.Keys(site)); !slices.Equal(got, want) {
			t.Errorf("the bucket holds %d objects of pinzhi's, the build %d", len(got), len(want))
		}
	})

	t.Run("dry run changes nothing", func(t *testing.T) {
		before := objects(t, store, "site", "pinzhi/")
		edit(t, filepath.Join(dir, "content", "communities", "houdajie.md"), "又及", "再及")
		stdout, _ := run(t, "--dry-run")
		if !strings.Contains(stdout, "upload  communities/houdajie/index.html") || !strings.Contains(stdout, "nothing was changed") {
			t.Errorf("the plan does not name the changed page:\n%s", stdout)
		}
		if after := objects(t, store, "site", "pinzhi/"); !maps.Equal(before, after) {
			t.Errorf("a dry run changed the bucket")
		}
	})

	t.Run("a deploy killed part of the way is finished by the next", func(t *testing.T) {
		// Enough pages that the deploy is caught with some of them written
		// and many not.
		for i := range 300 {
			writeFile(t, filepath.Join(dir, "content", "communities", fmt.Sprintf("extra%03d.md", i)),
				fmt.Sprintf("---\ntitle: 第%d号社区\ndistrict: 海曙区\nslug: extra%03d\n---\n\n社区的故事。\n", i, i))
		}
		run(t)
		// A new stylesheet, which every page links to by its new name.
		css, err := os.ReadFile(filepath.Join(dir, "assets", "site.css"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "assets", "site.css"), string(css)+"\nmark{color:#600}\n")
		before := objects(t, store, "site", "pinzhi/")
		if _, stderr, code := pinzhiIn(t, dir, env, "build", "--base-url", base); code != 0 {
			t.Fatal(stderr)
		}
		cmd := exec.Command(binary, "deploy", "--build=false", "--to", target)
		cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		pageChanged := func() bool {
			for key, etag := range objects(t, store, "site", "pinzhi/") {
				if strings.HasSuffix(key, ".html") && before[key] != "" && before[key] != etag {
					return true
				}
			}
			return false
		}
		deadline := time.Now().Add(30 * time.Second)
		for !pageChanged() && time.Now().Before(deadline) {
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		mid := objects(t, store, "site", "pinzhi/")
		oldPages := 0
		for key, etag := range mid {
			if strings.HasSuffix(key, ".html") && before[key] == etag {
				oldPages++
			}
		}
		if maps.Equal(before, mid) || oldPages == 0 {
			t.Fatalf("the deploy was not killed part of the way: %d pages were still old", oldPages)
		}
		t.Logf("killed with %d pages still old", oldPages)
		for key := range mid {
			if !strings.HasSuffix(key, ".html") {
				continue
			}
			_, page := storetest.Get(t, store.URL("site", "pinzhi/"+key))
			for _, m := range assetRefs.FindAllSubmatch(page, -1) {
				ref := strings.TrimPrefix(string(m[1]), "/site/pinzhi/")
				if _, ok := mid[ref]; !ok {
					t.Errorf("mid-way, %s links to %s, which is not there yet", key, ref)
				}
			}
		}
		run(t, "--build=false")
		site = built(t, dir)
		for key, data := range site {
			if _, body := storetest.Get(t, store.URL("site", "pinzhi/"+key)); !bytes.Equal(body, data) {
				t.Errorf("after the next deploy, %s is not as built", key)
			}
		}
	})

	t.Run("the site loads from the bucket in a browser", func(t *testing.T) {
		browseDeployedSite(t, base)
	})
}

// TestDeployFailures: each way a deploy can fail is one line saying what
// to do, exit status 1 (2 for a target that is no URL), no secret
// printed, and nothing changed.
func TestDeployFailures(t *testing.T) {
	store := storetest.Start(t)
	store.CreateBucket(t, "site")
	dir := deployFixture(t)
	good := storetest.Env(storetest.AccessKey, storetest.SecretKey)
	wrongSecret := "wrong-secret-5ee7c0de"
	closed := strconv.Itoa(freePort(t))
	cases := []struct {
		name   string
		target string
		env    []string
		code   int
		want   string
	}{
		{"unreachable store", "s3://site/p?endpoint=http://127.0.0.1:" + closed + "&region=us-east-1&use_path_style=true", good, 1, "nothing answers at the address of"},
		{"missing bucket", store.Target("nobucket", "p"), good, 1, "does not exist: create it"},
		{"refused credentials", store.Target("site", "p"), storetest.Env(storetest.AccessKey, wrongSecret), 1, "the store refused the credentials"},
		{"unknown key", store.Target("site", "p"), storetest.Env("nobody", wrongSecret), 1, "the store refused the credentials"},
		{"no credentials", store.Target("site", "p"), storetest.Env("", ""), 1, "no credentials for"},
		{"not a URL", "site/p", good, 2, "is not a storage URL"},
		{"another scheme", "ftp://host/p", good, 2, "pinzhi deploys to s3:// and file:// targets"},
		{"credential in the URL", "s3://site/p?aws_secret_access_key=" + wrongSecret, good, 2, "carries a credential"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := append([]string{"LC_ALL=C.UTF-8"}, c.env...)
			stdout, stderr, code := pinzhiIn(t, dir, env, "deploy", "--to", c.target)
			failure := failureLines(stderr)
			if code != c.code || len(failure) != 1 || !strings.Contains(failure[0], c.want) {
				t.Errorf("exit %d, wrote:\n%s%s\nwant exit %d and one line with %q", code, stdout, stderr, c.code, c.want)
			}
			if strings.Contains(stdout+stderr, wrongSecret) || strings.Contains(stdout+stderr, storetest.SecretKey) {
				t.Errorf("a secret was printed:\n%s%s", stdout, stderr)
			}
		})
	}
	if held := objects(t, store, "site", ""); len(held) > 0 {
		t.Errorf("failed deploys left %d objects", len(held))
	}
}

func put(t *testing.T, s *storetest.Store, bucket, key, body string) {
	t.Helper()
	_, err := s.Client.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body)})
	if err != nil {
		t.Fatal(err)
	}
}

// failureLines are the lines of a deploy's stderr that are not the
// build's: its warnings and the line saying what it built.
func failureLines(stderr string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if line != "" && !strings.Contains(line, ": warning: ") && !strings.HasPrefix(line, "built ") {
			out = append(out, line)
		}
	}
	return out
}

// TestDeployToFolder deploys to a folder through a file:// target.
func TestDeployToFolder(t *testing.T) {
	t.Parallel()
	dir := deployFixture(t)
	to := filepath.Join(t.TempDir(), "www", "pinzhi") // made by the deploy
	target := "file://" + filepath.ToSlash(to)
	stdout, stderr, code := pinzhi(t, dir, "deploy", "--to", target)
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
	site := built(t, dir)
	for key, data := range site {
		got, err := os.ReadFile(filepath.Join(to, filepath.FromSlash(key)))
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s is not as built: %v", key, err)
		}
	}
	var extra []string
	filepath.WalkDir(to, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(to, p)
		if err == nil && !d.IsDir() && site[filepath.ToSlash(rel)] == nil && rel != deploy.ListName {
			extra = append(extra, rel)
		}
		return err
	})
	if len(extra) > 0 {
		t.Errorf("the folder also holds %v", extra)
	}
	stdout, stderr, code = pinzhi(t, dir, "deploy", "--to", target)
	if code != 0 || !strings.Contains(stdout, "0 files uploaded (0 B), 0 objects deleted, "+strconv.Itoa(len(site))+" unchanged") {
		t.Errorf("the second deploy to the folder wrote:\n%s%s", stdout, stderr)
	}
	// The target written in the site, and none at all.
	edit(t, filepath.Join(dir, "content", "_index.md"), "reporter:", "deploy:\n  to: "+target+"-2\nreporter:")
	if stdout, stderr, code := pinzhi(t, dir, "deploy"); code != 0 || !strings.Contains(stdout, "deployed to "+target+"-2: ") {
		t.Errorf("deploy with deploy.to: exit %d\n%s%s", code, stdout, stderr)
	}
	edit(t, filepath.Join(dir, "content", "_index.md"), "deploy:\n  to: "+target+"-2\n", "")
	if stdout, stderr, code := pinzhi(t, dir, "deploy"); code != 2 || !strings.Contains(stderr, "no target: pass --to URL") {
		t.Errorf("deploy with no target: exit %d\n%s%s", code, stdout, stderr)
	}

	if _, stderr, code := pinzhi(t, dir, "build", "--drafts"); code != 0 {
		t.Fatal(stderr)
	}
	stdout, stderr, code = pinzhi(t, dir, "deploy", "--build=false", "--to", target)
	if code != 1 || !strings.Contains(stderr, "holds a build with the drafts") {
		t.Errorf("a build with the drafts was deployed: exit %d\n%s%s", code, stdout, stderr)
	}
}
