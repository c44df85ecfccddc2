package config

import "log/slog"

// MarshalText hides the value from encoders (JSON logs, YAML dumps).
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue hides the value from slog.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }
