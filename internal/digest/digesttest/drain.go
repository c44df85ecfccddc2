package digesttest

import "github.com/partnerfeed/partnerfeed/internal/jobs/jobstest"

// Drained waits until no River job is left to run (jobstest.Drain): every
// mail a job sends is in mailpit once its job completed, so after Drained a
// count of mailpit's messages is final.
func (e *Env) Drained() {
	e.T.Helper()
	jobstest.Drain(e.T, e.Ctx, e.Client, false)
}
