DROP INDEX idx_old ON orders;
