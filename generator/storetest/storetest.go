// Package storetest starts a real S3-compatible store, SeaweedFS, on
// loopback for pinzhi's deploy tests. It is imported only by tests.
//
// The store is the weed command named by PINZHI_WEED, or weed on PATH
// (.ci/run builds it from its Go module). Without it the tests skip,
// saying how to get it; with PINZHI_REQUIRE_STORE=1 (as CI sets it) they
// fail instead.
package storetest

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// The one identity the store knows, with every right, and the public's
// right to read, so that a browser can load the site from it.
const (
	AccessKey = "pinzhi-test-key"
	SecretKey = "pinzhi-test-secret-0123456789"
	region    = "us-east-1"
)

const identities = `{"identities":[
 {"name":"pinzhi","credentials":[{"accessKey":"` + AccessKey + `","secretKey":"` + SecretKey + `"}],
  "actions":["Admin","Read","Write","List","Tagging"]},
 {"name":"anonymous","actions":["Read"]}]}`

// A Store is a running SeaweedFS with its S3 gateway.
type Store struct {
	Endpoint string // http://127.0.0.1:port, the S3 gateway
	Client   *s3.Client
}

// Weed returns the path of the weed command, or skips (or fails) the test.
func Weed(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("-short leaves out the tests that start a store")
	}
	if p := os.Getenv("PINZHI_WEED"); p != "" {
		return p
	}
	if p, err := exec.LookPath("weed"); err == nil {
		return p
	}
	msg := "no SeaweedFS: build weed from github.com/seaweedfs/seaweedfs (as .ci/run does) and set PINZHI_WEED to run the deploy tests"
	if os.Getenv("PINZHI_REQUIRE_STORE") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Start starts a store of its own for the test, stopped when it ends.
func Start(t testing.TB) *Store {
	t.Helper()
	weed := Weed(t)
	dir := t.TempDir()
	config := filepath.Join(dir, "s3.json")
	if err := os.WriteFile(config, []byte(identities), 0o600); err != nil {
		t.Fatal(err)
	}
	ports := freePorts(t, 4)
	cmd := exec.Command(weed, "server", "-dir="+dir, "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
		"-master.port="+ports[0], "-master.volumeSizeLimitMB=64", "-volume.port="+ports[1], "-volume.max=8",
		"-filer", "-filer.port="+ports[2], "-s3", "-s3.port="+ports[3], "-s3.config="+config)
	log, err := os.Create(filepath.Join(dir, "weed.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait(); log.Close() })
	s := &Store{Endpoint: "http://127.0.0.1:" + ports[3]}
	s.Client = s3.New(s3.Options{Region: region, BaseEndpoint: aws.String(s.Endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(AccessKey, SecretKey, "")})
	s.waitReady(t, filepath.Join(dir, "weed.log"))
	return s
}

// waitReady waits until the store makes buckets, at most a minute.
func (s *Store) waitReady(t testing.TB, log string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		_, err := s.Client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String("ready")})
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			out, _ := os.ReadFile(log)
			t.Fatalf("SeaweedFS did not start: %v\n%s", err, out)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// CreateBucket makes a bucket.
func (s *Store) CreateBucket(t testing.TB, name string) {
	t.Helper()
	if _, err := s.Client.CreateBucket(context.Background(), &s3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
}

// Target is the deploy URL of a prefix of a bucket.
func (s *Store) Target(bucket, prefix string) string {
	return fmt.Sprintf("s3://%s/%s?endpoint=%s&region=%s&use_path_style=true", bucket, prefix, s.Endpoint, region)
}

// URL is the address at which the store serves an object to anyone.
func (s *Store) URL(bucket, key string) string { return s.Endpoint + "/" + bucket + "/" + key }

// Env is the environment of a command that deploys to the store: its
// credentials, and nothing from this machine's AWS files or its cloud's
// metadata service (which the SDK would otherwise ask, over the network).
func Env(accessKey, secretKey string) []string {
	return []string{"AWS_ACCESS_KEY_ID=" + accessKey, "AWS_SECRET_ACCESS_KEY=" + secretKey,
		"AWS_SESSION_TOKEN=", "AWS_PROFILE=", "AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + os.DevNull, "AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull}
}

// freePorts finds n ports on loopback that are free, each with the port
// 10000 above it free too: SeaweedFS serves gRPC there.
func freePorts(t testing.TB, n int) []string {
	t.Helper()
	var ports []string
	var held []net.Listener
	defer func() {
		for _, l := range held {
			l.Close()
		}
	}()
	for len(ports) < n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, l)
		port := l.Addr().(*net.TCPAddr).Port
		if port+10000 > 65535 {
			continue
		}
		grpc, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port+10000))
		if err != nil {
			continue
		}
		held = append(held, grpc)
		ports = append(ports, strconv.Itoa(port))
	}
	return ports
}

// Get reads an object as the public does, over plain HTTP.
func Get(t testing.TB, url string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}
