package store

import (
	"context"
	"strconv"
	"strings"
)

// FoundSubscriber is what a lookup of one address or chat found: an email
// subscriber or a Telegram chat with the partners it follows.
type FoundSubscriber struct {
	Email   *EmailSubscriber
	Chat    *TelegramChat
	Follows []string // the chat's partners
}

// LookupSubscriber finds the email subscriber with exactly this address
// (letter case aside) or the Telegram chat with exactly this id. Nothing
// found is ErrNotFound: there is no search, no list, no partial match.
func (s *Store) LookupSubscriber(ctx context.Context, value string) (FoundSubscriber, error) {
	value = strings.TrimSpace(value)
	if id, err := strconv.ParseInt(value, 10, 64); err == nil {
		c, err := s.TelegramChat(ctx, id)
		if err != nil {
			return FoundSubscriber{}, err
		}
		follows, err := s.TelegramFollows(ctx, id)
		if err != nil {
			return FoundSubscriber{}, err
		}
		return FoundSubscriber{Chat: &c, Follows: follows}, nil
	}
	if !strings.Contains(value, "@") {
		return FoundSubscriber{}, ErrNotFound
	}
	sub, err := s.emailSubscriberWhere(ctx, `LOWER(email) = LOWER($1)`, value)
	if err != nil {
		return FoundSubscriber{}, err
	}
	return FoundSubscriber{Email: &sub}, nil
}

// DeleteSubscriber deletes what LookupSubscriber found for value: the
// email subscriber with its partners and ledger rows, or the chat with its
// follows (its pending deliveries skipped). It returns what was deleted.
func (s *Store) DeleteSubscriber(ctx context.Context, value string) (FoundSubscriber, error) {
	var found FoundSubscriber
	err := s.InTx(ctx, func(tx *Store) error {
		var err error
		if found, err = tx.LookupSubscriber(ctx, value); err != nil {
			return err
		}
		if found.Email != nil {
			return tx.DeleteEmailSubscriber(ctx, found.Email.ID)
		}
		return tx.DeleteTelegramChat(ctx, found.Chat.ID)
	})
	return found, err
}
