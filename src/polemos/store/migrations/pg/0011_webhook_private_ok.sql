-- PostgreSQL dialect of migrations/0011_webhook_private_ok.sql: keep the two in step.
-- A watchlist's webhook reaches a private, loopback or link-local address only when whoever
-- made it allowed that (`alerts add --allow-private-webhook`, a workspace started with
-- --allow-private-fetch). Watchlists made before this rule existed are held to public addresses.
-- (Webhook secrets are sealed in the existing column: polemos.alerts.sealing.)
ALTER TABLE watchlists ADD COLUMN webhook_private_ok INTEGER NOT NULL DEFAULT 0;
