// Package mailpittest runs a real mailpit SMTP server on loopback for tests
// and reads what it received through its HTTP API.
package mailpittest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// Server is one running mailpit.
type Server struct {
	SMTPPort int
	API      string // http://127.0.0.1:PORT
	t        testing.TB
	bin      string
	httpPort int
	cmd      *exec.Cmd
}

// Binary finds mailpit (PATH, then $GOPATH/bin). Without it the test is
// skipped, or fails under CI=true.
func Binary(t testing.TB) string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		out, _ := exec.Command("go", "env", "GOPATH").Output()
		gopath = string(bytes.TrimSpace(out))
	}
	p := filepath.Join(gopath, "bin", "mailpit")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	testutil.Unavailable(t, "mailpit is not installed (scripts/test installs it)")
	return ""
}

// Start runs mailpit on free loopback ports, with chaos enabled and no message
// limit; it is stopped when the test ends.
func Start(t testing.TB) *Server {
	s := &Server{t: t, bin: Binary(t), SMTPPort: freePort(t), httpPort: freePort(t)}
	s.API = "http://127.0.0.1:" + strconv.Itoa(s.httpPort)
	s.Restart()
	t.Cleanup(s.Stop)
	return s
}

// Stop stops mailpit (an SMTP outage); Restart brings it back on the same ports.
func (s *Server) Stop() {
	if s.cmd == nil {
		return
	}
	s.cmd.Process.Kill()
	s.cmd.Wait()
	s.cmd = nil
}

// Restart starts mailpit again (empty) on the same ports and waits until it answers.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.cmd = exec.Command(s.bin, "--smtp", "127.0.0.1:"+strconv.Itoa(s.SMTPPort),
		"--listen", "127.0.0.1:"+strconv.Itoa(s.httpPort), "--disable-version-check",
		"--enable-chaos", "--max", "0", "--quiet", "--smtp-disable-rdns")
	if err := s.cmd.Start(); err != nil {
		s.t.Fatalf("mailpit: %v", err)
	}
	for range 200 {
		if c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(s.SMTPPort)); err == nil {
			c.Close()
			if resp, err := http.Get(s.API + "/api/v1/messages?limit=1"); err == nil {
				resp.Body.Close()
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	s.t.Fatal("mailpit did not start")
}

// Address is a mailpit address.
type Address struct{ Name, Address string }

// Summary is one message in the list.
type Summary struct {
	ID        string
	MessageID string
	Subject   string
	From      Address
	To        []Address
}

// Message is one message in full.
type Message struct {
	ID        string
	MessageID string
	Subject   string
	From      Address
	To        []Address
	Text      string
	HTML      string
}

// Messages lists every stored message, newest first.
func (s *Server) Messages() []Summary {
	var out struct {
		Total    int
		Messages []Summary
	}
	s.get("/api/v1/messages?limit=100000", &out)
	return out.Messages
}

// WaitMessages waits up to 20 s until mailpit holds n messages and returns
// them; more than n, or fewer after the wait, fails the test.
func (s *Server) WaitMessages(n int) []Summary {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		msgs := s.Messages()
		if len(msgs) >= n || time.Now().After(deadline) {
			if len(msgs) != n {
				s.t.Fatalf("mailpit holds %d messages, want %d", len(msgs), n)
			}
			return msgs
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Count is the number of stored messages.
func (s *Server) Count() int {
	var out struct{ Total int }
	s.get("/api/v1/messages?limit=1", &out)
	return out.Total
}

// Message returns one message with both parts.
func (s *Server) Message(id string) Message {
	var m Message
	s.get("/api/v1/message/"+id, &m)
	return m
}

// Headers returns the headers of one message as mailpit parsed them.
func (s *Server) Headers(id string) map[string][]string {
	h := map[string][]string{}
	s.get("/api/v1/message/"+id+"/headers", &h)
	return h
}

// Raw returns the message source.
func (s *Server) Raw(id string) string {
	var b bytes.Buffer
	s.do("GET", "/api/v1/message/"+id+"/raw", nil, &b)
	return b.String()
}

// DeleteAll deletes every message.
func (s *Server) DeleteAll() { s.do("DELETE", "/api/v1/messages", nil, nil) }

// Chaos makes the SMTP server answer code to every RCPT TO (0: stop).
func (s *Server) Chaos(code int) { s.ChaosOn("Recipient", code) }

// ChaosOn makes the SMTP server answer code at trigger (mailpit's chaos
// triggers: Sender for MAIL FROM, Recipient for RCPT TO, Authentication);
// code 0 stops it. Other triggers keep what they had.
func (s *Server) ChaosOn(trigger string, code int) {
	prob := 100
	if code == 0 {
		prob, code = 0, 451
	}
	body := fmt.Sprintf(`{%q:{"ErrorCode":%d,"Probability":%d}}`, trigger, code, prob)
	s.do("PUT", "/api/v1/chaos", []byte(body), nil)
}

func (s *Server) get(path string, v any) {
	var b bytes.Buffer
	s.do("GET", path, nil, &b)
	if err := json.Unmarshal(b.Bytes(), v); err != nil {
		s.t.Fatalf("mailpit %s: %v", path, err)
	}
}

func (s *Server) do(method, path string, body []byte, out *bytes.Buffer) {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.API+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("mailpit %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("mailpit %s %s: %s %s", method, path, resp.Status, b.String())
	}
	if out != nil {
		out.Write(b.Bytes())
	}
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
