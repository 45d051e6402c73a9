package source

import (
	"net/url"
	"testing"
)

func TestHasCredential(t *testing.T) {
	cases := []struct {
		url  string
		want bool
	}{
		{"s3://paper/pinzhi?endpoint=https://oss-cn-hangzhou.aliyuncs.com&region=oss-cn-hangzhou", false},
		{"s3://paper/pinzhi?region=us-east-1&ssetype=aws:kms&kmskeyid=1234abcd", false},
		{"s3://paper/pinzhi?use_path_style=true&profile=paper", false},
		{"file:///var/www/pinzhi", false},
		{"s3://AKIA:secret@paper/pinzhi", true},
		{"s3://paper/pinzhi?aws_secret_access_key=abc", true},
		{"s3://paper/pinzhi?AWS_ACCESS_KEY_ID=AKIA", true},
		{"s3://paper/pinzhi?session_token=abc", true},
		{"azblob://paper?sig=abc&sv=2020", true},
		{"s3://paper/pinzhi?X-Amz-Signature=abc", true},
		{"s3://paper/pinzhi?password=abc", true},
	}
	for _, c := range cases {
		u, err := url.Parse(c.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := HasCredential(u); got != c.want {
			t.Errorf("HasCredential(%s) = %v, want %v", c.url, got, c.want)
		}
	}
}
