//go:build unix

package connlimit

import "syscall"

// OpenFileLimit is the process's limit of open files (0 when unknown).
func OpenFileLimit() int {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil || r.Cur > 1<<30 {
		return 0
	}
	return int(r.Cur)
}
