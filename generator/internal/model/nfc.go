package model

import "golang.org/x/text/unicode/norm"

// NFC is s in Unicode's composed form: a name typed on a Mac ("café" as
// "cafe" and a combining accent) becomes the one everyone else types.
func NFC(s string) string { return norm.NFC.String(s) }
