ALTER TABLE "users" ADD "admin" boolean DEFAULT false NOT NULL;
