ALTER TABLE audit_entries ADD COLUMN entry_id uuid PRIMARY KEY DEFAULT gen_random_uuid();
