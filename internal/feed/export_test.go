package feed

// SendsFromMemfd reports whether r's plain and gzip bodies are sent with
// sendfile from memfds (tests of that path need bodies that large).
func SendsFromMemfd(r *Rendered) bool { return r.plainFile != nil && r.gzFile != nil }
