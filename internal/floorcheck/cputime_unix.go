//go:build unix

package floorcheck

import (
	"syscall"
	"time"
)

// CPUTime returns the user and system CPU time that the process has used,
// all threads (so the garbage collector) included, and whether the platform
// reports it. The benchmark reports it besides wall time because on a
// shared machine other processes slow the wall clock down but not the CPU
// time of the work measured.
func CPUTime() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
