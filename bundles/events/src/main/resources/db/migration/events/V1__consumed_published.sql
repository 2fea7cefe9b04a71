-- What a consumer's handling of an event published, kept with its "consumed" record in the same
-- transaction: when a crash comes between the database commit and the broker's, the redelivered event
-- is a duplicate and these are sent again (the broker drops those it already has).
CREATE TABLE events_consumed_published (
    consumer     text NOT NULL,
    event_id     text NOT NULL,
    seq          int  NOT NULL,
    event        text NOT NULL,
    consumed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id, seq)
);
CREATE INDEX events_consumed_published_at ON events_consumed_published (consumed_at);
