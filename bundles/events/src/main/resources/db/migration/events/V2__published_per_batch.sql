-- What a batch's handling published, one row per batch instead of one per published event: a relay's
-- batch of 1,000 events wrote 1,000 rows and 2,000 index entries here, and that was a third of what it
-- cost. Each consumed record names its batch, so a redelivered event still finds what it published.
CREATE TABLE events_consumed_batch (
    consumer     text NOT NULL,
    batch        uuid NOT NULL,
    -- event_ids[i] is the consumed event whose handling published the i-th event of published.
    event_ids    text[] NOT NULL,
    -- The published events as an RFC 7464 JSON text sequence: each one preceded by RS (U+001E) and
    -- followed by a line feed. RS cannot occur in JSON text, so the events are kept exactly, unescaped.
    published    text NOT NULL,
    consumed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, batch)
);
-- Records come in time order, which is what BRIN is for: the janitor finds the old ones without a
-- btree entry per event to maintain.
CREATE INDEX events_consumed_batch_at ON events_consumed_batch USING brin (consumed_at);

ALTER TABLE platform_event_consumed ADD COLUMN batch uuid;
DROP INDEX platform_event_consumed_at;
CREATE INDEX platform_event_consumed_at ON platform_event_consumed USING brin (consumed_at);

-- What earlier versions kept, one event at a time, becomes one batch per consumed event.
CREATE TEMPORARY TABLE events_old_batches ON COMMIT DROP AS
    SELECT consumer, event_id, gen_random_uuid() AS batch,
           array_agg(event_id ORDER BY seq) AS event_ids,
           string_agg(chr(30) || event || chr(10), '' ORDER BY seq) AS published,
           min(consumed_at) AS consumed_at
      FROM events_consumed_published
     GROUP BY consumer, event_id;
INSERT INTO events_consumed_batch (consumer, batch, event_ids, published, consumed_at)
    SELECT consumer, batch, event_ids, published, consumed_at FROM events_old_batches;
UPDATE platform_event_consumed c SET batch = o.batch
  FROM events_old_batches o WHERE c.consumer = o.consumer AND c.event_id = o.event_id;
DROP TABLE events_consumed_published;
