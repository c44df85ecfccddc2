package connlimit

// reserve is what the process keeps for everything but HTTP connections:
// the database, outgoing requests (sources, Telegram, SMTP), logs.
const reserve = 128

// Fit lowers total so that total connections and the reserve fit into limit
// open files (limit 0: unknown, total stays); it never goes below half the
// limit. It reports whether it lowered total.
func Fit(total, limit int) (int, bool) {
	if limit <= 0 || total+reserve <= limit {
		return total, false
	}
	return max(limit-reserve, limit/2, 1), true
}
