-- strata:destructive
-- Nothing reads legacy_ref since release 4.2; old_carts was replaced by cart_items.
ALTER TABLE orders DROP COLUMN legacy_ref;
DROP TABLE old_carts;
