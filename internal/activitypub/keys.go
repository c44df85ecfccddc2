package activitypub

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
)

// actorKey is an actor's key pair, loaded once from the database.
type actorKey struct {
	private   *rsa.PrivateKey
	publicPEM string
}

// key returns actor's key pair, created (RSA 2048) and stored the first
// time any process needs it; it is never replaced.
func (s *Service) key(ctx context.Context, actor string) (*actorKey, error) {
	if k, ok := s.keys.Load(actor); ok {
		return k.(*actorKey), nil
	}
	priv, pub, err := s.store.FediKey(ctx, actor, generateKey)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode([]byte(priv))
	if block == nil {
		return nil, fmt.Errorf("activitypub: key of %s: no PEM block", actor)
	}
	pk, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("activitypub: key of %s: %w", actor, err)
	}
	rk, ok := pk.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("activitypub: key of %s: not RSA", actor)
	}
	k, _ := s.keys.LoadOrStore(actor, &actorKey{private: rk, publicPEM: pub})
	return k.(*actorKey), nil
}

// generateKey makes an RSA 2048 key pair as PEM (PKCS #8, PKIX).
func generateKey() (private, public string, err error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", "", fmt.Errorf("activitypub: generate key: %w", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return "", "", fmt.Errorf("activitypub: encode key: %w", err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		return "", "", fmt.Errorf("activitypub: encode key: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub})), nil
}

// ParsePublicKey reads a PEM public key (PKIX, or PKCS #1 as some servers
// publish it).
func ParsePublicKey(p string) (*rsa.PublicKey, error) {
	block, _ := pem.Decode([]byte(p))
	if block == nil {
		return nil, errors.New("activitypub: public key: no PEM block")
	}
	if k, err := x509.ParsePKIXPublicKey(block.Bytes); err == nil {
		if rk, ok := k.(*rsa.PublicKey); ok {
			return rk, nil
		}
		return nil, errors.New("activitypub: public key: not RSA")
	}
	k, err := x509.ParsePKCS1PublicKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("activitypub: public key: %w", err)
	}
	return k, nil
}
