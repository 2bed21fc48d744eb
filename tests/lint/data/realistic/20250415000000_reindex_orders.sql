-- strata:no-transaction
REINDEX TABLE orders;
