package publish

import (
	"crypto/rand"
	"encoding/hex"
	"path/filepath"
	"strings"
)

// tempMark is in the name of every temporary file pinzhi makes.
const tempMark = ".pinzhi-"

// tempName returns a fresh temporary name beside name: ".index.html.pinzhi-3f9a0c1b2d4e".
func tempName(name string) string {
	var b [6]byte
	rand.Read(b[:])
	return filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+tempMark+hex.EncodeToString(b[:]))
}

// isTempName reports whether base is a name tempName makes.
func isTempName(base string) bool {
	i := strings.LastIndex(base, tempMark)
	if !strings.HasPrefix(base, ".") || i < 1 || len(base)-i-len(tempMark) != 12 {
		return false
	}
	_, err := hex.DecodeString(base[i+len(tempMark):])
	return err == nil
}
