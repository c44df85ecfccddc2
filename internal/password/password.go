// Package password hashes the console's passwords with argon2id and checks
// them. A hash is stored in the PHC string form the reference implementation
// writes, with its parameters and salt:
//
//	$argon2id$v=19$m=19456,t=2,p=1$<salt, base64 without padding>$<key>
//
// so that the parameters can be raised later and old hashes still verify.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32 // passes
	Threads uint8
	SaltLen int
	KeyLen  int
}

// Default are the parameters new hashes get: OWASP's recommendation for
// argon2id (19 MiB, 2 passes, 1 thread), which keeps a login cheap enough
// for a small server that several replicas share.
var Default = Params{Memory: 19 * 1024, Time: 2, Threads: 1, SaltLen: 16, KeyLen: 32}

// Limits a stored hash's parameters must keep, so that a tampered hash
// cannot make a login allocate gigabytes or run for minutes.
const (
	maxMemory  = 1 << 20 // KiB (1 GiB)
	maxTime    = 20
	maxThreads = 16
	minSalt    = 8
	maxSalt    = 64
	minKey     = 16
	maxKey     = 64
)

// ErrMalformed is returned for a stored hash that is not an argon2id PHC
// string within the limits.
var ErrMalformed = errors.New("password: malformed hash")

// Hash returns the PHC string of password with a fresh random salt.
func Hash(password string, p Params) (string, error) {
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(p.KeyLen))
	return Encoded{Params: p, Salt: salt, Key: key}.String(), nil
}

// Verify reports whether password matches the stored hash (a constant-time
// comparison of the derived keys).
func Verify(password, hash string) (bool, error) {
	e, err := Parse(hash)
	if err != nil {
		return false, err
	}
	key := argon2.IDKey([]byte(password), e.Salt, e.Params.Time, e.Params.Memory, e.Params.Threads, uint32(len(e.Key)))
	return subtle.ConstantTimeCompare(key, e.Key) == 1, nil
}

// Encoded is a parsed PHC string.
type Encoded struct {
	Params Params
	Salt   []byte
	Key    []byte
}

var b64 = base64.RawStdEncoding

// String is the PHC form of e.
func (e Encoded) String() string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		e.Params.Memory, e.Params.Time, e.Params.Threads, b64.EncodeToString(e.Salt), b64.EncodeToString(e.Key))
}

// Parse reads a PHC string written by Hash (or by another argon2id
// implementation with parameters within the limits).
func Parse(s string) (Encoded, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return Encoded{}, ErrMalformed
	}
	var e Encoded
	m, t, p, ok := params(parts[3])
	if !ok || m < 8*uint64(p) || m > maxMemory || t < 1 || t > maxTime || p < 1 || p > maxThreads {
		return Encoded{}, ErrMalformed
	}
	e.Params = Params{Memory: uint32(m), Time: uint32(t), Threads: uint8(p)}
	// The decoder skips line breaks; a hash has none.
	if strings.ContainsAny(parts[4]+parts[5], "\r\n") {
		return Encoded{}, ErrMalformed
	}
	var err error
	if e.Salt, err = b64.Strict().DecodeString(parts[4]); err != nil || len(e.Salt) < minSalt || len(e.Salt) > maxSalt {
		return Encoded{}, ErrMalformed
	}
	if e.Key, err = b64.Strict().DecodeString(parts[5]); err != nil || len(e.Key) < minKey || len(e.Key) > maxKey {
		return Encoded{}, ErrMalformed
	}
	e.Params.SaltLen, e.Params.KeyLen = len(e.Salt), len(e.Key)
	return e, nil
}

// params reads "m=…,t=…,p=…" in this order, decimal numbers without signs
// or leading zeros.
func params(s string) (m, t, p uint64, ok bool) {
	fields := strings.Split(s, ",")
	if len(fields) != 3 {
		return 0, 0, 0, false
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		v, found := strings.CutPrefix(fields[i], name)
		if !found || v == "" || len(v) > 10 || (len(v) > 1 && v[0] == '0') || strings.TrimLeft(v, "0123456789") != "" {
			return 0, 0, 0, false
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return 0, 0, 0, false
		}
		vals[i] = n
	}
	return vals[0], vals[1], vals[2], true
}
