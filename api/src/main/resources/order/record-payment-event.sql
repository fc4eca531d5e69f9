-- A redelivery of an event being applied right now waits here for that transaction, then finds the row.
INSERT INTO payment_events (event_id, type, outcome) VALUES ($1, $2, 'applying')
ON CONFLICT (event_id) DO NOTHING
RETURNING 1
