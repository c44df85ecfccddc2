package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// limitCPU moves process pid into a cgroup of its own that may use cpus
// cores (a CPU quota, as a container's CPU limit), so that replicas on one
// machine behave like replicas on machines of their own. It works with
// cgroup v2 (cpu.max) and v1 (cpu.cfs_quota_us); remove deletes the group
// once the process has exited.
func limitCPU(pid int, name string, cpus float64) (remove func(), err error) {
	const period = 100000 // µs
	quota := strconv.Itoa(int(cpus * period))
	v2, v1 := "/sys/fs/cgroup", "/sys/fs/cgroup/cpu"
	var dir string
	var files [][2]string
	switch {
	case exists(filepath.Join(v2, "cgroup.controllers")):
		dir = filepath.Join(v2, name)
		files = [][2]string{{"cpu.max", quota + " " + strconv.Itoa(period)}}
	case exists(filepath.Join(v1, "cpu.cfs_quota_us")):
		dir = filepath.Join(v1, name)
		files = [][2]string{{"cpu.cfs_period_us", strconv.Itoa(period)}, {"cpu.cfs_quota_us", quota}}
	default:
		return nil, errors.New("no cgroup cpu controller (cgroup v2 or v1 at /sys/fs/cgroup)")
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("cgroup: %w (run as root)", err)
	}
	remove = func() { os.Remove(dir) }
	files = append(files, [2]string{"cgroup.procs", strconv.Itoa(pid)})
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f[0]), []byte(f[1]), 0o644); err != nil {
			remove()
			return nil, fmt.Errorf("cgroup %s: %w", f[0], err)
		}
	}
	return remove, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// cpuSeconds is the CPU time (user + system) process pid used so far.
func cpuSeconds(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command name "(…)": state is field 3; utime and stime are 14 and 15.
	_, rest, ok := strings.Cut(string(b), ") ")
	if !ok {
		return 0
	}
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0
	}
	ut, _ := strconv.ParseFloat(f[11], 64)
	st, _ := strconv.ParseFloat(f[12], 64)
	return (ut + st) / 100 // clock ticks (USER_HZ, 100 on Linux)
}
