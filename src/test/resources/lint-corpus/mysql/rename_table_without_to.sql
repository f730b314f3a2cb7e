SET SESSION lock_wait_timeout = 5;
drop index payment_audit_customer on payment_audit;
alter table payment_audit rename payment_audit_log;
create index payment_audit_log_customer on payment_audit_log(customer_id);
