package store

// Cond is an SQL condition on an articles row named "a", built by its owner
// (the delivery rule, internal/notify): next is the number of its first
// placeholder ($next, $next+1 …), args are their values.
type Cond func(next int) (sql string, args []any)
