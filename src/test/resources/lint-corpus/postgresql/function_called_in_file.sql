SET lock_timeout = '2s';
CREATE OR REPLACE FUNCTION rename_payment_amount() RETURNS void AS $$
BEGIN
      IF EXISTS (SELECT 1
                  FROM information_schema.columns
                  WHERE table_name = 'payment'
                  AND column_name = 'amount')
      THEN
ALTER TABLE payment
    RENAME COLUMN "amount" TO "amount_paid";
END IF;
END;
$$ LANGUAGE plpgsql;

select rename_payment_amount();
DROP FUNCTION IF EXISTS rename_payment_amount();
