UPDATE payment_events SET order_id = $2, outcome = $3 WHERE event_id = $1
