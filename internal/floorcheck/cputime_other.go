//go:build !unix

package floorcheck

import "time"

// CPUTime reports false: the platform has no getrusage.
func CPUTime() (time.Duration, bool) { return 0, false }
