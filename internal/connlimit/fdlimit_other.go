//go:build !unix

package connlimit

// OpenFileLimit is the process's limit of open files (0 when unknown).
func OpenFileLimit() int { return 0 }
