//go:build !unix

package generator

// lockOutput does nothing where flock(2) is missing: two builds of the same
// output folder at once are then the user's to avoid.
func lockOutput(string) (func(), error) { return func() {}, nil }
