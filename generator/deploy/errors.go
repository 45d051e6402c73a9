package deploy

import (
	"errors"
	"net"
	"strings"

	"github.com/aws/smithy-go"
	"gocloud.dev/gcerrors"
)

// A Failure is the kind of error a store gave, for a message that says
// what to do about it.
type Failure int

const (
	OtherFailure  Failure = iota
	Unreachable           // nothing answers at the store's address
	NoBucket              // the bucket does not exist
	Refused               // the store refused the credentials
	NoCredentials         // none were found where the store's SDK looks
)

// Classify says what kind of failure err is.
func Classify(err error) Failure {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchBucket":
			return NoBucket
		case "InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied", "Forbidden", "ExpiredToken", "InvalidToken":
			return Refused
		}
	}
	var netErr *net.OpError
	var dnsErr *net.DNSError
	switch {
	case strings.Contains(err.Error(), "failed to refresh cached credentials"), strings.Contains(err.Error(), "no EC2 IMDS role found"):
		return NoCredentials
	case errors.As(err, &dnsErr), errors.As(err, &netErr):
		return Unreachable
	case gcerrors.Code(err) == gcerrors.PermissionDenied:
		return Refused
	}
	return OtherFailure
}
