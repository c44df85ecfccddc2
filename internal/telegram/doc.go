// Package telegram is partnerfeed's Telegram bot: commands to follow partner
// cities, the fan-out of new articles through durable jobs and the delivery
// ledger, and a sender that keeps within Telegram's flood limits.
//
// Delivery, step by step:
//
//  1. notify.Worker hands a new article to Bot.Fanout inside its transaction.
//     Fanout records one pending ledger row per active chat following one of
//     the article's partners (and per configured channel), in one statement,
//     and inserts one River job (SendArgs) per batch of rows, in the same
//     transaction: rows and jobs commit together or not at all.
//  2. A send job claims rows of its batch (pending → sending) only when a send
//     slot is free: at most telegram.send_concurrency rows of a process are in
//     sending at any time. Each message waits for the Limiter, is sent, and
//     its outcome (sent, failed, or pending again to retry later) is stored
//     before its slot is freed.
//  3. After a crash, the rows left in sending (at most send_concurrency) are
//     returned to pending once they are older than any delivery can take (the
//     lease) and resent: possible duplicates, counted in
//     partnerfeed_telegram_possible_duplicates_total. Pending rows get new
//     send jobs at start (the killed process's jobs stay "running" in River
//     until its rescuer gives up on them).
//  4. Every minute (and at start) the leader's sweep gives pending rows that
//     no live send job covers (River gave up on theirs after its last
//     attempt, or it runs on a replica silent for jobs.DeadAfter) a new job,
//     after returning the rows and limits a dead replica held. A row covered
//     twice is still sent once: a job claims a row (pending → sending, one
//     UPDATE) before sending it.
//
// Limits: the bot-wide window is counted from request completions, so
// Telegram never sees more than the limit whatever the delays on the way; a
// restarted process primes it from the ledger. A 429 makes the chat wait
// retry_after and the whole bot slow down; 403 and "chat not found"
// deactivate the chat; migrate_to_chat_id moves it; 5xx and timeouts are
// retried with backoff, then left pending for River to retry the job.
//
// The bot itself (getMe, setMyCommands, long polling or the webhook) runs in
// the background (Bot.Run): Telegram being unreachable delays nothing else.
// Incoming updates (commands, taps) are stored in the inbox table, with the
// getUpdates offset past them, before Telegram is told they arrived (the next
// getUpdates, or the webhook's 200); telegram.update_workers workers handle
// them, one chat's one at a time and in order, chats taking turns, so a chat
// sending many commands delays another chat's answer by at most one of its
// own. A handled update leaves the inbox; a restart handles what is left.
// One replica handles updates: the poller, or in webhook mode (where every
// replica accepts them) the holder of a lease, so a chat's order holds.
package telegram
