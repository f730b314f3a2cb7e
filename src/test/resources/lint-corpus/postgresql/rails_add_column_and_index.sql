ALTER TABLE "users" ADD "confirmed_at" timestamp;
CREATE INDEX "index_users_on_confirmed_at" ON "users" ("confirmed_at");
