package model

import (
	"io/fs"
	"net/url"

	"pinzhi/generator/internal/source"
)

// decodeDeploy reads the deploy: group, whose to: is the storage URL pinzhi
// deploy publishes to when no --to is given. Only its form is checked
// here; whether the store answers is pinzhi deploy's to find out.
// Credentials never belong in a content file, which is committed and
// shared: a URL that carries one is an error.
func decodeDeploy(r *source.Reader, probs *source.List) (to string, line int) {
	d := r.Mapping("deploy", source.M("write deploy: on a line of its own, then an indented line to: followed by the storage URL, such as s3://bucket/pinzhi?region=…"))
	if d == nil {
		return "", 0
	}
	to, line, present := d.Text("to")
	d.WarnUnknown()
	if !present || to == "" {
		return "", 0
	}
	u, err := url.Parse(to)
	switch {
	case err != nil || u.Scheme == "" || u.Opaque != "":
		probs.AddM(r.Path, line, source.M("write it as a storage URL, such as s3://bucket/pinzhi?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou, or file:///var/www/pinzhi"),
			"deploy.to %q is not a storage URL", to)
		return "", 0
	case source.HasCredential(u):
		probs.AddM(r.Path, line, source.M("remove it from the URL and give it in the store's environment variables or credentials file, as docs/hosting.md shows"),
			"deploy.to carries a credential, and content files are shared with everyone who has the site")
		return "", 0
	}
	return to, line
}

// ReadDeployTarget reads deploy.to from content/_index.md and nothing
// else of it: pinzhi deploy --build=false publishes a folder built when
// the rest of the file was right, and needs only its target. The
// problems are those of reading the file and of its deploy: group.
func ReadDeployTarget(fsys fs.FS) (to string, line int, problems source.Problems) {
	l, problems := source.Load(fsys, IndexFile)
	if l == nil {
		return "", 0, problems
	}
	var probs source.List
	to, line = decodeDeploy(source.NewReader(l.File.Path, l.File.BodyLine, l.Fields, &probs), &probs)
	return to, line, probs.Problems
}
