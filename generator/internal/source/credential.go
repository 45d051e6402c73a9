package source

import (
	"net/url"
	"strings"
)

// secretWords are the words in the name of a URL's query parameter that
// say its value is a secret: an access key, a token, a password, a
// signature. A key's id (kmskeyid) is not one.
var secretWords = []string{"secret", "password", "token", "signature", "credential", "access_key", "accesskey", "private"}

// SecretParam reports whether a URL's query parameter of that name holds
// a secret.
func SecretParam(name string) bool {
	n := strings.ToLower(name)
	if n == "sig" { // a shared access signature's
		return true
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// HasCredential reports whether u carries a credential: a user or
// password, or a query parameter that holds a secret.
func HasCredential(u *url.URL) bool {
	if u.User != nil {
		return true
	}
	for name := range u.Query() {
		if SecretParam(name) {
			return true
		}
	}
	return false
}
