LOCK TABLES orders WRITE;
UPDATE orders SET status = 'closed' WHERE id = 7;
UNLOCK TABLES;
