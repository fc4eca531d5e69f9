SELECT points FROM points_ledger WHERE order_id = $1 AND reason = 'order_paid'
