package jobs

import (
	"reflect"
	"time"

	"github.com/riverqueue/river"
)

// AddPeriodic registers a job inserted on every slot of the cron expression
// expr, evaluated in loc (site.timezone). Only the elected leader among the
// running processes inserts periodic jobs; in addition each inserted job is
// unique by kind, arguments and slot time, unless ctor sets its own
// UniqueOpts, so that a change of leader cannot insert a slot twice.
// The job runs at its slot's time (InsertOpts.ScheduledAt is the slot).
func (r *Registry) AddPeriodic(expr string, loc *time.Location, ctor func() (river.JobArgs, *river.InsertOpts), opts *river.PeriodicJobOpts) error {
	sched, err := Cron(expr, loc)
	if err != nil {
		return err
	}
	r.Periodic = append(r.Periodic, river.NewPeriodicJob(sched, uniqueSlots(ctor), opts))
	return nil
}

// uniqueSlots makes the jobs of ctor unique by kind, arguments and slot
// (River sets ScheduledAt to the slot), unless ctor chose its own UniqueOpts.
func uniqueSlots(ctor func() (river.JobArgs, *river.InsertOpts)) river.PeriodicJobConstructor {
	return func() (river.JobArgs, *river.InsertOpts) {
		args, io := ctor()
		if io == nil {
			io = &river.InsertOpts{}
		}
		if reflect.ValueOf(io.UniqueOpts).IsZero() {
			io.UniqueOpts = river.UniqueOpts{ByArgs: true, ByPeriod: time.Second}
		}
		return args, io
	}
}
