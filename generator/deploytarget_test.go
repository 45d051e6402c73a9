package generator

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestDeployTarget(t *testing.T) {
	cases := []struct {
		name, front string
		to          string
		line        int
		problem     string // in the error, at content/_index.md:line
	}{
		{"none", "", "", 0, ""},
		{"s3", "deploy:\n  to: s3://paper/pinzhi?region=oss-cn-hangzhou\n", "s3://paper/pinzhi?region=oss-cn-hangzhou", 4, ""},
		{"a folder", "deploy:\n  to: file:///var/www/pinzhi\n", "file:///var/www/pinzhi", 4, ""},
		{"a KMS key's id is no secret", "deploy:\n  to: s3://paper/pinzhi?ssetype=aws:kms&kmskeyid=1234abcd\n", "s3://paper/pinzhi?ssetype=aws:kms&kmskeyid=1234abcd", 4, ""},
		{"no URL", "deploy:\n  to: paper/pinzhi\n", "", 0, "content/_index.md:4: deploy.to \"paper/pinzhi\" is not a storage URL"},
		{"a password", "deploy:\n  to: s3://key:secret@paper/pinzhi\n", "", 0, "content/_index.md:4: deploy.to carries a credential"},
		{"a secret key", "deploy:\n  to: s3://paper/pinzhi?aws_secret_access_key=abc\n", "", 0, "content/_index.md:4: deploy.to carries a credential"},
		{"not a group", "deploy: s3://paper\n", "", 0, "content/_index.md:3: "},
		{"the rest of the file is not read", "districts: 12\nlimits: [1]\n", "", 0, ""},
		{"front matter that does not parse", "deploy: [\n", "", 0, "content/_index.md:"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: 品质社区\n" + c.front + "---\n\n正文。\n")}}
			to, line, err := DeployTarget(Options{Src: src})
			var probs Problems
			switch {
			case c.problem == "" && err != nil:
				t.Fatalf("error %v", err)
			case c.problem != "" && (!errors.As(err, &probs) || !strings.Contains(err.Error(), c.problem)):
				t.Fatalf("error %v, want one with %q", err, c.problem)
			}
			if to != c.to || line != c.line {
				t.Errorf("to %q at line %d, want %q at %d", to, line, c.to, c.line)
			}
		})
	}
}

// TestBuildChecksDeployTarget: a build fails on a deploy.to that holds a
// credential, at its line, and builds with a good one, without a warning
// of an unknown key.
func TestBuildChecksDeployTarget(t *testing.T) {
	fsys := repoSite(t)
	index := string(fsys["content/_index.md"].Data)
	withDeploy := func(to string) string { return strings.Replace(index, "---\n", "---\ndeploy:\n  to: "+to+"\n", 1) }

	put(fsys, "content/_index.md", withDeploy("s3://AKIA:hunter2@paper/pinzhi"))
	_, _, err := buildInto(t, fsys, Options{})
	if probs := problemsOf(t, err); len(probs) != 1 || probs[0].Line != 3 || !strings.Contains(probs[0].Message, "deploy.to carries a credential") {
		t.Errorf("problems %v", probs)
	}

	put(fsys, "content/_index.md", withDeploy("s3://paper/pinzhi?region=oss-cn-hangzhou"))
	_, report := mustBuild(t, fsys, Options{})
	for _, w := range report.Warnings {
		if strings.Contains(w.Message, "deploy") {
			t.Errorf("warning %v", w)
		}
	}
}
