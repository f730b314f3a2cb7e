-- State A of the service's database (as pg_dump --schema-only would give it, trimmed)
CREATE TABLE public.users (
    id bigint NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    email text
);
ALTER TABLE ONLY public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
CREATE INDEX users_name_idx ON public.users USING btree (name);
