package deploy

import (
	"strings"
	"testing"
)

func TestParseTarget(t *testing.T) {
	cases := []struct {
		target, url, prefix, err string
	}{
		{"s3://paper/2016/pinzhi?region=ap-east-1", "s3://paper?region=ap-east-1", "2016/pinzhi", ""},
		{"s3://paper?endpoint=https://s3.ap-east-1.amazonaws.com&region=ap-east-1",
			"s3://paper?endpoint=https%3A%2F%2Fs3.ap-east-1.amazonaws.com&region=ap-east-1", "", ""},
		{"s3://paper/pinzhi?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou",
			"s3://paper?endpoint=https%3A%2F%2Foss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou&request_checksum_calculation=when_required&response_checksum_validation=when_required", "pinzhi", ""},
		{"s3://paper/pinzhi/?endpoint=http://127.0.0.1:8333&use_path_style=true&request_checksum_calculation=when_supported",
			"s3://paper?endpoint=http%3A%2F%2F127.0.0.1%3A8333&request_checksum_calculation=when_supported&response_checksum_validation=when_required&use_path_style=true", "pinzhi", ""},
		{"file:///var/www/pinzhi", "file:///var/www/pinzhi?create_dir=1&metadata=skip&no_tmp_dir=1", "", ""},
		{"file:///var/www/pinzhi?metadata=keep", "file:///var/www/pinzhi?create_dir=1&metadata=keep&no_tmp_dir=1", "", ""},
		{"var/www/pinzhi", "", "", "is not a storage URL"},
		{"gs://paper/pinzhi", "", "", "pinzhi deploys to s3:// and file:// targets, not gs://"},
		{"s3://AKIA:hunter2@paper/pinzhi", "", "", "s3://paper/pinzhi carries a credential"},
	}
	for _, c := range cases {
		u, prefix, err := parseTarget(c.target)
		switch {
		case c.err != "":
			if err == nil || !strings.Contains(err.Error(), c.err) || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("%s: error %v, want one with %q and no secret", c.target, err, c.err)
			}
		case err != nil:
			t.Errorf("%s: %v", c.target, err)
		case u.String() != c.url || prefix != c.prefix:
			t.Errorf("%s: opens %s under %q, want %s under %q", c.target, u, prefix, c.url, c.prefix)
		}
	}
}
