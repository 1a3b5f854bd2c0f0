-- Deleting a delivery checks the replays referring to it: without this index, removing an endpoint with a long
-- history scanned the whole table once per delivery.
create index if not exists webhook_delivery_replay_idx on webhook_delivery (replay_of) where replay_of is not null;
