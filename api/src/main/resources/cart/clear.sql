DELETE FROM cart_items WHERE user_id = $1
